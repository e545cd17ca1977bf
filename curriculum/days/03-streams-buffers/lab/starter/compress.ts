import { Transform } from 'node:stream';

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

/** A pass-through that counts the bytes going by and reports them. */
export function progressCounter(totalBytes: number, onProgress?: (p: CompressProgress) => void): Transform {
  let bytesRead = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // TODO: count each chunk, call onProgress, and hand the chunk on at once (never hold chunks back).
      bytesRead += 0;
      void totalBytes;
      void onProgress;
      done(null, chunk);
    },
  });
}

/** Gzips `src` into `dest` without holding the file in memory. */
export async function compressFile(src: string, dest: string, opts: CompressOptions = {}): Promise<CompressResult> {
  // TODO:
  // - validate `level`; reject at once if `signal` is already aborted;
  // - open the source first (a missing source must reject before anything is created) and get its size;
  // - write to a temporary file next to `dest`, through stream/promises `pipeline`:
  //   source -> progressCounter -> zlib.createGzip({ level }) -> temporary file, passing { signal };
  // - on success rename the temporary file to `dest`; on ANY failure remove the temporary file
  //   before rejecting, and leave an existing `dest` untouched;
  // - resolve with the bytes read and the bytes written.
  void src;
  void dest;
  void opts;
  throw new Error('TODO: implement compressFile');
}
