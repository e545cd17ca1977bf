// Day 1 lab: observe the order Node.js runs deferred callbacks in, and keep a long loop from
// starving timers and I/O. Read README.md for the ticket; `nodeprep verify 1` checks your work.

/** The five ways to defer a callback that this lab compares. */
export type Api = 'nextTick' | 'promise' | 'queueMicrotask' | 'setTimeout' | 'setImmediate';

/** A macrotask API whose callbacks `orderBetweenCallbacks` compares. */
export type MacrotaskApi = 'setTimeout' | 'setImmediate';

/**
 * Schedules one labelled callback with each API, in this order, synchronously from the caller's
 * context: process.nextTick, Promise.resolve().then, queueMicrotask, setTimeout(0), setImmediate.
 * Resolves with the labels in the order the callbacks ran, once all five have run.
 */
export function orderFromHere(): Promise<Api[]> {
  // TODO: schedule the five callbacks; each records its label; resolve when the fifth has run
  // (whichever that is).
  throw new Error('TODO: orderFromHere');
}

/**
 * Reads `file` and calls `orderFromHere` from inside the read's callback (the poll phase).
 * Rejects with the read error, scheduling nothing, when the file cannot be read.
 */
export function orderFromIoCallback(file: string): Promise<Api[]> {
  // TODO: which readFile gives you a real I/O callback?
  throw new Error('TODO: orderFromIoCallback');
}

/**
 * Schedules two callbacks, A then B, with `api`; each records its label, then schedules a promise
 * callback and after it a nextTick callback that record `<label>:promise` and `<label>:nextTick`.
 * Resolves with all six labels in the order they ran.
 */
export function orderBetweenCallbacks(api: MacrotaskApi): Promise<string[]> {
  // TODO
  throw new Error('TODO: orderBetweenCallbacks');
}

export interface ChunkOptions {
  /** Items processed between two yields; a positive integer, 1000 by default. */
  chunkSize?: number;
  /** Checked between chunks: once aborted, the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

export type Work<T> = (item: T, index: number) => void;

/**
 * The starvation guard: calls `work(item, index)` for every item and, after every `chunkSize`
 * items, yields to the event loop so that due timers and pending I/O run before the next chunk.
 * Resolves with the number of items processed; rejects with the error `work` throws, with
 * `signal.reason` once aborted, or with a RangeError for a bad chunkSize.
 */
export async function processInChunks<T>(items: Iterable<T>, work: Work<T>, options: ChunkOptions = {}): Promise<number> {
  // TODO: which yield lets the timers and poll phases run, and costs microseconds rather than 1 ms?
  throw new Error('TODO: processInChunks');
}

/**
 * The counter-example: the same chunked loop and contract, but it "yields" with process.nextTick.
 * Timers and I/O cannot run until every item is done.
 */
export function processWithNextTick<T>(items: Iterable<T>, work: Work<T>, options: ChunkOptions = {}): Promise<number> {
  // TODO
  throw new Error('TODO: processWithNextTick');
}
