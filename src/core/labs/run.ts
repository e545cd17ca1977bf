import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ENV } from './testkit/_target.js';
import { projectRoot, testkitEntry, vitestChildEntry } from '../paths.js';
import type { ChildConfig, ChildMessage, CheckResult } from './_protocol.js';

export type { CheckResult } from './_protocol.js';

export interface RunOptions {
  verifyDir: string;
  targetDir: string;
  /** The whole run's limit; past it every process of the run is killed. */
  timeoutMs: number;
  checkTimeoutMs: number;
  /** Service URLs by name, as the services module found them. */
  services: Record<string, string>;
  /** A directory the tests may scribble in; the caller removes it. */
  scratchDir: string;
  /** Called for each check as it finishes. */
  onCheck?: (check: CheckResult) => void;
  signal?: AbortSignal;
}

export interface RunResult {
  ok: boolean;
  checks: CheckResult[];
  /** Problems outside any one check: a test file that failed to load, an unhandled error, a timeout. */
  errors: string[];
  timedOut: boolean;
  durationMs: number;
}

/**
 * Runs a lab's verify tests against one target directory in a child process group, and kills the
 * whole group when the run ends, times out or is aborted, so no process or port outlives it.
 */
export function runVerify(opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const config: ChildConfig = {
    verifyDir: opts.verifyDir,
    testkit: testkitEntry,
    checkTimeoutMs: opts.checkTimeoutMs,
    cacheDir: join(projectRoot, 'node_modules', '.vite', 'nodeprep-verify'),
  };
  const child = fork(vitestChildEntry(), [JSON.stringify(config)], {
    detached: true, // its own process group: one kill reaches every process the tests started
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      [ENV.target]: opts.targetDir,
      [ENV.services]: JSON.stringify(opts.services),
      [ENV.scratch]: opts.scratchDir,
      FORCE_COLOR: '0',
    },
  });
  const checks: CheckResult[] = [];
  const errors: string[] = [];
  let ended = false;
  let timedOut = false;
  let stderr = '';
  child.stdout!.resume();
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  child.on('message', (m: ChildMessage) => {
    if (m.type === 'check') {
      checks.push(m.check);
      opts.onCheck?.(m.check);
    } else {
      ended = true;
      errors.push(...m.errors);
    }
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, opts.timeoutMs);
  const onAbort = () => killGroup();
  if (opts.signal?.aborted) killGroup();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      killGroup(); // servers or workers the tests left behind
      if (timedOut) {
        errors.push(`The checks did not finish within ${Math.round(opts.timeoutMs / 1000)} s and were stopped: look for an infinite loop, a promise that never settles, or a server that is never closed.`);
      } else if (opts.signal?.aborted) {
        errors.push('The run was cancelled.');
      } else if (!ended) {
        const last = stderr.trim().split('\n').slice(-3).join(' | ');
        errors.push(`The test runner stopped unexpectedly (${signal ?? `exit code ${code}`})${last ? `: ${last}` : ''}`);
      }
      const failed = checks.some((c) => c.state === 'failed');
      resolve({
        ok: !failed && errors.length === 0 && checks.some((c) => c.state === 'passed'),
        checks,
        errors,
        timedOut,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
