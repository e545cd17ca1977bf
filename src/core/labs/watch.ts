import { watch as chokidarWatch } from 'chokidar';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { NodeprepError, notFound } from '../errors.js';
import type { ProgressStore } from '../progress/store.js';
import { recordOutcome } from './record.js';
import type { CheckResult } from './run.js';
import { verifyLab, type VerifyOutcome } from './verify.js';
import { workspaceLabDir, type LabRef } from './workspace.js';

/** Saves closer together than this make one run. */
export const DEBOUNCE_MS = 200;

/** One run of a watch: its number (1 is the run at start) and when it started. */
export interface WatchRun {
  n: number;
  at: Date;
}

export interface WatchOptions {
  ref: LabRef;
  home: string;
  store: ProgressStore;
  env?: NodeJS.ProcessEnv;
  /** Poll the files instead of file-system events (network or container file systems). */
  poll?: boolean;
  /** Aborting stops the watch: a running verify is killed (and not recorded), the watcher closed. */
  signal: AbortSignal;
  /** The clock for recorded runs: a watch lasts hours, each run is recorded at its own time. */
  now: () => Date;
  onRunStart?: (run: WatchRun) => void;
  onCheck?: (check: CheckResult) => void;
  /** A finished run, already recorded. */
  onOutcome?: (outcome: VerifyOutcome, run: WatchRun) => void;
  /** A run that could not happen, or the watcher failing; the watch goes on unless the caller aborts. */
  onError?: (err: unknown) => void;
}

/** The learner's copy of the lab, or the not-found error that says how to make one. */
export function labCopyDir(home: string, ref: LabRef): string {
  const dir = workspaceLabDir(home, ref);
  if (!existsSync(dir)) throw notFound(`You have no copy of lab ${ref.day} yet: run \`nodeprep lab ${ref.day}\` first.`);
  return dir;
}

/**
 * Verifies the learner's copy once, then again after each burst of saves (debounced; saves during
 * a run are ignored), recording every finished run. Resolves once `signal` aborts, the running
 * verify (if any) has stopped and the watcher is closed.
 */
export async function watchLab(opts: WatchOptions): Promise<void> {
  const { ref, signal } = opts;
  const dir = labCopyDir(opts.home, ref);
  if (signal.aborted) return;
  const stopped = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  let n = 0;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = async (): Promise<void> => {
    const run: WatchRun = { n: ++n, at: opts.now() };
    try {
      opts.onRunStart?.(run);
      const outcome = await verifyLab({ ref, target: { kind: 'workspace' }, home: opts.home, env: opts.env, signal, onCheck: opts.onCheck });
      // A run cut short says nothing about the code: not recorded, not reported.
      if (signal.aborted) return;
      recordOutcome(opts.store, outcome, opts.now());
      opts.onOutcome?.(outcome, run);
    } catch (err) {
      if (!signal.aborted) opts.onError?.(err);
    }
  };
  const start = () => {
    running = runOnce().finally(() => (running = undefined));
  };

  const watcher = chokidarWatch(dir, {
    ignoreInitial: true,
    usePolling: opts.poll === true,
    interval: 300,
    ignored: (path) => path.includes('node_modules') || /(^|\/)\.[^/]/.test(relative(dir, path)),
  });
  watcher.on('all', () => {
    if (running || signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(start, DEBOUNCE_MS);
  });
  watcher.on('error', (err) => {
    if (!signal.aborted) opts.onError?.(new NodeprepError('LAB', `Cannot watch ${dir}: ${(err as Error).message ?? String(err)}`, { cause: err }));
  });

  start();
  await stopped;
  clearTimeout(timer);
  await running;
  await watcher.close();
}
