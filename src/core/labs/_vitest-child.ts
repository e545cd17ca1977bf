// Runs one lab's verify tests with Vitest inside a process the runner can kill as a group.
// Results go to the parent over IPC, one message per check, so the learner sees them live.
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { startVitest } from 'vitest/node';
import type { ChildConfig, ChildMessage } from './_protocol.js';

const config = JSON.parse(process.argv[2]!) as ChildConfig;
const send = (m: ChildMessage) => process.send?.(m);
const firstLine = (s: string) => s.split('\n').find((l) => l.trim())?.trim() ?? s;

const reporter: Reporter = {
  onTestCaseResult(test: TestCase) {
    const result = test.result();
    const error = result.errors?.[0];
    send({
      type: 'check',
      check: {
        name: test.fullName,
        file: test.module.relativeModuleId,
        state: result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped',
        message: error ? firstLine(error.message ?? String(error)) : undefined,
        durationMs: Math.round(test.diagnostic()?.duration ?? 0),
      },
    });
  },
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled) {
    const errors = [
      ...modules.flatMap((m) => m.errors().map((e) => `${m.relativeModuleId}: ${firstLine(e.message ?? String(e))}`)),
      ...unhandled.map((e) => `unhandled: ${firstLine(e.message ?? String(e))}`),
    ];
    send({ type: 'end', errors });
  },
};

const vitest = await startVitest(
  'test',
  [],
  {
    root: config.verifyDir,
    config: false,
    watch: false,
    reporters: [reporter],
    include: ['**/*.test.ts'],
    testTimeout: config.checkTimeoutMs,
    hookTimeout: config.checkTimeoutMs,
    fileParallelism: false,
    pool: 'forks',
  },
  {
    cacheDir: config.cacheDir,
    logLevel: 'silent',
    resolve: { alias: { 'nodeprep/testkit': config.testkit } },
  },
);
await vitest.close();
process.exit(0);
