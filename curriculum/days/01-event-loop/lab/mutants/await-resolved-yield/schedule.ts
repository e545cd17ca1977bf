import { readFile } from 'node:fs';

/** The five ways to defer a callback that this lab compares. */
export type Api = 'nextTick' | 'promise' | 'queueMicrotask' | 'setTimeout' | 'setImmediate';

/** A macrotask API whose callbacks `orderBetweenCallbacks` compares. */
export type MacrotaskApi = 'setTimeout' | 'setImmediate';

/**
 * Schedules one labelled callback with each API, in this order, synchronously from the caller's
 * context: process.nextTick, Promise.resolve().then, queueMicrotask, setTimeout(0), setImmediate.
 * Resolves with the labels in the order the callbacks ran, once all five have run: the order of
 * setTimeout(0) and setImmediate depends on the context, so neither may be assumed to come last.
 */
export function orderFromHere(): Promise<Api[]> {
  return new Promise((resolve) => {
    const ran: Api[] = [];
    const record = (api: Api) => () => {
      ran.push(api);
      if (ran.length === 5) resolve(ran);
    };
    process.nextTick(record('nextTick'));
    void Promise.resolve().then(record('promise'));
    queueMicrotask(record('queueMicrotask'));
    setTimeout(record('setTimeout'), 0);
    setImmediate(record('setImmediate'));
  });
}

/**
 * Reads `file` with the callback API and calls `orderFromHere` inside the callback, i.e. in the
 * poll phase, where setImmediate (check phase) always runs before setTimeout(0) (next timers phase).
 * Rejects with the read error, scheduling nothing, when the file cannot be read.
 */
export function orderFromIoCallback(file: string): Promise<Api[]> {
  return new Promise((resolve, reject) => {
    readFile(file, (err) => {
      if (err) reject(err);
      else resolve(orderFromHere());
    });
  });
}

/**
 * Schedules two callbacks, A then B, with `api`; each records its label, then schedules a promise
 * callback and after it a nextTick callback that record `<label>:promise` and `<label>:nextTick`.
 * Resolves with all six labels in the order they ran. Since Node 11 both queues are drained after
 * every single timer or immediate callback, so A's follow-ups run before B.
 */
export function orderBetweenCallbacks(api: MacrotaskApi): Promise<string[]> {
  return new Promise((resolve) => {
    const ran: string[] = [];
    const record = (label: string) => {
      ran.push(label);
      if (ran.length === 6) resolve(ran);
    };
    const callback = (label: string) => () => {
      record(label);
      void Promise.resolve().then(() => record(`${label}:promise`));
      process.nextTick(() => record(`${label}:nextTick`));
    };
    for (const label of ['A', 'B']) {
      if (api === 'setTimeout') setTimeout(callback(label), 0);
      else setImmediate(callback(label));
    }
  });
}

export interface ChunkOptions {
  /** Items processed between two yields; a positive integer, 1000 by default. */
  chunkSize?: number;
  /** Checked between chunks: once aborted, the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

export type Work<T> = (item: T, index: number) => void;

function checkChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
}

/**
 * The starvation guard: calls `work` for every item and, after every `chunkSize` items, yields with
 * setImmediate so that due timers and pending I/O run before the next chunk. Resolves with the
 * number of items processed; rejects with the error `work` throws, or with `signal.reason`.
 */
export async function processInChunks<T>(items: Iterable<T>, work: Work<T>, options: ChunkOptions = {}): Promise<number> {
  const { chunkSize = 1000, signal } = options;
  checkChunkSize(chunkSize);
  signal?.throwIfAborted();
  let index = 0;
  for (const item of items) {
    work(item, index++);
    if (index % chunkSize === 0) {
      await Promise.resolve(); // an await gives the event loop a turn
      signal?.throwIfAborted();
    }
  }
  return index;
}

/**
 * The counter-example: the same chunked loop, but it "yields" with process.nextTick. The next-tick
 * queue is drained completely before the event loop moves on, so no timer or I/O callback can run
 * until every item is done.
 */
export function processWithNextTick<T>(items: Iterable<T>, work: Work<T>, options: ChunkOptions = {}): Promise<number> {
  const { chunkSize = 1000, signal } = options;
  return new Promise((resolve, reject) => {
    checkChunkSize(chunkSize);
    signal?.throwIfAborted();
    const iterator = items[Symbol.iterator]();
    let index = 0;
    const step = () => {
      try {
        for (let n = 0; n < chunkSize; n++) {
          const next = iterator.next();
          if (next.done) return resolve(index);
          work(next.value, index++);
        }
        signal?.throwIfAborted();
      } catch (err) {
        iterator.return?.();
        return reject(err);
      }
      process.nextTick(step);
    };
    process.nextTick(step);
  });
}
