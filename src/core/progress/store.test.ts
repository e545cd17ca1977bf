import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs.js';
import { ProgressStore } from './store.js';
import { migrations } from './migrations.js';
import { projectRoot } from '../paths.js';

const tempDir = tempDirs('nodeprep-store-');

describe('ProgressStore', () => {
  it('migrates a new database to the latest schema, once', () => {
    const file = join(tempDir(), 'p.db');
    ProgressStore.open(file).close();
    const store = ProgressStore.open(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
  });

  it('records verify runs and knows when the learner passed', () => {
    const store = ProgressStore.open(':memory:');
    const run = { day: 3, target: 'workspace', passed: 4, failed: 1, failing: ['x'], durationMs: 10, at: '2026-12-01T00:00:00Z' };
    store.recordVerify({ ...run, ok: false });
    expect(store.labPassed(3)).toBe(false);
    store.recordVerify({ ...run, target: 'solution', ok: true, failing: [] });
    expect(store.labPassed(3)).toBe(false);
    store.recordVerify({ ...run, ok: true, failed: 0, failing: [] });
    expect(store.labPassed(3)).toBe(true);
    expect(store.verifyRuns(3).map((r) => r.failing)).toEqual([['x'], [], []]);
  });

  it('refuses a file that is not a database with a message saying what to do', () => {
    const file = join(tempDir(), 'p.db');
    writeFileSync(file, 'this is not sqlite'.repeat(100));
    expect(() => ProgressStore.open(file)).toThrow(/not a SQLite database .*Move it aside/);
  });

  it('keeps every committed write when the process is killed mid-stream', async () => {
    const file = join(tempDir(), 'p.db');
    ProgressStore.open(file).close();
    // A writer that commits one run at a time and reports each commit, killed without warning.
    const script = `
      import { ProgressStore } from ${JSON.stringify(join(projectRoot, 'dist/core/progress/store.js'))};
      const store = ProgressStore.open(${JSON.stringify(file)});
      for (let i = 0; ; i++) {
        store.recordVerify({ day: 1, target: 'workspace', ok: false, passed: i, failed: 0, failing: [], durationMs: 1, at: new Date().toISOString() });
        process.stdout.write(i + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let committed = -1;
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        const last = d.trim().split('\n').at(-1);
        committed = Number(last);
        if (committed >= 200 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.once('close', r));
    const store = ProgressStore.open(file);
    expect(store.verifyRuns(1).length).toBeGreaterThanOrEqual(committed + 1);
    store.close();
  });
});
