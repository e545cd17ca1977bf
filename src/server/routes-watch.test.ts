import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEBOUNCE_MS } from '../core/labs/watch.js';
import { useApiServer } from '../../test/helpers/api-server.js';
import { openStream } from '../../test/helpers/http.js';
import type { Problem, VerifyOutcome, WatchRunStart } from '../shared/types.js';

const t = useApiServer();

/** File-system watch handles of this process: the server runs in it. */
const watchHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'StatWatcher').length;
const runsRecorded = () => t.store.db.prepare('SELECT COUNT(*) FROM verify_runs WHERE day = 1').pluck().get() as number;
const watch = (body?: object) => openStream(t.server.origin, '/api/days/1/watch', { token: t.server.token, body });
const save = (text: string) => appendFileSync(join(t.home, 'labs', '01-event-loop', 'schedule.ts'), `\n// ${text}\n`);

describe('POST /api/days/:day/watch', () => {
  it('runs at start and on each save, records each run, and closes the watcher when the client goes', async () => {
    await t.post('/api/days/1/lab');
    const baseline = watchHandles();
    const s = watch();
    try {
      expect(await s.status).toBe(200);
      await s.waitFor('done', 1, 45_000);
      const first = s.events.findIndex((e) => e.event === 'run');
      expect(s.events[first]!.data as WatchRunStart).toEqual({ n: 1, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      const done = s.events.find((e) => e.event === 'done')!.data as VerifyOutcome;
      expect(done).toMatchObject({ day: 1, target: 'workspace', ok: false, skipped: null });
      expect(s.events.filter((e) => e.event === 'check')).toHaveLength(done.checks.length);
      expect(runsRecorded()).toBe(1);

      save('saved');
      await s.waitFor('done', 2, 45_000);
      expect(s.events.filter((e) => e.event === 'run').map((e) => e.data.n)).toEqual([1, 2]);
      expect(s.events.map((e) => e.event).filter((e) => e !== 'check')).toEqual(['run', 'done', 'run', 'done']);
      expect(runsRecorded()).toBe(2);
      const runMs = (s.events.at(-1)!.data as VerifyOutcome).durationMs;

      s.abort();
      await vi.waitFor(() => expect(watchHandles()).toBe(baseline), { timeout: 3000, interval: 20 });
      save('saved after the tab closed');
      // Long enough for a run to start and finish, were anything still watching.
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS + 2 * runMs + 500));
      expect(runsRecorded()).toBe(2);
    } finally {
      s.abort();
    }
  });

  it('a second watch of the lab ends the first with a problem; shutdown ends the stream', async () => {
    await t.post('/api/days/1/lab');
    const first = watch();
    await first.waitFor('run', 1, 30_000);
    const second = watch({ poll: true });
    await first.ended;
    expect(first.events.at(-1)).toEqual({ event: 'error', data: expect.objectContaining({ status: 409, code: 'CONFLICT', detail: 'A newer watch of lab 1 replaced this one: one watch per lab at a time.' }) });
    expect(first.events.some((e) => e.event === 'done'), 'its run was cut short').toBe(false);
    await second.waitFor('done', 1, 45_000);
    expect(second.events[0]).toMatchObject({ event: 'run', data: { n: 1 } });
    expect(runsRecorded(), 'a cut-short run is not recorded').toBe(1);

    const t0 = performance.now();
    await t.server.close();
    await second.ended;
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(second.events.at(-1)!.event).toBe('done');
  });

  it('answers a 404 problem, before any stream, when the learner has no copy; checks the body', async () => {
    const none = await t.post('/api/days/1/watch');
    expect(none.status).toBe(404);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.json<Problem>()).toMatchObject({ code: 'NOT_FOUND', detail: 'You have no copy of lab 1 yet: run `nodeprep lab 1` first.' });
    expect((await t.post('/api/days/7/watch')).json<Problem>()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    await t.post('/api/days/1/lab');
    for (const body of [{ poll: 'yes' }, { poll: true, target: 'solution' }]) {
      expect((await t.post('/api/days/1/watch', body)).json<Problem>(), JSON.stringify(body)).toMatchObject({ status: 400, code: 'USAGE' });
    }
  });
});
