import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/paths.js';
import { useApiServer } from '../../test/helpers/api-server.js';
import { parseEvents } from '../../test/helpers/http.js';
import type { DayResponse, LabResponse, PlanResponse, StartedMock, VerifyOutcome } from '../shared/types.js';

const t = useApiServer();

describe('plan and days', () => {
  it('GET /api/plan has the shape of `nodeprep plan --json`', async () => {
    const r = await t.get('/api/plan');
    expect(r.status).toBe(200);
    const cli = execFileSync(process.execPath, [join(projectRoot, 'bin', 'nodeprep.js'), 'plan', '--json'], { env: { ...process.env, NODEPREP_HOME: t.home, NO_COLOR: '1' } });
    expect(r.json<PlanResponse>()).toEqual(JSON.parse(String(cli)));
  });

  it('GET /api/days/3 has the lesson, the plan fields and what the day has', async () => {
    const d = (await t.get('/api/days/3')).json<DayResponse>();
    expect(d).toMatchObject({ day: 3, week: 1, title: 'Streams & Buffers', question: expect.stringContaining('backpressure'), has: { lesson: true, questions: true, lab: true } });
    expect(d.lesson!.meta.day).toBe(3);
    expect(d.lesson!.markdown).not.toMatch(/^---/);
  });

  it("GET /api/days/3/questions lists the day's question records", async () => {
    const qs = (await t.get('/api/days/3/questions')).json<Array<{ id: string; seed: boolean }>>();
    expect(qs.length).toBeGreaterThanOrEqual(8);
    expect(qs[0]).toMatchObject({ id: expect.stringMatching(/^d03-/), seed: true });
  });

  it('GET /api/today says what to do next', async () => {
    expect((await t.get('/api/today')).json()).toMatchObject({ position: { startDate: null }, done: 0, next: { day: 1 }, reviewsDue: 0 });
  });

  it('hints unlock one rung per POST and show up in GET lab', async () => {
    expect((await t.get('/api/days/1/lab')).json<LabResponse>()).toMatchObject({ day: 1, hints: [], hintCount: 3, passed: false, workspace: { exists: false } });
    expect((await t.post('/api/days/1/hint')).json()).toMatchObject({ rung: 1, label: 'Nudge', last: false });
    expect((await t.post('/api/days/1/hint')).json()).toMatchObject({ rung: 2 });
    expect((await t.get('/api/days/1/lab')).json<LabResponse>().hints.map((h) => h.rung)).toEqual([1, 2]);
  });
});

describe('verify', () => {
  it("streams day 1's checks against the solution live, ends in done ok:true and records the run", async () => {
    const r = await t.post('/api/days/1/verify', { target: 'solution' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseEvents(r.text);
    const checks = events.filter((e) => e.event === 'check');
    expect(checks.length).toBeGreaterThan(3);
    expect(checks.every((e) => e.data.state === 'passed')).toBe(true);
    expect(events.at(-1)!.event).toBe('done');
    const done = events.at(-1)!.data as VerifyOutcome;
    expect(done).toMatchObject({ day: 1, target: 'solution', ok: true, skipped: null });
    expect(done.checks).toHaveLength(checks.length);
    // Live: the first check arrived in its own chunk, before the stream's end.
    const firstCheck = r.chunks.find((c) => c.text.includes('event: check'))!;
    expect(firstCheck.text).not.toContain('event: done');
    expect(firstCheck.at).toBeLessThan(r.chunks.at(-1)!.at);
    expect(t.store.db.prepare('SELECT COUNT(*) FROM verify_runs WHERE day = 1 AND ok = 1').pluck().get()).toBe(1);
  });

  it('stops a running verify on shutdown: the stream ends at once, the server closes, nothing is recorded', async () => {
    const { request } = await import('node:http');
    let closed: Promise<void> | undefined;
    const ended = new Promise<string>((resolve, reject) => {
      const req = request(`${t.server.origin}/api/days/1/verify`, { method: 'POST', headers: { authorization: `Bearer ${t.server.token}`, origin: t.server.origin, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve(text)).on('error', () => resolve(text));
        setTimeout(() => (closed = t.server.close()), 300);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ target: 'solution' }));
    });
    const events = parseEvents(await ended);
    const t0 = performance.now();
    await closed;
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { ok: false, errors: ['The run was cancelled.'] } });
    expect(t.store.db.prepare('SELECT COUNT(*) FROM verify_runs').pluck().get()).toBe(0);
  });

  it('reports a problem event when the learner has no copy yet; POST lab makes one', async () => {
    const events = parseEvents((await t.post('/api/days/1/verify', {})).text);
    expect(events).toEqual([{ event: 'error', data: expect.objectContaining({ status: 404, code: 'NOT_FOUND' }) }]);
    const copy = (await t.post('/api/days/1/lab')).json();
    expect(copy.created.length).toBeGreaterThan(0);
    expect((await t.get('/api/days/1/lab')).json()).toMatchObject({ workspace: { exists: true } });
  });

  it('refuses an unknown target before running anything', async () => {
    expect((await t.post('/api/days/1/verify', { target: 'everything' })).json()).toMatchObject({ status: 400, code: 'USAGE' });
  });
});

