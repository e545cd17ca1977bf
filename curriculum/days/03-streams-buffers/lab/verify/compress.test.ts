import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importTarget, scratchDir } from 'nodeprep/testkit';
import { MiB, entries, logData, settle, within } from './_helpers.js';

type Api = typeof import('../solution/compress.js');
const { compressFile, progressCounter } = await importTarget<Api>('compress.ts');

const HANG = 10_000; // far longer than any of these small runs needs, even on a busy machine
const run = (src: string, dest: string, opts?: Parameters<Api['compressFile']>[2]) =>
  within(
    (async () => compressFile(src, dest, opts))(), // a synchronous throw counts as a rejection
    HANG,
    'compressFile never settled: an error or an abort did not reach the promise (a .pipe() chain does not forward errors)',
  );

/** A fresh directory holding `input.txt` with `data`. */
function fixture(data: Buffer | string): { dir: string; src: string; dest: string } {
  const dir = scratchDir('compress-');
  const src = join(dir, 'input.txt');
  writeFileSync(src, data);
  return { dir, src, dest: join(dir, 'input.txt.gz') };
}

const errorName = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.name : typeof e);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

describe('compressFile round-trips through gunzip', () => {
  const cases: [string, Buffer][] = [
    ['an empty file', Buffer.alloc(0)],
    ['a small file', Buffer.from('hello, streams\n')],
    ['a multi-chunk file (1 MiB + 123 bytes, many 64 KiB reads)', logData(MiB + 123, 7)],
  ];
  for (const [name, data] of cases) {
    it(`round-trips ${name}`, async () => {
      const { dir, src, dest } = fixture(data);
      const result = await run(src, dest);
      expect(entries(dir), 'after success the directory holds the source and dest only (no temporary file left)').toEqual(['input.txt', 'input.txt.gz']);
      const out = readFileSync(dest);
      expect(gunzipSync(out).equals(data), 'gunzip(dest) must give back the source bytes exactly').toBe(true);
      expect(result, 'resolve with { bytesIn: source size, bytesOut: dest size }').toEqual({ bytesIn: data.length, bytesOut: out.length });
    });
  }

  it('honours the level option (0 stores, 9 compresses) and rejects an invalid level without writing anything', async () => {
    const data = logData(256 * 1024, 3);
    const { dir, src } = fixture(data);
    const stored = await run(src, join(dir, 'l0.gz'), { level: 0 });
    const best = await run(src, join(dir, 'l9.gz'), { level: 9 });
    expect(stored.bytesOut, 'level 0 only stores: the output is a little larger than the input').toBeGreaterThan(data.length);
    expect(best.bytesOut, 'level 9 compresses this log data at least 4:1').toBeLessThan(data.length / 4);
    expect(gunzipSync(readFileSync(join(dir, 'l9.gz'))).equals(data), 'level 9 output must still gunzip to the input').toBe(true);
    const bad = await settle(run(src, join(dir, 'bad.gz'), { level: 42 }));
    expect(bad.ok, 'level 42 is not a zlib level: compressFile must reject').toBe(false);
    expect(entries(dir), 'a rejected level must not leave a dest or temporary file').toEqual(['input.txt', 'l0.gz', 'l9.gz']);
  });
});

describe('progress', () => {
  it('progressCounter hands each chunk on as soon as it arrives, and counts it', async () => {
    const seen: { bytesRead: number; totalBytes: number }[] = [];
    const counter = progressCounter(30, (p) => seen.push({ ...p }));
    counter.write(Buffer.alloc(10, 1));
    await tick();
    expect(counter.readableLength, 'the first 10-byte chunk must be readable before any more data comes: pass it on with callback(null, chunk), do not collect chunks').toBe(10);
    expect(seen, 'one onProgress call per chunk, with the running total').toEqual([{ bytesRead: 10, totalBytes: 30 }]);
    counter.write(Buffer.alloc(20, 2));
    await tick();
    expect(counter.readableLength, 'the second chunk is passed on at once too').toBe(30);
    expect(seen.at(-1), 'bytesRead is the running total').toEqual({ bytesRead: 30, totalBytes: 30 });
    counter.end();
    const out = counter.read() as Buffer | null;
    expect(out?.equals(Buffer.concat([Buffer.alloc(10, 1), Buffer.alloc(20, 2)])), 'the bytes come out unchanged and in order').toBe(true);
  });

  it('calls onProgress with monotonic bytesRead that ends at totalBytes', async () => {
    const data = logData(MiB + 4321, 11);
    const { src, dest } = fixture(data);
    const seen: { bytesRead: number; totalBytes: number }[] = [];
    await run(src, dest, { onProgress: (p) => seen.push({ ...p }) });
    expect(seen.length, 'a 1 MiB file is read in several chunks: expect more than one progress call').toBeGreaterThan(1);
    expect(new Set(seen.map((p) => p.totalBytes)), 'totalBytes is the source size in every call').toEqual(new Set([data.length]));
    const backwards = seen.findIndex((p, i) => i > 0 && p.bytesRead < seen[i - 1]!.bytesRead);
    expect(backwards, `bytesRead must never go down (it did at call ${backwards})`).toBe(-1);
    expect(seen.every((p) => p.bytesRead <= p.totalBytes), 'bytesRead never exceeds totalBytes').toBe(true);
    expect(seen.at(-1)!.bytesRead, 'the last progress call reports every byte read').toBe(data.length);
  });
});

