import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs.js';
import { projectRoot } from '../paths.js';
import { reachable } from '../services/_probe.js';
import { runVerify } from './run.js';

const fixtures = join(projectRoot, 'test', 'fixtures');
const scratch = tempDirs('nodeprep-test-');

/** Running, as opposed to gone or a zombie waiting for a parent that no longer exists to reap it. */
const running = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

describe('runVerify', () => {
  it.each([
    ['good', true, []],
    ['bad', false, ['sum > returns 0 for an empty list']],
  ])('reports each check of the %s target by name', async (target, ok, failing) => {
    const seen: string[] = [];
    const result = await runVerify({
      verifyDir: join(fixtures, 'lab-basic', 'verify'),
      targetDir: join(fixtures, 'lab-basic', target),
      timeoutMs: 60_000,
      checkTimeoutMs: 10_000,
      services: {},
      scratchDir: scratch(),
      onCheck: (c) => seen.push(c.name),
    });
    expect(result.ok).toBe(ok);
    expect(seen).toEqual(['sum > adds the numbers', 'sum > returns 0 for an empty list']);
    expect(result.checks.filter((c) => c.state === 'failed').map((c) => c.name)).toEqual(failing);
    if (!ok) expect(result.checks[1]!.message).toMatch(/^the sum of nothing is 0/);
  });

  it('stops an infinite loop at the deadline and leaves no process or port behind', async () => {
    const dir = scratch();
    const result = await runVerify({
      verifyDir: join(fixtures, 'lab-hang', 'verify'),
      targetDir: join(fixtures, 'lab-hang', 'target'),
      timeoutMs: 8_000,
      checkTimeoutMs: 60_000,
      services: {},
      scratchDir: dir,
    });
    expect(result.ok).toBe(false);
    expect(result.timedOut).toBe(true);
    expect(result.errors.join('\n')).toMatch(/did not finish within 8 s/);
    const infoFile = join(dir, 'hang-info.json');
    expect(existsSync(infoFile), 'the fixture should have started its server before spinning').toBe(true);
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { port: number; pids: number[] };
    for (const pid of info.pids) expect(running(pid), `process ${pid} should be gone`).toBe(false);
    expect(await reachable('127.0.0.1', info.port), `port ${info.port} should be free`).toBe(false);
  });
});
