/**
 * promisify: turns a Node-style callback function into one that returns a promise — your own, not
 * util.promisify. The contract is in README.md (requirements 1-7).
 */

/** Node's well-known symbol: a function may carry its own promise version under it (util.promisify reads it too). */
export const custom: unique symbol = Symbol.for('nodejs.util.promisify.custom');

/** How a callback that passes several values is turned into one resolved value. */
export interface PromisifyOptions {
  /**
   * `['bytesRead', 'buffer']`: `(err, a, b)` resolves with `{ bytesRead: a, buffer: b }`.
   * `true`: resolves with every value as an array, `[a, b]`.
   * Absent: resolves with the first value only, as util.promisify does.
   */
  multiArgs?: true | readonly string[];
}

/** Any Node-style callback: the error first, then the results. */
type AnyCallback = (err: any, ...values: any[]) => void;
type AnyFunction = (...args: any[]) => unknown;

/** Resolves with the callback's first value. */
export function promisify<A extends unknown[], V>(
  fn: (...args: [...A, (err: Error | null | undefined, value: V) => void]) => unknown,
): (...args: A) => Promise<V>;
/** Resolves with `{ name: value }` for each name in `multiArgs`, in callback order. */
export function promisify<A extends unknown[], K extends string>(
  fn: (...args: [...A, AnyCallback]) => unknown,
  options: { multiArgs: readonly K[] },
): (...args: A) => Promise<Record<K, unknown>>;
/** Resolves with every value the callback passed, as an array. */
export function promisify<A extends unknown[]>(
  fn: (...args: [...A, AnyCallback]) => unknown,
  options: { multiArgs: true },
): (...args: A) => Promise<unknown[]>;
export function promisify(fn: AnyFunction, options?: PromisifyOptions): (...args: unknown[]) => Promise<unknown>;
export function promisify(fn: AnyFunction, options: PromisifyOptions = {}): (...args: unknown[]) => Promise<unknown> {
  // TODO: refuse a non-function with a TypeError.
  // TODO: if fn[custom] is set, return it (and refuse one that is not a function).
  // TODO: return a function (mind `this`) that returns a promise: call fn with the caller's `this`,
  //       the caller's arguments and a callback appended last; reject with a truthy error, otherwise
  //       resolve with the first value, or shape several values per options.multiArgs.
  // TODO: mark the result with [custom] so promisifying it again returns it unchanged.
  void fn;
  void options;
  throw new Error('TODO: implement promisify');
}
