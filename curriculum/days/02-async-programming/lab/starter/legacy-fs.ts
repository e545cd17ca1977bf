/**
 * legacy-fs: the callback API the team is migrating off. Do not edit it: fs-promises.ts must
 * resolve with what these functions call back with, and reject with the errors they call back with.
 * It is written the way callback code of its era was, warts included (see writeJson).
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** Reads a UTF-8 JSON file. Bad JSON calls back with a SyntaxError whose message starts with `${path}: `. */
export function readJson(path: string, cb: (err: Error | null, value?: unknown) => void): void {
  fs.readFile(path, 'utf8', (err, text) => {
    if (err) return cb(err);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return cb(new SyntaxError(`${path}: ${(e as Error).message}`));
    }
    cb(null, value); // outside the try: an exception thrown by cb must not call cb a second time
  });
}

/**
 * Writes `value` as JSON indented by 2 spaces plus a final newline, atomically: into a temp file
 * beside the target, then renamed over it, so readers see the old file or the new one, never half
 * of one. On failure the temp file is removed and the target is left as it was.
 *
 * Wart: a value JSON cannot represent (a BigInt, a cycle, `undefined`) calls back with a TypeError
 * SYNCHRONOUSLY, before writeJson returns, while every other outcome calls back later ("Zalgo").
 */
export function writeJson(path: string, value: unknown, cb: (err: Error | null) => void): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, 2);
  } catch (e) {
    return cb(e as Error);
  }
  if (text === undefined) return cb(new TypeError(`${path}: ${typeof value} cannot be written as JSON`));
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  fs.writeFile(tmp, `${text}\n`, { flag: 'wx' }, (err) => {
    if (err) return fs.rm(tmp, { force: true }, () => cb(err));
    fs.rename(tmp, path, (renameErr) => {
      if (renameErr) return fs.rm(tmp, { force: true }, () => cb(renameErr));
      cb(null);
    });
  });
}

/** Names of the regular files directly inside `dir` (no directories, no symlinks), sorted. */
export function listFiles(dir: string, cb: (err: Error | null, names?: string[]) => void): void {
  fs.readdir(dir, { withFileTypes: true }, (err, entries) => {
    if (err) return cb(err);
    cb(null, entries.filter((e) => e.isFile()).map((e) => e.name).sort());
  });
}

/**
 * Reads a UTF-8 file and the stats of the same open file: calls back with TWO values,
 * `cb(null, text, stats)`. A directory calls back with an EISDIR error. The file is closed on every path.
 */
export function readTextWithStats(path: string, cb: (err: Error | null, text?: string, stats?: fs.Stats) => void): void {
  fs.open(path, 'r', (err, fd) => {
    if (err) return cb(err);
    const close = (e: Error | null, text?: string, stats?: fs.Stats) =>
      fs.close(fd, (closeErr) => {
        if (e) cb(e);
        else if (closeErr) cb(closeErr);
        else cb(null, text, stats);
      });
    fs.fstat(fd, (statErr, stats) => {
      if (statErr) return close(statErr);
      // fs.readFile(fd) of a directory calls back with "" on Linux: refuse it the way open-and-read would.
      if (stats.isDirectory()) {
        return close(Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR', syscall: 'read', path }));
      }
      fs.readFile(fd, 'utf8', (readErr, text) => (readErr ? close(readErr) : close(null, text, stats)));
    });
  });
}

/**
 * Copies the directory `src` into `dest` recursively: directories and regular files only (symlinks
 * and other entries are skipped). `dest` and its subdirectories are created as needed; files already
 * in `dest` with the same name are overwritten, others are kept. A missing `src` calls back with its
 * ENOENT before `dest` is created.
 */
export function copyTree(src: string, dest: string, cb: (err: Error | null) => void): void {
  let finished = false;
  const finish = (err: Error | null) => {
    if (finished) return;
    finished = true;
    cb(err);
  };
  fs.readdir(src, { withFileTypes: true }, (err, entries) => {
    if (err) return finish(err);
    fs.mkdir(dest, { recursive: true }, (mkdirErr) => {
      if (mkdirErr) return finish(mkdirErr);
      let pending = entries.length;
      if (pending === 0) return finish(null);
      const one = (e: Error | null) => {
        if (e) return finish(e);
        if (--pending === 0) finish(null);
      };
      for (const entry of entries) {
        const from = join(src, entry.name);
        const to = join(dest, entry.name);
        if (entry.isDirectory()) copyTree(from, to, one);
        else if (entry.isFile()) fs.copyFile(from, to, one);
        else process.nextTick(one, null);
      }
    });
  });
}
