import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scratchDir, spawnTarget } from 'nodeprep/testkit';
import { MiB, entries, gunzipEqualsRepeated, logData, until, writeRepeated } from './_helpers.js';

/** Lines of stderr, splitting on \r too (a TTY-style progress bar rewrites one line). */
const lines = (text: string) => text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
const stackFrame = /^\s+at .+/;
/** The last few stderr lines on one line: the runner shows only the first line of a failure. */
const tail = (text: string) => JSON.stringify(lines(text).slice(-2).join(' | ') || '(empty)');

/** The 256 MiB input, made once: a 4 MiB block of log lines written 64 times (far beyond gzip's 32 KiB window). */
const BLOCK = 4 * MiB;
const TIMES = 64;
let big: Promise<{ dir: string; src: string; block: Buffer }> | undefined;
function bigInput() {
  big ??= (async () => {
    const dir = scratchDir('big-');
    const src = join(dir, 'big.log');
    const block = logData(BLOCK, 42);
    await writeRepeated(src, block, TIMES);
    return { dir, src, block };
  })();
  return big;
}

/**
 * One CLI run on the 256 MiB input with its peak memory, and one on a tiny input as the baseline
 * (Node + tsx alone take tens of MiB, and that differs between machines).
 */
const MEMORY_LIMIT_MIB = 80;
let bigRun: Promise<{ code: number | null; signal: string | null; stderr: string; peakKb: number; baseKb: number; dest: string }> | undefined;
function compressBig() {
  bigRun ??= (async () => {
    const tinyDir = scratchDir('baseline-');
    writeFileSync(join(tinyDir, 'tiny.txt'), 'tiny\n');
    const base = spawnTarget('cli.ts', { args: [join(tinyDir, 'tiny.txt')], measureMemory: true });
    const [{ dir, src }] = await Promise.all([bigInput(), base.exited(20_000)]);
    const dest = join(dir, 'big.log.gz');
    const p = spawnTarget('cli.ts', { args: [src, dest], measureMemory: true });
    const exit = await p.exited(50_000);
    return { ...exit, stderr: p.stderr(), peakKb: p.peakRssKb() ?? NaN, baseKb: base.peakRssKb() ?? NaN, dest };
  })();
  return bigRun;
}

describe('cli.ts', () => {
  it('compresses <src> to <src>.gz by default, exits 0 and prints progress to stderr ending at 100%', async () => {
    const dir = scratchDir('cli-');
    const src = join(dir, 'notes.log');
    const data = logData(MiB + 77, 13);
    writeFileSync(src, data);
    const p = spawnTarget('cli.ts', { args: [src] });
    const exit = await p.exited(20_000);
    expect(exit, `a successful run exits with code 0 (stderr: ${tail(p.stderr())})`).toEqual({ code: 0, signal: null });
    expect(entries(dir), 'the default dest is <src>.gz, next to the source, with no temporary file left').toEqual(['notes.log', 'notes.log.gz']);
    expect(gunzipSync(readFileSync(join(dir, 'notes.log.gz'))).equals(data), 'the output must gunzip to the input').toBe(true);
    expect(p.stderr(), 'progress goes to stderr, with a percentage that reaches 100%').toMatch(/100\s*%/);
  });

  it('exits 1 with a one-line message (no stack trace) when the source is missing', async () => {
    const dir = scratchDir('cli-missing-');
    const src = join(dir, 'nope.txt');
    const p = spawnTarget('cli.ts', { args: [src, join(dir, 'out.gz')] });
    const exit = await p.exited(20_000);
    const err = lines(p.stderr());
    expect(exit, `a failure exits with code 1 (stderr: ${tail(p.stderr())})`).toEqual({ code: 1, signal: null });
    expect(err.filter((l) => stackFrame.test(l)), `the user sees a one-line message, not a stack trace (stderr: ${tail(p.stderr())})`).toEqual([]);
    expect(err.length, `exactly one line on stderr for this error (got ${JSON.stringify(p.stderr())})`).toBe(1);
    expect(err[0], 'the message names the missing file').toContain(basename(src));
    expect(entries(dir), 'nothing may be created').toEqual([]);
  });

  it(`keeps memory flat on a 256 MB input (peak RSS within ${MEMORY_LIMIT_MIB} MiB of a tiny run's)`, async () => {
    const r = await compressBig();
    expect({ code: r.code, signal: r.signal }, `compressing 256 MiB must succeed (stderr: ${tail(r.stderr)})`).toEqual({ code: 0, signal: null });
    expect(Number.isFinite(r.peakKb) && Number.isFinite(r.baseKb), 'the peak memory of both runs was recorded').toBe(true);
    const grewMiB = Math.round((r.peakKb - r.baseKb) / 1024);
    expect(
      grewMiB,
      `peak RSS grew by ${grewMiB} MiB over a tiny run (${Math.round(r.baseKb / 1024)} -> ${Math.round(r.peakKb / 1024)} MiB) for a 256 MiB input: ` +
        'something holds the data in memory (write() return value ignored, readFile, or a Transform that buffers)',
    ).toBeLessThan(MEMORY_LIMIT_MIB);
  });

  it('round-trips a 256 MB input', async () => {
    const { block } = await bigInput();
    const r = await compressBig();
    expect(r.code, 'the 256 MiB run must exit 0').toBe(0);
    const check = await gunzipEqualsRepeated(r.dest, block, TIMES);
    expect(check.ok, `gunzip(dest) must equal the 256 MiB input: ${check.detail}`).toBe(true);
  });

  it('on SIGINT aborts cleanly: no partial or temporary file, exit code 130', async () => {
    const { src } = await bigInput();
    const dir = scratchDir('cli-sigint-');
    mkdirSync(join(dir, 'out'));
    const outDir = join(dir, 'out');
    const p = spawnTarget('cli.ts', { args: [src, join(outDir, 'big.log.gz')] });
    // Under way: a temporary file appeared next to dest, or progress was printed.
    await until(
      () => entries(outDir).length > 0 || /\d\s*%/.test(p.stderr()) || p.child.exitCode !== null || p.child.signalCode !== null,
      20_000,
      'cli.ts neither created a file next to dest nor printed progress within 20 s',
    );
    expect(p.child.exitCode, `cli.ts exited before it could be interrupted (stderr: ${tail(p.stderr())})`).toBe(null);
    p.kill('SIGINT');
    const exit = await p.exited(20_000);
    const why = exit.code === 0 ? ' — exit 0 after SIGINT means a promise never settled and the event loop ran dry' : '';
    expect(exit, `after SIGINT the CLI aborts and exits with code 130 (128 + SIGINT)${why} (stderr: ${tail(p.stderr())})`).toEqual({ code: 130, signal: null });
    expect(entries(outDir), 'an interrupted run leaves neither dest nor a temporary file').toEqual([]);
    expect(lines(p.stderr()).filter((l) => stackFrame.test(l)), 'no stack trace on interrupt').toEqual([]);
  });
});
