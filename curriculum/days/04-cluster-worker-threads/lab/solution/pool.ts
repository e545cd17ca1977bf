import { Worker } from 'node:worker_threads';

export interface RunOptions {
  /** Aborting rejects the task with `signal.reason`: a queued task is dropped, a running one's thread is terminated. */
  signal?: AbortSignal;
}

interface Job<In, Out> {
  task: In;
  resolve: (value: Out) => void;
  reject: (reason: unknown) => void;
}

/**
 * A fixed number of worker threads sharing one FIFO queue of tasks.
 *
 * The thread script answers every message (a task) with exactly one message (its result). A thread
 * that throws or exits fails the task it was running and is replaced when there is work for it, so a
 * script that cannot even start fails tasks one by one instead of respawning in a loop.
 */
export class WorkerPool<In, Out> {
  readonly size: number;
  readonly #file: URL | string;
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Job<In, Out>>();
  readonly #queue: Job<In, Out>[] = [];
  #threads = 0;
  #closing: Promise<void> | undefined;

  constructor(file: URL | string, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    this.#file = file;
    this.size = size;
    for (let i = 0; i < size; i++) this.#idle.push(this.#spawn()); // warm: the first tasks pay no start-up
  }

  /** Tasks waiting for a free thread. */
  get queued(): number {
    return this.#queue.length;
  }

  run(task: In, { signal }: RunOptions = {}): Promise<Out> {
    if (this.#closing) return Promise.reject(new Error('the pool is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Out>((resolve, reject) => {
      const onAbort = () => this.#cancel(job, signal!.reason);
      const done = () => signal?.removeEventListener('abort', onAbort);
      const job: Job<In, Out> = {
        task,
        resolve: (value) => (done(), resolve(value)),
        reject: (reason) => (done(), reject(reason)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /** Rejects queued and running tasks, terminates every thread; resolves once they are gone. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const closed = new Error('the pool was closed');
      for (const job of this.#queue.splice(0)) job.reject(closed);
      for (const job of this.#busy.values()) job.reject(closed);
      const threads = [...this.#idle, ...this.#busy.keys()];
      this.#idle.length = 0;
      this.#busy.clear();
      await Promise.all(threads.map((thread) => thread.terminate()));
    })();
    return this.#closing;
  }

  #spawn(): Worker {
    const thread = new Worker(this.#file);
    this.#threads++;
    let gone = false;
    const lost = (reason: Error) => {
      if (gone) return; // 'error' is followed by 'exit'
      gone = true;
      this.#threads--;
      const at = this.#idle.indexOf(thread);
      if (at !== -1) this.#idle.splice(at, 1);
      const job = this.#busy.get(thread);
      this.#busy.delete(thread);
      job?.reject(reason);
      this.#dispatch(); // queued work gets a replacement thread
    };
    const settle = (outcome: (job: Job<In, Out>) => void) => {
      const job = this.#busy.get(thread);
      if (!job) return;
      this.#busy.delete(thread);
      this.#idle.push(thread);
      outcome(job);
      this.#dispatch();
    };
    thread.on('message', (result: Out) => settle((job) => job.resolve(result)));
    thread.on('messageerror', (err) => settle((job) => job.reject(err)));
    thread.once('error', lost);
    thread.once('exit', (code) => lost(new Error(`the worker thread exited with code ${code}`)));
    return thread;
  }

  #dispatch(): void {
    while (!this.#closing && this.#queue.length > 0) {
      let thread = this.#idle.shift();
      if (!thread) {
        if (this.#threads >= this.size) return;
        thread = this.#spawn();
      }
      const job = this.#queue.shift()!;
      this.#busy.set(thread, job);
      try {
        thread.postMessage(job.task);
      } catch (err) {
        // the task cannot be cloned (a function, say): fail it, keep the thread
        this.#busy.delete(thread);
        this.#idle.push(thread);
        job.reject(err);
      }
    }
  }

  #cancel(job: Job<In, Out>, reason: unknown): void {
    const queued = this.#queue.indexOf(job);
    if (queued !== -1) {
      this.#queue.splice(queued, 1);
      job.reject(reason);
      return;
    }
    for (const [thread, running] of this.#busy) {
      if (running !== job) continue;
      // Synchronous work cannot be interrupted from outside: end the thread ('exit' replaces it).
      this.#busy.delete(thread);
      job.reject(reason);
      void thread.terminate();
      return;
    }
  }
}