describe('compressFile fails cleanly', () => {
  it('rejects a missing source with an error naming it, and creates no dest', async () => {
    const dir = scratchDir('missing-');
    const src = join(dir, 'no-such-file.txt');
    const r = await settle(run(src, join(dir, 'out.gz')));
    expect(r.ok, 'a missing source must reject').toBe(false);
    if (!r.ok) expect(errorText(r.error), 'the error message names the missing file').toContain(basename(src));
    expect(entries(dir), 'nothing may be created next to dest').toEqual([]);
  });

  it('rejects when the destination directory does not exist', async () => {
    const { dir, src } = fixture('some data\n');
    const dest = join(dir, 'missing-dir', 'out.gz');
    const r = await settle(run(src, dest));
    expect(r.ok, 'an unwritable destination must reject').toBe(false);
    if (!r.ok) expect(errorText(r.error), 'the error message names the destination').toContain('out.gz');
    expect(entries(dir), 'the source is untouched and nothing else is created').toEqual(['input.txt']);
  });

  it('rejects when the source fails while being read (a directory) and leaves no dest or temporary file', async () => {
    const dir = scratchDir('eisdir-');
    const src = join(dir, 'a-directory');
    mkdirSync(src);
    const r = await settle(run(src, join(dir, 'out.gz')));
    expect(r.ok, 'reading a directory fails (EISDIR): that error must reach the promise').toBe(false);
    expect(entries(dir), 'after a read error no dest and no temporary file may remain').toEqual(['a-directory']);
  });

  it('rejects an already-aborted signal with an AbortError before touching the disk', async () => {
    const { dir, src, dest } = fixture('some data\n');
    const r = await settle(run(src, dest, { signal: AbortSignal.abort() }));
    expect(r.ok, 'an aborted signal must reject').toBe(false);
    if (!r.ok) expect(errorName(r.error), 'abort rejects with an AbortError').toBe('AbortError');
    expect(entries(dir), 'nothing may be written').toEqual(['input.txt']);
  });

  it('aborting mid-way rejects with an AbortError and leaves no dest and no temporary file', async () => {
    const data = logData(4 * MiB, 5);
    const { dir, src, dest } = fixture(data);
    const controller = new AbortController();
    let readAtAbort = 0;
    const r = await settle(
      run(src, dest, {
        signal: controller.signal,
        onProgress: ({ bytesRead }) => {
          if (bytesRead >= MiB / 2 && !controller.signal.aborted) {
            readAtAbort = bytesRead;
            controller.abort();
          }
        },
      }),
    );
    expect(readAtAbort, 'the test aborts after 512 KiB of progress: onProgress must be called while reading').toBeGreaterThan(0);
    expect(r.ok, 'an abort mid-way must reject').toBe(false);
    if (!r.ok) expect(errorName(r.error), 'abort rejects with an AbortError').toBe('AbortError');
    expect(entries(dir), 'by the time the promise rejects, no dest and no temporary file may remain').toEqual(['input.txt']);
  });

  it('a failed run leaves an existing dest untouched, and a later success replaces it', async () => {
    const data = logData(4 * MiB, 9);
    const { dir, src, dest } = fixture(data);
    writeFileSync(dest, 'previous good output');
    const controller = new AbortController();
    const r = await settle(
      run(src, dest, {
        signal: controller.signal,
        onProgress: ({ bytesRead }) => void (bytesRead >= MiB / 2 && controller.abort()),
      }),
    );
    expect(r.ok, 'an abort mid-way must reject').toBe(false);
    expect(readFileSync(dest, 'utf8'), 'write to a temporary file and rename on success: a failed run must not truncate the existing dest').toBe('previous good output');
    expect(entries(dir), 'no temporary file may remain').toEqual(['input.txt', 'input.txt.gz']);
    await run(src, dest);
    expect(gunzipSync(readFileSync(dest)).equals(data), 'a successful run replaces dest with the new output').toBe(true);
    expect(statSync(dest).size, 'dest holds the compressed data only').toBeLessThan(data.length);
  });
});
