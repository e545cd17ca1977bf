import cluster, { type Worker } from 'node:cluster';
import { SHUTDOWN, type Config } from './config.js';

/** The wait before the first restart; it doubles with each further crash in a row. */
export const RESTART_BASE_MS = 100;
/** The longest wait before a restart. */
export const RESTART_MAX_MS = 5_000;
/** After this many crashes in a row the primary stops restarting and shuts down with exit code 1. */
export const CRASH_LIMIT = 5;
/** A worker that has been listening this long ends the run of crashes (the count goes back to 0). */
export const STABLE_MS = 10_000;

/** How long to wait before restarting after the `crashesInARow`-th crash in a row (1, 2, …). */
export function restartDelay(crashesInARow: number): number {
  return Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** (crashesInARow - 1));
}

const liveWorkers = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

export function startPrimary(config: Config): void {
  let stopping = false;
  let crashes = 0;
  let announced = false;
  const listening = new Set<Worker>();
  const stableTimers = new Map<Worker, NodeJS.Timeout>();
  const restartTimers = new Set<NodeJS.Timeout>();

  const fork = (): void => {
    const worker = cluster.fork();
    console.log(`primary: forked worker ${worker.process.pid}`);
  };

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    stableTimers.set(worker, setTimeout(() => (crashes = 0), STABLE_MS).unref());
    if (!announced && listening.size >= config.workers) {
      announced = true;
      console.log(`listening on ${address.port}`);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    clearTimeout(stableTimers.get(worker));
    stableTimers.delete(worker);
    // A worker we stopped (or that drained itself after SIGTERM) is not replaced.
    if (stopping || worker.exitedAfterDisconnect) return;
    crashes++;
    const how = signal ?? `code ${code}`;
    if (crashes >= CRASH_LIMIT) {
      console.error(`primary: worker ${worker.process.pid} died (${how}), ${crashes} crashes in a row: giving up`);
      shutdown('crash loop', 1);
      return;
    }
    const delay = restartDelay(crashes);
    console.error(`primary: worker ${worker.process.pid} died (${how}); restarting in ${delay} ms`);
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      fork();
    }, delay);
    restartTimers.add(timer);
  });

  function shutdown(reason: string, exitCode: number): void {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    for (const timer of [...restartTimers, ...stableTimers.values()]) clearTimeout(timer);
    restartTimers.clear();
    const workers = liveWorkers();
    console.log(`primary: ${reason}: draining ${workers.length} worker(s)`);
    for (const worker of workers) {
      if (listening.has(worker)) {
        // It has its message handler: it stops accepting, finishes in-flight requests and exits.
        worker.send(SHUTDOWN, (err) => err && worker.kill('SIGKILL'));
      } else {
        worker.kill(); // still starting up: nothing in flight, and it may not listen for messages yet
      }
    }
    // The hard deadline. Unref'd: once the last worker has exited, the primary exits without waiting.
    setTimeout(() => {
      const left = liveWorkers();
      console.error(`primary: ${left.length} worker(s) still busy after ${config.shutdownTimeoutMs} ms: killing them`);
      for (const worker of left) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
  }

  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => shutdown('SIGINT', 0));

  for (let i = 0; i < config.workers; i++) fork();
}
