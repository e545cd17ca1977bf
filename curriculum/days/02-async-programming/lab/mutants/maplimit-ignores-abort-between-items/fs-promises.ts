/**
 * fs-promises: the promise API that replaces legacy-fs.ts, plus the bounded-concurrency helper the
 * team reads whole directories with. The contract is in README.md (requirements 8-14).
 */
import type { Stats } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, copyFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

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
  const text = await readFile(path, { encoding: 'utf8', signal: options.signal });
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SyntaxError(`${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Writes `value` as 2-space JSON plus a newline, atomically (temp file beside it, then rename). */
export async function writeJson(path: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, null, 2); // a BigInt or a cycle throws a TypeError: we reject with it
  if (text === undefined) throw new TypeError(`${path}: ${typeof value} cannot be written as JSON`);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, `${text}\n`, { flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Names of the regular files directly inside `dir` (no directories, no symlinks), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
}

/** Reads a UTF-8 file and the stats of the same open file; the file is closed on every path. */
export async function readTextWithStats(path: string): Promise<{ text: string; stats: Stats }> {
  const file = await open(path, 'r');
  let result: { text: string; stats: Stats };
  try {
    const stats = await file.stat();
    result = { text: await file.readFile('utf8'), stats };
  } catch (err) {
    await file.close().catch(() => {}); // the read error is the one worth reporting
    throw err;
  }
  await file.close();
  return result;
}

/** Entries copied at once per directory level (legacy-fs starts them all, and hits EMFILE on big trees). */
const COPY_CONCURRENCY = 16;

/** Copies directories and regular files from `src` into `dest`; a missing `src` rejects before `dest` exists. */
export async function copyTree(src: string, dest: string): Promise<void> {
  const entries = await readdir(src, { withFileTypes: true });
  await mkdir(dest, { recursive: true });
  await mapLimit(entries, COPY_CONCURRENCY, async (entry) => {
    const from = join(src, entry.name);
    const to = join(dest, entry.name);
    if (entry.isDirectory()) await copyTree(from, to);
    else if (entry.isFile()) await copyFile(from, to);
  });
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
export function mapLimit<T, R>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number, signal: AbortSignal) => R | PromiseLike<R>,
  options: MapLimitOptions = {},
): Promise<R[]> {
  const { signal } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    return Promise.reject(new RangeError(`limit must be a positive integer, got ${String(limit)}`));
  }
  if (signal?.aborted) return Promise.reject(new AbortError({ cause: signal.reason }));

  const list = Array.from(items);
  const results = new Array<R>(list.length);
  const inFlight = new AbortController(); // tells running calls to give up once the run has failed

  return new Promise<R[]>((resolve, reject) => {
    let next = 0;
    let active = 0;
    let stopped = false; // set when an item fails

    const stop = (err: unknown) => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener('abort', onAbort);
      inFlight.abort(err);
      reject(err);
    };
    const onAbort = () => reject(new AbortError({ cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });

    const pump = () => {
      if (!stopped && active === 0 && next === list.length) {
        stopped = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(results);
        return;
      }
      while (!stopped && active < limit && next < list.length) {
        const index = next++;
        active++;
        let pending: PromiseLike<R>;
        try {
          pending = Promise.resolve(fn(list[index] as T, index, inFlight.signal));
        } catch (err) {
          stop(err); // fn threw before returning a promise
          return;
        }
        pending.then(
          (value) => {
            results[index] = value; // by index, not push: completion order must not leak into the result
            active--;
            pump();
          },
          stop,
        );
      }
    };
    pump();
  });
}

export interface ReadAllJsonOptions {
  /** Files read at once; default 8. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** Every `*.json` regular file directly inside `dir`, parsed, in name order. */
export async function readAllJson(dir: string, options: ReadAllJsonOptions = {}): Promise<Array<{ name: string; data: unknown }>> {
  const { concurrency = 8, signal } = options;
  if (signal?.aborted) throw new AbortError({ cause: signal.reason });
  const names = (await listFiles(dir)).filter((name) => name.endsWith('.json'));
  return mapLimit(
    names,
    concurrency,
    async (name, _index, stop) => ({ name, data: await readJson(join(dir, name), { signal: stop }) }),
    { signal },
  );
}
