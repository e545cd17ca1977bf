import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';

export interface CompressProgress {
  /** Bytes of the source read so far. */
  bytesRead: number;
  /** The source's size when it was opened. */
  totalBytes: number;
}

export interface CompressOptions {
  /** zlib level: 0 (store only) to 9 (smallest); -1 or omitted means zlib's default (6). */
  level?: number;
  /** Aborting it stops the work; the promise rejects with an AbortError and no output is left. */
  signal?: AbortSignal;
  /** Called once per chunk read from the source. */
  onProgress?: (p: CompressProgress) => void;
}

export interface CompressResult {
  bytesIn: number;
  bytesOut: number;
}

/** The fs error's reason without its syscall and path, e.g. "ENOENT: no such file or directory". */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/, \w+(?: '.*)?$/, ''); // "…, open '/x'" and "…, rename '/a' -> '/b'" alike
}

/** An error saying what could not be done to which file, keeping the original as `cause` and its `code`. */
function failure(what: string, err: unknown): Error {
  const e = new Error(`cannot ${what}: ${reason(err)}`, { cause: err });
  return Object.assign(e, { code: (err as NodeJS.ErrnoException | undefined)?.code });
}

/**
 * Counts the bytes passing through and hands each chunk straight on. It holds nothing: the
 * Transform does not ask for the next chunk until `done` is called and the readable side has room,
 * so backpressure from gzip reaches the file reader unchanged.
 */
export function progressCounter(totalBytes: number, onProgress?: (p: CompressProgress) => void): Transform {
  let bytesRead = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      bytesRead += chunk.length;
      try {
        onProgress?.({ bytesRead, totalBytes });
      } catch (err) {
        return done(err as Error); // a throwing callback fails the run instead of crashing the process
      }
      done(null, chunk);
    },
  });
}

/**
 * Gzips `src` into `dest` with constant memory. The output goes to a temporary file next to `dest`
 * (same file system, so the final rename is atomic): `dest` is either the complete result or
 * untouched, and the temporary file is gone by the time the promise settles, whatever happened.
 */
export async function compressFile(src: string, dest: string, opts: CompressOptions = {}): Promise<CompressResult> {
  const { level = constants.Z_DEFAULT_COMPRESSION, signal, onProgress } = opts;
  if (!Number.isInteger(level) || level < -1 || level > 9) {
    throw new RangeError(`level must be an integer from -1 to 9, got ${level}`);
  }
  signal?.throwIfAborted();

  const input = await open(src, 'r').catch((err: unknown) => {
    throw failure(`read ${src}`, err);
  });
  let totalBytes: number;
  try {
    totalBytes = (await input.stat()).size;
  } catch (err) {
    await input.close();
    throw err;
  }
  const reader = input.createReadStream();
  // MUTANT: writes straight into dest (truncating whatever was there) and, on failure, leaves the
  // partial file behind for the next step to mistake for a complete archive.
  const writer = createWriteStream(dest);
  let failedAt: string | undefined;
  reader.once('error', () => (failedAt ??= `read ${src}`));
  writer.once('error', () => (failedAt ??= `write ${dest}`));
  try {
    await pipeline(reader, progressCounter(totalBytes, onProgress), createGzip({ level }), writer, { signal });
    return { bytesIn: reader.bytesRead, bytesOut: writer.bytesWritten };
  } catch (err) {
    if (signal?.aborted) throw err;
    throw failedAt ? failure(failedAt, err) : err;
  }
}
