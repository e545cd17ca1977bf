import { describe, it, expect, beforeAll } from 'vitest';
import * as fs from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importTarget, scratchDir } from 'nodeprep/testkit';
import { describeError, peakFsRequests, settle, trackUnhandled, turns, within } from './helpers.js';

const api = await importTarget<typeof import('../solution/fs-promises.js')>('fs-promises.ts');
const legacy = await importTarget<typeof import('../solution/legacy-fs.js')>('legacy-fs.ts');

/** Calls a legacy callback function by hand (not through the lab's promisify) and records what it called back with. */
function callLegacy(fn: (...args: never[]) => void, ...args: unknown[]): Promise<{ err: Error | null; values: unknown[] }> {
  return new Promise((resolve) => {
    (fn as (...a: unknown[]) => void)(...args, (err: Error | null, ...values: unknown[]) => resolve({ err, values }));
  });
}

/** What a failure looks like, for comparing the new API's errors with legacy-fs's. */
const shape = (e: unknown) => (e instanceof Error ? { name: e.name, code: (e as NodeJS.ErrnoException).code } : { value: e });

/** A directory tree as { 'relative/path': 'dir' | file contents (base64) }, for comparing copies. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out[r] = 'dir';
        walk(r);
      } else if (e.isSymbolicLink()) {
        out[r] = 'symlink';
      } else {
        out[r] = fs.readFileSync(join(root, r)).toString('base64');
      }
    }
  };
  walk('');
  return out;
}

function openFdCount(): number | undefined {
  for (const d of ['/proc/self/fd', '/dev/fd']) if (fs.existsSync(d)) return fs.readdirSync(d).length;
  return undefined;
}

describe('readJson / writeJson behave like legacy-fs', () => {
  it('readJson resolves with the parsed value', async () => {
    const dir = scratchDir();
    const file = join(dir, 'config.json');
    fs.writeFileSync(file, '{"port": 8080, "tags": ["a", "b"], "nested": {"ok": true}}');
    expect(await api.readJson(file), 'readJson must resolve with what legacy readJson calls back with').toEqual((await callLegacy(legacy.readJson, file)).values[0]);
  });

  it('readJson rejects like legacy: ENOENT for a missing file, a SyntaxError starting with the path for bad JSON', async () => {
    const dir = scratchDir();
    const missing = join(dir, 'missing.json');
    const bad = join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"port": 80,,}');
    const missingErr = await settle(() => api.readJson(missing));
    expect(missingErr.ok ? 'resolved' : shape(missingErr.error), 'a missing file must reject with the ENOENT error legacy calls back with').toEqual(shape((await callLegacy(legacy.readJson, missing)).err));
    const badErr = await settle(() => api.readJson(bad));
    expect(badErr.ok ? 'resolved' : (badErr.error as Error).name, 'bad JSON must reject with a SyntaxError').toBe('SyntaxError');
    expect(badErr.ok ? '' : (badErr.error as Error).message.startsWith(`${bad}: `), `the SyntaxError message must start with "${bad}: " so the log says which file is broken`).toBe(true);
  });

  it('writeJson writes the same bytes as legacy (2-space indent, final newline)', async () => {
    const dir = scratchDir();
    const value = { name: 'nodeprep', list: [1, 2, { deep: null }], text: 'ünïcödé' };
    await callLegacy(legacy.writeJson, join(dir, 'legacy.json'), value);
    await api.writeJson(join(dir, 'new.json'), value);
    expect(fs.readFileSync(join(dir, 'new.json'), 'utf8'), 'writeJson must write exactly what legacy writeJson writes').toBe(fs.readFileSync(join(dir, 'legacy.json'), 'utf8'));
  });

  it('writeJson replaces the file atomically: a temp file renamed over it, never the old file truncated in place', async () => {
    const dir = scratchDir();
    const file = join(dir, 'state.json');
    fs.writeFileSync(file, '{"version": 1}\n');
    fs.linkSync(file, join(dir, 'old-inode.json')); // a second name for the old file's inode
    await api.writeJson(file, { version: 2 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')), 'the target must hold the new value').toEqual({ version: 2 });
    expect(fs.readFileSync(join(dir, 'old-inode.json'), 'utf8'), 'the old inode was rewritten in place: readers could see a half-written file; write a temp file and rename it').toBe('{"version": 1}\n');
    expect(fs.readdirSync(dir).sort(), 'no temp file may be left behind').toEqual(['old-inode.json', 'state.json']);
  });

  it('writeJson rejects a value JSON cannot hold with a TypeError, leaving the old file and no temp file', async () => {
    const dir = scratchDir();
    const file = join(dir, 'state.json');
    fs.writeFileSync(file, '{"version": 1}\n');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const [label, value] of [['a BigInt', { n: 10n }], ['a cycle', cyclic], ['undefined', undefined]] as const) {
      let thrown: unknown;
      let returned: Promise<void> | undefined;
      try {
        returned = api.writeJson(file, value);
      } catch (e) {
        thrown = e;
      }
      expect(thrown === undefined, `writeJson(${label}) threw synchronously (${describeError(thrown)}): legacy's Zalgo must not leak, reject instead`).toBe(true);
      const r = await settle(() => returned!);
      expect(r.ok ? 'resolved' : (r.error as Error).name, `writeJson(${label}) must reject with a TypeError`).toBe('TypeError');
    }
    expect(fs.readFileSync(file, 'utf8'), 'the existing file must be untouched').toBe('{"version": 1}\n');
    expect(fs.readdirSync(dir), 'no temp file may be left behind').toEqual(['state.json']);
  });

  it('writeJson over a directory rejects like legacy and removes its temp file', async () => {
    const dir = scratchDir();
    const target = join(dir, 'taken');
    fs.mkdirSync(target);
    const legacyErr = (await callLegacy(legacy.writeJson, target, { a: 1 })).err;
    const r = await settle(() => api.writeJson(target, { a: 1 }));
    expect(r.ok ? 'resolved' : shape(r.error), 'renaming onto a directory fails: reject with the same error as legacy').toEqual(shape(legacyErr));
    expect(fs.readdirSync(dir), 'the temp file must be removed when the rename fails').toEqual(['taken']);
  });
});

describe('listFiles / readTextWithStats / copyTree behave like legacy-fs', () => {
  it('listFiles resolves with the sorted names of regular files only, like legacy', async () => {
    const dir = scratchDir();
    for (const name of ['b.txt', 'a.json', 'C.md', 'z']) fs.writeFileSync(join(dir, name), name);
    fs.mkdirSync(join(dir, 'sub.json'));
    fs.symlinkSync(join(dir, 'a.json'), join(dir, 'link.json'));
    const expected = (await callLegacy(legacy.listFiles, dir)).values[0];
    expect(await api.listFiles(dir), 'listFiles must resolve with what legacy calls back with (no directories, no symlinks, sorted)').toEqual(expected);
    for (const bad of [join(dir, 'nope'), join(dir, 'b.txt')]) {
      const r = await settle(() => api.listFiles(bad));
      expect(r.ok ? 'resolved' : shape(r.error), `listFiles(${bad}) must reject with legacy's error`).toEqual(shape((await callLegacy(legacy.listFiles, bad)).err));
    }
  });

  it('readTextWithStats resolves the two-value callback as { text, stats }', async () => {
    const dir = scratchDir();
    const file = join(dir, 'notes.txt');
    fs.writeFileSync(file, 'two values: ✓');
    const r = await api.readTextWithStats(file);
    expect(r.text, 'text must be the file as UTF-8').toBe('two values: ✓');
    expect(r.stats instanceof fs.Stats && r.stats.isFile(), 'stats must be the fs.Stats of the file').toBe(true);
    expect(r.stats.size, 'stats.size must be the file size in bytes').toBe(Buffer.byteLength('two values: ✓'));
  });

  it('readTextWithStats rejects like legacy and closes the file on every path (200 failed reads leak no descriptors)', async () => {
    const dir = scratchDir();
    for (const bad of [join(dir, 'missing.txt'), dir]) {
      const r = await settle(() => api.readTextWithStats(bad));
      expect(r.ok ? 'resolved' : shape(r.error), `readTextWithStats(${bad}) must reject with legacy's error`).toEqual(shape((await callLegacy(legacy.readTextWithStats, bad)).err));
    }
    const before = openFdCount();
    for (let i = 0; i < 200; i++) await settle(() => api.readTextWithStats(dir)); // opening a directory works; reading it fails
    const after = openFdCount();
    if (before !== undefined && after !== undefined) {
      expect(after - before, `200 failed reads left ${after - before} more descriptors open: close the file when the read fails`).toBeLessThan(50);
    }
  });

  it('copyTree copies the same tree legacy copies (nested dirs, empty dirs, binary files; symlinks skipped; existing files overwritten)', async () => {
    const root = scratchDir();
    const src = join(root, 'src');
    fs.mkdirSync(join(src, 'a/b/c'), { recursive: true });
    fs.mkdirSync(join(src, 'empty'));
    fs.writeFileSync(join(src, 'top.txt'), 'top');
    fs.writeFileSync(join(src, 'a/b/c/deep.bin'), Buffer.from([0, 255, 1, 254, 10, 13]));
    for (let i = 0; i < 40; i++) fs.writeFileSync(join(src, 'a', `f${i}.txt`), `file ${i}`);
    fs.symlinkSync(join(src, 'top.txt'), join(src, 'a/link'));
    for (const d of ['legacy', 'new']) {
      fs.mkdirSync(join(root, d));
      fs.writeFileSync(join(root, d, 'top.txt'), 'stale');
      fs.writeFileSync(join(root, d, 'keep.txt'), 'kept');
    }
    const legacyRun = await callLegacy(legacy.copyTree, src, join(root, 'legacy'));
    expect(legacyRun.err, 'legacy copyTree itself must succeed (test setup)').toBeNull();
    await within(api.copyTree(src, join(root, 'new')), 5_000, 'copyTree did not finish');
    expect(snapshot(join(root, 'new')), 'copyTree must produce the same tree as legacy copyTree').toEqual(snapshot(join(root, 'legacy')));
  });

  it('copyTree of a missing source rejects with ENOENT and does not create the destination', async () => {
    const root = scratchDir();
    const r = await settle(() => api.copyTree(join(root, 'nope'), join(root, 'dest')));
    expect(r.ok ? 'resolved' : shape(r.error), 'a missing source must reject with ENOENT').toEqual({ name: 'Error', code: 'ENOENT' });
    expect(fs.existsSync(join(root, 'dest')), 'dest must not be created when src is missing (legacy reads src first)').toBe(false);
  });
});

describe('readAllJson(dir, { concurrency, signal })', () => {
  const COUNT = 500;
  let dir = '';
  beforeAll(async () => {
    dir = scratchDir('jsondir-');
    const names = Array.from({ length: COUNT }, (_, i) => `doc-${String(i).padStart(3, '0')}.json`);
    for (let i = 0; i < COUNT; i += 50) {
      await Promise.all(names.slice(i, i + 50).map((n, j) => writeFile(join(dir, n), JSON.stringify({ id: i + j }))));
    }
    fs.writeFileSync(join(dir, 'README.txt'), 'not json');
    fs.mkdirSync(join(dir, 'folder.json')); // a directory, not a file
  });

  it('resolves with every .json file in name order as { name, data }', async () => {
    const all = await within(api.readAllJson(dir, { concurrency: 16 }), 10_000, 'readAllJson over 500 files did not finish');
    expect(all.length, 'all 500 .json files (and nothing else) must be read').toBe(COUNT);
    expect(all.slice(0, 2), 'each entry must be { name, data }, in name order').toEqual([
      { name: 'doc-000.json', data: { id: 0 } },
      { name: 'doc-001.json', data: { id: 1 } },
    ]);
    expect(all.every((e, i) => e.name === `doc-${String(i).padStart(3, '0')}.json` && (e.data as { id: number }).id === i), 'every entry must be in name order with its own data').toBe(true);
  });

  it('never has more than `concurrency` file reads in flight over 500 files (concurrency 4)', async () => {
    const { peak } = await peakFsRequests(() => api.readAllJson(dir, { concurrency: 4 }));
    expect(peak, `at most 4 reads (+2 slack for the directory listing) may be in flight, but ${peak} file-system requests were: read through mapLimit`).toBeLessThanOrEqual(6);
  });

  it('reads at most 8 files at once when no concurrency is given', async () => {
    const { result, peak } = await peakFsRequests(() => api.readAllJson(dir));
    expect(result.length, 'all 500 files must be read').toBe(COUNT);
    expect(peak, `the default concurrency is 8, but ${peak} file-system requests were in flight`).toBeLessThanOrEqual(10);
  });

  it('rejects with the SyntaxError of a broken file, naming it', async () => {
    const broken = scratchDir('broken-');
    for (let i = 0; i < 20; i++) fs.writeFileSync(join(broken, `ok-${String(i).padStart(2, '0')}.json`), '{}');
    fs.writeFileSync(join(broken, 'ok-07b.json'), '{"oops": }');
    const r = await settle(() => api.readAllJson(broken, { concurrency: 3 }));
    expect(r.ok ? 'resolved' : (r.error as Error).name, 'one broken file must reject the whole read with its SyntaxError').toBe('SyntaxError');
    expect(r.ok ? '' : (r.error as Error).message, 'the error must name the broken file').toContain('ok-07b.json');
  });

  it('an already-aborted signal rejects with an AbortError before touching the disk (even for a missing directory)', async () => {
    const r = await settle(() => api.readAllJson(join(dir, 'does-not-exist'), { signal: AbortSignal.abort() }));
    expect(r.ok ? 'resolved' : describeError(r.error), 'an aborted signal must win over ENOENT: check it first').toMatch(/^AbortError/);
  });

  it('aborting mid-way rejects promptly with an AbortError and leaves no unhandled rejection', async () => {
    const unhandled = trackUnhandled();
    const controller = new AbortController();
    const run = api.readAllJson(dir, { concurrency: 4, signal: controller.signal });
    run.catch(() => {});
    await turns(10); // listing done, reads under way
    controller.abort();
    const r = await within(settle(() => run), 2_000, 'readAllJson must reject promptly once aborted');
    expect(r.ok ? 'resolved' : describeError(r.error), 'an abort mid-way must reject with an error named AbortError').toMatch(/^AbortError/);
    await turns(20);
    const seen = await unhandled.stop();
    expect(seen.map(describeError), 'reads still in flight at the abort must not end as unhandled rejections').toEqual([]);
  });

  it('an empty directory resolves with []', async () => {
    expect(await api.readAllJson(scratchDir('empty-')), 'no .json files → []').toEqual([]);
  });
});

