/**
 * fs-promises: the promise API that replaces legacy-fs.ts, plus the bounded-concurrency helper the
 * team reads whole directories with. The contract is in README.md (requirements 8-14).
 *
 * Each fs function must resolve with what its legacy-fs counterpart calls back with, and reject with
 * the errors it calls back with. Wrap legacy-fs with your promisify, or rewrite on node:fs/promises:
 * the checks look at behaviour, not at how you got there.
 */
import type { Stats } from 'node:fs';

/** What mapLimit and readAllJson reject with when their signal aborts; `cause` is `signal.reason`. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  readonly code = 'ABORT_ERR';
  constructor(options?: ErrorOptions) {
    super('The operation was aborted', options);
  }
}

/** Reads a UTF-8 JSON file; bad JSON rejects with a SyntaxError whose message starts with `${path}: `. */
export async function readJson(path: string, options: { signal?: AbortSignal } = {}): Promise<unknown> {
  // TODO: like legacy readJson; pass options.signal down to the read.
  void options;
  throw new Error(`TODO: readJson(${path})`);
}

/** Writes `value` as 2-space JSON plus a newline, atomically (temp file beside it, then rename). */
export async function writeJson(path: string, value: unknown): Promise<void> {
  // TODO: like legacy writeJson — but never throw synchronously, and remove the temp file on failure.
  void value;
  throw new Error(`TODO: writeJson(${path})`);
}

/** Names of the regular files directly inside `dir` (no directories, no symlinks), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  // TODO: like legacy listFiles.
  throw new Error(`TODO: listFiles(${dir})`);
}

/** Reads a UTF-8 file and the stats of the same open file; the file is closed on every path. */
export async function readTextWithStats(path: string): Promise<{ text: string; stats: Stats }> {
  // TODO: the legacy callback passes two values, (err, text, stats): resolve with { text, stats }.
  throw new Error(`TODO: readTextWithStats(${path})`);
}

/** Copies directories and regular files from `src` into `dest`; a missing `src` rejects before `dest` exists. */
export async function copyTree(src: string, dest: string): Promise<void> {
  // TODO: like legacy copyTree, with async/await instead of a pending counter.
  throw new Error(`TODO: copyTree(${src}, ${dest})`);
}

export interface MapLimitOptions {
  /** Aborting it rejects the run with an AbortError at once and starts no further item. */
  signal?: AbortSignal;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; resolves with the results in input
 * order. The first failure (or an abort) rejects the run at once, starts nothing more, and aborts
 * the signal handed to the calls still in flight.
 */
export async function mapLimit<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number, signal: AbortSignal) => R | PromiseLike<R>,
  options: MapLimitOptions = {},
): Promise<R[]> {
  // TODO: RangeError for a bad limit; AbortError (and no call) for an already-aborted signal.
  // TODO: keep at most `limit` calls running; store each result at its own index.
  // TODO: on the first failure or on abort: reject at once, start nothing more, abort the inner
  //       signal the running calls got, and remove your abort listener (also on success).
  void items;
  void fn;
  void options;
  throw new Error(`TODO: mapLimit(…, ${limit})`);
}

export interface ReadAllJsonOptions {
  /** Files read at once; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** Every `*.json` regular file directly inside `dir`, parsed, in name order. */
export async function readAllJson(dir: string, options: ReadAllJsonOptions = {}): Promise<Array<{ name: string; data: unknown }>> {
  // TODO: an aborted signal rejects first; then listFiles → *.json → mapLimit(…, concurrency, readJson).
  void options;
  throw new Error(`TODO: readAllJson(${dir})`);
}
