// Test data and small utilities shared by the verify tests (not a test file itself).
import { createReadStream, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** xorshift32: a fast deterministic pseudo-random sequence, so every run sees the same bytes. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const PATHS = ['/api/v1/items', '/api/v1/users', '/api/v2/orders', '/healthz', '/static/app.js', '/login'];
const STATUS = [200, 200, 200, 201, 304, 404, 500];

/**
 * `size` bytes of access-log lines with pseudo-random fields: compresses about 14:1 (realistic,
 * not a run of zeros) and quickly enough that 256 MiB gzips in a few seconds.
 */
export function logData(size: number, seed = 1): Buffer {
  const next = rng(seed);
  const lines: string[] = [];
  let length = 0;
  for (let seq = 0; length < size; seq++) {
    const line = `10.0.${next() % 4}.${next() % 256} - - [26/Nov/2025:18:${String(next() % 60).padStart(2, '0')}:${String(next() % 60).padStart(2, '0')} +0000] "GET ${PATHS[next() % PATHS.length]}?id=${seed}-${seq} HTTP/1.1" ${STATUS[next() % STATUS.length]} ${next() % 5000} "-" "${UA}"\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, size);
}

/** Writes `block` `times` times to `path` (a block far larger than gzip's 32 KiB window looks fresh each time). */
export async function writeRepeated(path: string, block: Buffer, times: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (let i = 0; i < times; i++) await file.write(block);
  } finally {
    await file.close();
  }
}

/** Streams `gzPath` through gunzip and checks it is `block` repeated `times` times, without holding it in memory. */
export async function gunzipEqualsRepeated(gzPath: string, block: Buffer, times: number): Promise<{ ok: boolean; detail: string }> {
  let offset = 0;
  let mismatchAt = -1;
  await pipeline(
    createReadStream(gzPath, { highWaterMark: 1024 * KiB }),
    createGunzip({ chunkSize: 1024 * KiB }),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (let i = 0; i < chunk.length && mismatchAt < 0; ) {
          const at = (offset + i) % block.length;
          const n = Math.min(chunk.length - i, block.length - at);
          if (offset + i >= block.length * times || !chunk.subarray(i, i + n).equals(block.subarray(at, at + n))) mismatchAt = offset + i;
          i += n;
        }
        offset += chunk.length;
        done();
      },
    }),
  );
  const expected = block.length * times;
  if (mismatchAt >= 0) return { ok: false, detail: `the decompressed bytes differ from the input near offset ${mismatchAt}` };
  if (offset !== expected) return { ok: false, detail: `decompressed ${offset} bytes, the input has ${expected}` };
  return { ok: true, detail: '' };
}

/** The directory's entries, sorted: to see that no dest, temporary or partial file was left. */
export function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** The promise under test neither resolved nor rejected in time. */
export class HangError extends Error {
  override name = 'HangError';
}

/** Settles like `promise`, or rejects with a HangError after `ms`: a hang fails the check with a reason, not the check timeout. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HangError(`${message} (still pending after ${ms / 1000} s)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once `condition()` is true; rejects with `message` after `ms`. */
export async function until(condition: () => boolean, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await sleep(10);
  }
}

/** What a promise settled with, so a test can assert on a rejection; a HangError is re-thrown, failing the check. */
export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (error instanceof HangError) throw error;
    return { ok: false, error };
  }
}
