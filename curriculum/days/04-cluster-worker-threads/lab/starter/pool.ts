import { Worker } from 'node:worker_threads';

export interface RunOptions {
  /** Aborting rejects the task with `signal.reason`: a queued task is dropped, a running one's thread is terminated. */
  signal?: AbortSignal;
}

/**
 * A fixed number of worker threads sharing one FIFO queue of tasks.
 *
 * The thread script answers every message (a task) with exactly one message (its result). A thread
 * that throws or exits fails the task it was running and is replaced when there is work for it.
 */
export class WorkerPool<In, Out> {
  readonly size: number;
  readonly #file: URL | string;

  constructor(file: URL | string, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    this.#file = file;
    this.size = size;
    // TODO: start `size` threads: new Worker(this.#file). Keep track of which are idle and which are
    // busy (and with which task), and listen to each one's 'message', 'error' and 'exit' events.
  }

  /** Tasks waiting for a free thread. */
  get queued(): number {
    return 0; // TODO
  }

  /**
   * Runs `task` on the next free thread (FIFO) and resolves with the thread's answer.
   * Rejects when the thread throws or exits, when `signal` aborts (with `signal.reason`), and after close().
   */
  run(task: In, options: RunOptions = {}): Promise<Out> {
    // TODO: queue the task, hand it to an idle thread (postMessage), resolve with that thread's next
    // 'message'. Honour options.signal: already aborted -> reject at once; aborted while queued ->
    // drop it; aborted while running -> reject and terminate the thread (sync work cannot be
    // interrupted any other way); the queue then continues on a replacement thread.
    return Promise.reject(new Error(`TODO: WorkerPool.run (a pool of ${this.size} on ${String(this.#file)})`));
  }

  /** Rejects queued and running tasks, terminates every thread; resolves once they are gone. */
  close(): Promise<void> {
    return Promise.resolve(); // TODO
  }
}
