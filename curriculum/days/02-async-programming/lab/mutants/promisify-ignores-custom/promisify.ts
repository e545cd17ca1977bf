/**
 * promisify: turns a Node-style callback function into one that returns a promise, without
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
  if (typeof fn !== 'function') throw new TypeError(`promisify expects a function, got ${typeof fn}`);

  const { multiArgs } = options;
  const shape = (values: unknown[]): unknown => {
    if (multiArgs === true) return values;
    if (multiArgs) return Object.fromEntries(multiArgs.map((name, i) => [name, values[i]]));
    return values[0];
  };

  function promisified(this: unknown, ...args: unknown[]): Promise<unknown> {
    // The executor runs synchronously: a throw from fn rejects, a synchronous callback resolves,
    // and a second callback call is ignored because a promise settles only once.
    return new Promise((resolve, reject) => {
      fn.call(this, ...args, (err: unknown, ...values: unknown[]) => {
        if (err) reject(err);
        else resolve(shape(values));
      });
    });
  }

  // Mark the result so promisify(promisify(f)) returns it unchanged, as util.promisify does.
  Object.defineProperty(promisified, custom, { value: promisified });
  Object.defineProperty(promisified, 'name', { value: fn.name });
  return promisified;
}
