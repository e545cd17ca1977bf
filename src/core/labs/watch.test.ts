import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs.js';
import { loadPlan } from '../curriculum/load.js';
import { curriculumRoot } from '../paths.js';
import { ProgressStore } from '../progress/store.js';
import type { CheckResult } from './run.js';
import type { VerifyOutcome } from './verify.js';
import { DEBOUNCE_MS, watchLab, type WatchRun } from './watch.js';
import { copyStarter, labRef } from './workspace.js';

const tempDir = tempDirs('nodeprep-watch-');
const stores: ProgressStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));
const plan = loadPlan(curriculumRoot);
const ref = labRef(plan, 1);

/** File-system watch handles of this process (fs.watch and fs.watchFile). */
const watchHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'StatWatcher').length;

function setup() {
  const home = tempDir();
  const store = ProgressStore.open(join(home, 'nodeprep.db'));
  stores.push(store);
  return { home, store, runCount: () => store.db.prepare('SELECT COUNT(*) FROM verify_runs WHERE day = 1').pluck().get() as number };
}

describe('watchLab', () => {
  it.each([false, true])('runs at start and after a save, records each run, and on abort kills the running verify and closes the watcher (poll: %s)', async (poll) => {
    const { home, store, runCount } = setup();
    const copy = copyStarter(home, ref);
    const baseline = watchHandles();
    const runs: WatchRun[] = [];
    const checks: CheckResult[] = [];
    const outcomes: VerifyOutcome[] = [];
    const errors: unknown[] = [];
    const stop = new AbortController();
    let clock = new Date('2026-12-01T09:00:00Z');
    const watching = watchLab({
      ref,
      home,
      store,
      env: { ...process.env, NODEPREP_HOME: home },
      poll,
      signal: stop.signal,
      now: () => clock,
      onRunStart: (run) => runs.push(run),
      onCheck: (check) => checks.push(check),
      onOutcome: (outcome) => outcomes.push(outcome),
      onError: (err) => errors.push(err),
    });
    try {
      await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 30_000, interval: 50 });
      expect(runs).toEqual([{ n: 1, at: new Date('2026-12-01T09:00:00Z') }]);
      expect(outcomes[0]).toMatchObject({ day: 1, target: 'workspace', ok: false, skipped: null });
      expect(checks.length).toBe(outcomes[0]!.checks.length);
      expect(watchHandles()).toBeGreaterThan(baseline);

      clock = new Date('2026-12-01T11:00:00Z');
      appendFileSync(join(copy.dir, 'schedule.ts'), '\n// saved\n');
      appendFileSync(join(copy.dir, 'compare.ts'), '\n// saved in the same burst\n');
      await vi.waitFor(() => expect(outcomes).toHaveLength(2), { timeout: 30_000, interval: 50 });
      expect(runs.map((r) => r.n)).toEqual([1, 2]);
      expect(runCount()).toBe(2);
      expect(store.db.prepare('SELECT at FROM verify_runs ORDER BY id').pluck().all()).toEqual(['2026-12-01T09:00:00.000Z', '2026-12-01T11:00:00.000Z']);

      // Abort in the middle of a run: it stops at once and is neither reported nor recorded.
      appendFileSync(join(copy.dir, 'schedule.ts'), '\n// saved again\n');
      await vi.waitFor(() => expect(runs).toHaveLength(3), { timeout: 10_000, interval: 20 });
      const t0 = performance.now();
      stop.abort();
      await watching;
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(outcomes).toHaveLength(2);
      expect(runCount()).toBe(2);
      expect(errors).toEqual([]);

      // The watcher is closed: its handles are gone and a save starts nothing.
      await vi.waitFor(() => expect(watchHandles()).toBe(baseline), { timeout: 2000, interval: 20 });
      appendFileSync(join(copy.dir, 'schedule.ts'), '\n// saved after the watch\n');
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 800));
      expect(runs).toHaveLength(3);
    } finally {
      stop.abort();
      await watching;
    }
  });

  it('refuses to start without a copy of the lab, with the message that says how to make one', async () => {
    const { home, store } = setup();
    await expect(watchLab({ ref, home, store, signal: new AbortController().signal, now: () => new Date() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'You have no copy of lab 1 yet: run `nodeprep lab 1` first.',
    });
  });
});
