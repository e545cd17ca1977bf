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
  // TODO: 100, 200, 400, 800, … ms for the 1st, 2nd, 3rd, 4th crash in a row, never more than RESTART_MAX_MS.
  throw new Error(`TODO: restartDelay(${crashesInARow})`);
}

export function startPrimary(config: Config): void {
  let announced = false;
  const listening = new Set<Worker>();

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    if (!announced && listening.size >= config.workers) {
      announced = true;
      console.log(`listening on ${address.port}`);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    console.error(`primary: worker ${worker.process.pid} died (${signal ?? `code ${code}`})`);
    // TODO (restart): Node.js does not replace dead workers. When one dies unexpectedly (not while
    // shutting down, and not `worker.exitedAfterDisconnect`), fork a replacement after
    // restartDelay(crashes in a row). A worker that stays listening for STABLE_MS resets the count.
    // On the CRASH_LIMIT-th crash in a row, stop restarting: shut down and exit with code 1.
  });

  // TODO (shutdown): on SIGTERM and SIGINT:
  //   - stop restarting (cancel pending restarts);
  //   - tell each listening worker to drain: worker.send(SHUTDOWN); a worker still starting up can
  //     simply be killed (it has nothing in flight and may not be listening for messages yet);
  //   - exit 0 once every worker has exited;
  //   - if workers are still there after config.shutdownTimeoutMs, SIGKILL them and exit 1
  //     (an unref'd timer, so it never keeps the primary alive by itself).

  for (let i = 0; i < config.workers; i++) cluster.fork();
}
