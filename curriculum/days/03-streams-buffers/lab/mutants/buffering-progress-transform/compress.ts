import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
  const chunks: Buffer[] = [];
  return new Transform({
    // MUTANT: collects the chunks and hands them on in one piece at the end. done() is called
    // at once, so the reader is never slowed down: the whole file ends up in memory.
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      bytesRead += chunk.length;
      chunks.push(chunk);
      try {
        onProgress?.({ bytesRead, totalBytes });
      } catch (err) {
        return done(err as Error);
      }
      done();
    },
    flush(done: TransformCallback) {
      done(null, Buffer.concat(chunks));
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
  const tmp = join(dirname(dest), `.${basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  let output: FileHandle;
  let totalBytes: number;
  try {
    totalBytes = (await input.stat()).size;
    // 'wx': never follow or clobber something already at the temporary name.
    output = await open(tmp, 'wx').catch((err: unknown) => {
      throw failure(`write ${dest}`, err);
    });
  } catch (err) {
    await input.close();
    throw err;
  }

  const reader = input.createReadStream(); // closes `input` when done or destroyed
  // flush: fsync before close, so a crash just after the rename cannot leave dest holding unwritten data.
  const writer = output.createWriteStream({ flush: true }); // closes `output` likewise
  let failedAt: string | undefined; // the first stream that failed, for the message
  reader.once('error', () => (failedAt ??= `read ${src}`));
  writer.once('error', () => (failedAt ??= `write ${dest}`));
  try {
    await pipeline(reader, progressCounter(totalBytes, onProgress), createGzip({ level }), writer, { signal });
    await rename(tmp, dest).catch((err: unknown) => {
      throw failure(`write ${dest}`, err); // e.g. dest is a directory
    });
    return { bytesIn: reader.bytesRead, bytesOut: writer.bytesWritten };
  } catch (err) {
    // Wait until the temporary file is closed: unlinking an open file fails on Windows.
    if (!writer.closed) await new Promise<void>((resolve) => writer.once('close', () => resolve()));
    await rm(tmp, { force: true });
    if (signal?.aborted) throw err; // pipeline's AbortError, with signal.reason as its cause
    throw failedAt ? failure(failedAt, err) : err;
  }
}