describe('review', () => {
  it('grade → due → undo round trip', async () => {
    const g = await t.post('/api/review/grade', { id: 'd01-event-loop-phases', rating: 'good', answer: 'timers, pending callbacks, poll, check, close callbacks' });
    expect(g.status).toBe(200);
    const graded = g.json();
    expect(graded).toMatchObject({ id: 'd01-event-loop-phases', rating: 'good', leech: false, coverage: { score: expect.any(Number) } });
    expect(new Date(graded.due).getTime()).toBeGreaterThan(Date.now());
    const due = (await t.get('/api/review/due')).json();
    expect(due.deckSize).toBe(1);
    expect(due.cards.map((c: { id: string }) => c.id)).not.toContain('d01-event-loop-phases');
    expect((await t.post('/api/review/undo')).json()).toMatchObject({ undone: { id: 'd01-event-loop-phases', rating: 'good' } });
    expect((await t.post('/api/review/undo')).json()).toEqual({ undone: null });
  });

  it('rejects a rating that is not again, hard, good or easy', async () => {
    expect((await t.post('/api/review/grade', { id: 'd01-event-loop-phases', rating: 'meh' })).json()).toMatchObject({ status: 400, detail: expect.stringContaining('rating') });
  });
});

describe('mock', () => {
  it('start → answer → finish → history round trip', async () => {
    const s = await t.post('/api/mock/start', { week: 1 });
    expect(s.status).toBe(201);
    const started = s.json<StartedMock>();
    expect(started.questions.length).toBeGreaterThan(1);
    const q = started.questions[0]!;
    const a = (await t.post(`/api/mock/${started.session}/answer`, { questionId: q.id, answer: 'The event loop runs timers, then poll, then check; microtasks drain between callbacks.', rubric: 'leaning-hire' })).json();
    expect(a).toMatchObject({ session: started.session, id: q.id, round: 'question', score: expect.any(Number) });
    const report = (await t.post(`/api/mock/${started.session}/finish`)).json();
    expect(report).toMatchObject({ answered: 1 });
    const history = (await t.get('/api/mock/history')).json();
    expect(history[0]).toMatchObject({ session: started.session, answered: 1, finishedAt: expect.any(String) });
    expect((await t.post(`/api/mock/${started.session}/answer`, { questionId: q.id, answer: 'again' })).json()).toMatchObject({ status: 400 });
  });
});

describe('notes and weak areas', () => {
  it('GET gives the template until PUT saves a page', async () => {
    const before = (await t.get('/api/notes/3')).json();
    expect(before).toMatchObject({ day: 3, saved: false, text: expect.stringContaining('#') });
    expect((await t.put('/api/notes/3', { text: '# Mine\n' })).status).toBe(200);
    expect((await t.get('/api/notes/3')).json()).toEqual({ day: 3, saved: true, text: '# Mine\n' });
  });

  it('GET /api/weak is empty without evidence', async () => {
    expect((await t.get('/api/weak')).json()).toEqual([]);
  });
});
