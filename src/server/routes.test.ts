import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../core/curriculum/load.js';
import { curriculumRoot, projectRoot } from '../core/paths.js';
import { localDate } from '../core/plan/dates.js';
import { ProgressStore } from '../core/progress/store.js';
import { gradeById } from '../core/review/session.js';
import { useApiServer } from '../../test/helpers/api-server.js';
import { parseEvents } from '../../test/helpers/http.js';
import { tempDirs } from '../../test/helpers/temp-dirs.js';
import { API_ROUTES, createApp } from './app.js';
import type {
  DayResponse,
  DoctorResponse,
  DrillResult,
  DrillView,
  LabResponse,
  NotesExportResponse,
  PlanResponse,
  ProgressResponse,
  ResetResponse,
  SolutionResponse,
  StartedMock,
  VerifyOutcome,
} from '../shared/types.js';

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

describe('start and done', () => {
  it('POST /api/start sets the start date (default: today) and says which plan day today is', async () => {
    const first = await t.post('/api/start', { date: '2020-01-01' });
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ startDate: '2020-01-01', previous: null, today: 30 });
    const again = (await t.post('/api/start')).json();
    expect(again).toEqual({ startDate: localDate(new Date()), previous: '2020-01-01', today: 1 });
    expect((await t.get('/api/today')).json()).toMatchObject({ position: { startDate: localDate(new Date()), today: 1 } });
  });

  it('POST /api/start refuses a date that is not YYYY-MM-DD or does not exist', async () => {
    expect((await t.post('/api/start', { date: '2026-02-30' })).json()).toMatchObject({ status: 400, code: 'USAGE', detail: expect.stringContaining('YYYY-MM-DD') });
    expect((await t.post('/api/start', { date: '1/12/2026' })).json()).toMatchObject({ status: 400, detail: expect.stringContaining('YYYY-MM-DD') });
    expect((await t.post('/api/start', { date: '2026-12-01', extra: 1 })).status).toBe(400);
  });

  it('POST /api/days/:day/done marks a day done, and undo takes it back', async () => {
    expect((await t.post('/api/days/2/done')).json()).toEqual({ day: 2, done: true });
    expect((await t.get('/api/plan')).json<PlanResponse>().days[1]!.status).toBe('done');
    expect((await t.post('/api/days/2/done', { undo: true })).json()).toEqual({ day: 2, done: false });
    expect((await t.get('/api/plan')).json<PlanResponse>().days[1]!.status).not.toBe('done');
    expect((await t.post('/api/days/2/done', { undo: 'yes' })).json()).toMatchObject({ status: 400, detail: expect.stringContaining('undo') });
    expect((await t.post('/api/days/0/done')).status).toBe(400);
  });
});

describe('solution and reset', () => {
  it('keeps the solution locked (409) until a pass or giveUp: true, which is recorded', async () => {
    await t.post('/api/days/3/lab');
    const locked = await t.post('/api/days/3/solution');
    expect(locked.status).toBe(409);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.json()).toMatchObject({ title: 'Conflict', code: 'CONFLICT', detail: expect.stringMatching(/pass verify.*giveUp: true/) });
    expect(t.store.gaveUp(3)).toBe(false);
    const open = await t.post('/api/days/3/solution', { giveUp: true });
    expect(open.status).toBe(200);
    const body = open.json<SolutionResponse>();
    expect(body.diff).toMatch(/^\+\+\+ solution\/compress\.ts/m);
    expect(body.files.map((f) => f.file)).toContain('compress.ts');
    expect(body.files[0]!.text.length).toBeGreaterThan(100);
    expect(body.talkingPoints.length).toBeGreaterThan(0);
    expect(t.store.gaveUp(3)).toBe(true);
    expect((await t.post('/api/days/3/solution')).status, 'a give-up is remembered').toBe(200);
    expect((await t.post('/api/days/7/solution', { giveUp: true })).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('opens the solution after the learner’s copy passed verify', async () => {
    t.store.recordVerify({ day: 1, target: 'workspace', ok: true, passed: 3, failed: 0, failing: [], durationMs: 10, at: new Date().toISOString() });
    expect((await t.post('/api/days/1/solution')).status).toBe(200);
    expect(t.store.gaveUp(1)).toBe(false);
  });

  it('POST /api/days/:day/reset moves the copy to backups/ and lays down a fresh starter', async () => {
    const none = (await t.post('/api/days/3/reset')).json<ResetResponse>();
    expect(none.backup).toBeNull();
    expect(none.created).toContain('compress.ts');
    writeFileSync(join(none.dir, 'compress.ts'), '// mine\n');
    const r = (await t.post('/api/days/3/reset')).json<ResetResponse>();
    expect(r.dir).toBe(none.dir);
    expect(r.backup).toMatch(new RegExp(`^${t.home}/backups/03-streams-buffers-`));
    expect(readFileSync(join(r.backup!, 'compress.ts'), 'utf8')).toBe('// mine\n');
    expect(readFileSync(join(r.dir, 'compress.ts'), 'utf8')).toMatch(/\/\/ TODO:/);
  });
});

describe('drills', () => {
  it('GET /api/days/:day/drills shows each snippet without its answer', async () => {
    const drills = (await t.get('/api/days/1/drills')).json<DrillView[]>();
    expect(drills.length).toBeGreaterThan(3);
    for (const d of drills) expect(Object.keys(d).sort()).toEqual(['code', 'id', 'module', 'title']);
    expect(drills[0]).toMatchObject({ id: expect.stringMatching(/^d01-drill-/), module: expect.stringMatching(/^(cjs|esm)$/) });
    expect((await t.get('/api/days/8/drills')).json()).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'Day 8 has no drills.' });
  });

  it('POST …/drills/:id/run runs the curriculum snippet and checks the prediction', async () => {
    const url = '/api/days/1/drills/d01-drill-io-callback-immediate-first/run';
    const right = (await t.post(url, { prediction: 'readFile, nextTick, promise, immediate, timeout' })).json<DrillResult>();
    expect(right).toMatchObject({ id: 'd01-drill-io-callback-immediate-first', correct: true, prediction: ['readFile', 'nextTick', 'promise', 'immediate', 'timeout'], actual: ['readFile', 'nextTick', 'promise', 'immediate', 'timeout'], nondeterministic: null, node: process.version });
    expect(right.accepted).toEqual([['readFile', 'nextTick', 'promise', 'immediate', 'timeout']]);
    expect(right.explanation.length).toBeGreaterThan(20);
    const wrong = (await t.post(url, { prediction: 'timeout immediate' })).json<DrillResult>();
    expect(wrong).toMatchObject({ correct: false, prediction: ['timeout', 'immediate'] });
  });

  it('refuses an unknown drill, a malformed id and a missing prediction', async () => {
    expect((await t.post('/api/days/1/drills/d01-drill-nope/run', { prediction: 'a' })).json()).toMatchObject({ status: 404, detail: 'Day 1 has no drill "d01-drill-nope".' });
    expect((await t.post('/api/days/1/drills/..%2F..%2Fetc/run', { prediction: 'a' })).json()).toMatchObject({ status: 400, detail: expect.stringContaining('drill ids look like') });
    expect((await t.post('/api/days/1/drills/d01-drill-io-callback-immediate-first/run', {})).json()).toMatchObject({ status: 400, detail: expect.stringContaining('prediction') });
    expect((await t.post('/api/days/1/drills/d01-drill-io-callback-immediate-first/run', { prediction: 'a', code: 'process.exit()' })).status).toBe(400);
  });

  it('runs at most two drills at once: a third gets a 429 problem, and a slot frees when a run ends', async () => {
    const url = '/api/days/1/drills/d01-drill-io-callback-immediate-first/run';
    const replies = await Promise.all([1, 2, 3].map(() => t.post(url, { prediction: 'a b' })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const refused = replies.find((r) => r.status === 429)!;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toEqual({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Two drills are already running: wait for one to finish.' });
    expect((await t.post(url, { prediction: 'a b' })).status).toBe(200);
    const failed = await Promise.all([1, 2].map(() => t.post('/api/days/1/drills/d01-drill-nope/run', { prediction: 'a' })));
    expect(failed.map((r) => r.status), 'refused requests hold no slot').toEqual([404, 404]);
    expect((await Promise.all([1, 2].map(() => t.post(url, { prediction: 'a b' })))).map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('review limits, early days and quiz ratings', () => {
  it('PUT /api/review/limits sets either limit and returns both', async () => {
    expect((await t.put('/api/review/limits', { newPerDay: 5 })).json()).toEqual({ newPerDay: 5, reviewsPerDay: 100 });
    expect((await t.put('/api/review/limits', { reviewsPerDay: 0 })).json()).toEqual({ newPerDay: 5, reviewsPerDay: 0 });
    expect((await t.put('/api/review/limits', {})).json()).toEqual({ newPerDay: 5, reviewsPerDay: 0 });
    expect((await t.get('/api/review/due')).json().limits).toEqual({ newPerDay: 5, reviewsPerDay: 0 });
    for (const bad of [{ newPerDay: -1 }, { newPerDay: 1001 }, { reviewsPerDay: 10_001 }, { newPerDay: 1.5 }, { newPerDay: '5' }]) {
      expect((await t.put('/api/review/limits', bad)).json(), JSON.stringify(bad)).toMatchObject({ status: 400, code: 'USAGE' });
    }
  });

  it('POST /api/review/add-day puts a day’s cards in the deck once', async () => {
    const first = (await t.post('/api/review/add-day', { day: 3 })).json();
    expect(first).toEqual({ day: 3, added: expect.any(Number), total: first.added });
    expect(first.added).toBeGreaterThanOrEqual(8);
    expect((await t.post('/api/review/add-day', { day: 3 })).json()).toEqual({ day: 3, added: 0, total: first.total });
    expect((await t.get('/api/review/due')).json().deckSize).toBe(first.total);
    expect((await t.post('/api/review/add-day', { day: 31 })).json()).toMatchObject({ status: 400, detail: expect.stringContaining('1 to 30') });
    expect((await t.post('/api/review/add-day', { day: '3' })).status).toBe(400);
  });

  it('POST /api/review/grade logs source quiz when asked (as `nodeprep quiz` does), review by default', async () => {
    expect((await t.post('/api/review/grade', { id: 'd01-event-loop-phases', rating: 'good', source: 'quiz' })).status).toBe(200);
    expect((await t.post('/api/review/grade', { id: 'd01-microtasks-vs-macrotasks', rating: 'hard' })).status).toBe(200);
    expect(t.store.db.prepare('SELECT card_id, source FROM review_log ORDER BY id').all()).toEqual([
      { card_id: 'd01-event-loop-phases', source: 'quiz' },
      { card_id: 'd01-microtasks-vs-macrotasks', source: 'review' },
    ]);
    expect((await t.post('/api/review/grade', { id: 'd01-event-loop-phases', rating: 'good', source: 'grade' })).json()).toMatchObject({ status: 400, detail: expect.stringContaining('source') });
  });
});

describe('short practice mocks', () => {
  it('POST /api/mock/start takes questions: N instead of the mock’s usual count', async () => {
    const week = (await t.post('/api/mock/start', { week: 1, questions: 2 })).json<StartedMock>();
    expect(week.questions).toHaveLength(2);
    const final = (await t.post('/api/mock/start', { final: true, questions: 1 })).json<StartedMock>();
    expect(final.questions.map((q) => q.round)).toEqual(['question', 'design']);
    expect((await t.post('/api/mock/start', { week: 1, questions: 13 })).json()).toMatchObject({ status: 400, detail: expect.stringContaining('questions') });
    expect((await t.post('/api/mock/start', { week: 1, questions: 0 })).status).toBe(400);
  });
});

describe('notes export', () => {
  it('GET /api/notes/export is the cheat sheet with the learner’s notes (not a day called "export")', async () => {
    await t.put('/api/notes/3', { text: '# Day 3\n\n## Mine\n\nBackpressure: write() returns false, wait for drain.\n' });
    const r = await t.get('/api/notes/export');
    expect(r.status).toBe(200);
    const body = r.json<NotesExportResponse>();
    expect(body.markdown).toMatch(/^# nodeprep cheat sheet/);
    expect(body.markdown).toContain('wait for drain');
    expect(body.notes).toBe(1);
    expect(body.days).toBeGreaterThan(1);
  });
});

// ---------------------------------------------------------------------------------------------
// An app on a fixed clock (and optionally a web build), driven through supertest with our own
// Host, Origin and token: the same checks as the real server, without a listening socket.

const tempDir = tempDirs('nodeprep-routes-');
const stores: ProgressStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));
const plan = loadPlan(curriculumRoot);
const PORT = 4730;
const HOST = `127.0.0.1:${PORT}`;
const TOKEN = 'a'.repeat(64);

function fixedApp(opts: { now?: Date; webDir?: string; env?: NodeJS.ProcessEnv } = {}) {
  const home = tempDir();
  const store = ProgressStore.open(join(home, 'nodeprep.db'));
  stores.push(store);
  const now = opts.now ?? new Date();
  const app = createApp(
    { plan, store, home, env: opts.env ?? { ...process.env, NODEPREP_HOME: home }, now: () => now, shutdown: new AbortController().signal, onError: (e) => console.error(e), webDir: opts.webDir },
    { token: TOKEN, port: () => PORT },
  );
  const agent = request(app);
  const auth = (r: request.Test) => r.set('Host', HOST).set('Authorization', `Bearer ${TOKEN}`);
  return {
    home,
    store,
    agent,
    get: (path: string) => auth(agent.get(path)),
    post: (path: string, body?: object) => auth(agent.post(path)).set('Origin', `http://${HOST}`).send(body),
  };
}

describe('progress', () => {
  const NOW = new Date(2026, 11, 10, 9, 0, 0);
  const at = (days: number, hour = 10) => new Date(2026, 11, 10 + days, hour);

  it('GET /api/progress: activity, streak, forecast, retention, mastery and labs on the server’s clock', async () => {
    const a = fixedApp({ now: NOW });
    a.store.setStartDate('2026-12-07');
    a.store.markDone(1, at(-2).toISOString());
    gradeById(a.store, plan, 'd01-event-loop-phases', 'easy', at(-10), { source: 'review' });
    gradeById(a.store, plan, 'd01-event-loop-phases', 'good', at(-1), { source: 'review' });
    a.store.recordVerify({ day: 1, target: 'workspace', ok: true, passed: 4, failed: 0, failing: [], durationMs: 900, at: at(0, 8).toISOString() });

    const r = await a.get('/api/progress?days=7');
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    const p = r.body as ProgressResponse;
    expect(p.activity.map((d) => d.date)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
    expect(p.activity.slice(-3)).toEqual([
      { date: '2026-12-08', reviews: 0, labRuns: 0, mockAnswers: 0, daysDone: 1 },
      { date: '2026-12-09', reviews: 1, labRuns: 0, mockAnswers: 0, daysDone: 0 },
      { date: '2026-12-10', reviews: 0, labRuns: 1, mockAnswers: 0, daysDone: 0 },
    ]);
    expect(p.streak).toEqual({ current: 3, longest: 3 });
    expect(p.forecast).toHaveLength(14);
    expect(p.forecast[0]!.date).toBe('2026-12-10');
    expect(p.retention).toMatchObject({ windowDays: 30, reviews: 1, recalled: 1, rate: 1 });
    expect(p.retention.byWeek.map((w) => w.weekStart)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07']);
    expect(p.mastery[0]).toMatchObject({ tag: expect.any(String), mastery: expect.any(Number) });
    expect(p.labs.find((l) => l.day === 1)).toMatchObject({ runs: 1, passes: 1, passed: true, bestMs: 900, lastAt: at(0, 8).toISOString() });
    expect(p).toMatchObject({ reviewsTotal: 2, cardsInDeck: 1, mocksFinished: 0 });
    expect(((await a.get('/api/progress')).body as ProgressResponse).activity).toHaveLength(120);
  });

  it('is what `nodeprep progress --json` prints for the same store and clock', async () => {
    const a = fixedApp({ now: NOW });
    a.store.markDone(2, at(-1).toISOString());
    gradeById(a.store, plan, 'd02-promisify-pitfalls', 'hard', at(-3), { source: 'quiz' });
    const api = (await a.get('/api/progress')).body as ProgressResponse;
    const cli = execFileSync(process.execPath, [join(projectRoot, 'bin', 'nodeprep.js'), 'progress', '--json'], {
      env: { ...process.env, NODEPREP_HOME: a.home, NODEPREP_NOW: NOW.toISOString(), NO_COLOR: '1' },
    });
    expect(JSON.parse(String(cli))).toEqual(api);
  });

  it('refuses days outside 7-366', async () => {
    const a = fixedApp({ now: NOW });
    for (const q of ['6', '367', 'abc', '7.5']) {
      const r = await a.get(`/api/progress?days=${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body).toMatchObject({ code: 'USAGE', detail: expect.stringContaining('7 to 366') });
    }
  });
});

describe('doctor', () => {
  it('GET /api/doctor reports Node, the workspace, the store and each service, without passwords', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as AddressInfo).port;
    try {
      const a = fixedApp({ env: { REDIS_URL: `redis://learner:s3cret@127.0.0.1:${port}`, DATABASE_URL: 'postgres://127.0.0.1:1/none' } });
      a.store.setStartDate('2026-12-01');
      const r = await a.get('/api/doctor');
      expect(r.status).toBe(200);
      const d = r.body as DoctorResponse;
      expect(d.node).toEqual({ version: process.versions.node, ok: true, needs: '20.19' });
      expect(d.workspace).toEqual({ dir: a.home, writable: true });
      expect(d.store).toEqual({ ok: true, startDate: '2026-12-01' });
      expect(d.services.map((s) => s.name)).toEqual(['redis', 'postgres', 'rabbitmq', 'nats', 'mongodb']);
      expect(d.services[0]).toEqual({ name: 'redis', url: `redis://learner:***@127.0.0.1:${port}`, source: 'env', install: expect.any(String) });
      expect(d.services[1]).toMatchObject({ name: 'postgres', url: null, source: null, install: expect.stringContaining('DATABASE_URL') });
      expect(JSON.stringify(d)).not.toContain('s3cret');
    } finally {
      blocker.close();
    }
  });
});

describe('the web app', () => {
  function webBuild(): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>nodeprep</title><script type="module" src="/assets/x.js"></script>');
    writeFileSync(join(dir, 'assets', 'x.js'), 'console.log(1);\n');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    return dir;
  }
  const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  it('answers every page address with index.html, never cached, with the security headers', async () => {
    const a = fixedApp({ webDir: webBuild() });
    for (const path of ['/', '/plan', '/days/3', '/review', '/progress?x=1']) {
      const r = await a.agent.get(path).set('Host', HOST).set('Accept', html);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.text).toContain('<title>nodeprep</title>');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    const head = await a.agent.head('/mock').set('Host', HOST).set('Accept', html);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
    expect(head.headers['cache-control']).toBe('no-store');
  });

  it('caches hashed assets for a year, other files briefly; a missing asset is a 404, not index.html', async () => {
    const a = fixedApp({ webDir: webBuild() });
    const js = await a.agent.get('/assets/x.js').set('Host', HOST);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-security-policy']).toContain("default-src 'self'");
    const icon = await a.agent.get('/favicon.svg').set('Host', HOST);
    expect(icon.status).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=600');
    expect((await a.agent.get('/index.html').set('Host', HOST)).headers['cache-control']).toBe('no-store');
    for (const path of ['/assets/missing.js', '/assets/']) {
      const missing = await a.agent.get(path).set('Host', HOST).set('Accept', html);
      expect(missing.status, path).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await a.agent.get('/data.json').set('Host', HOST).set('Accept', 'application/json')).status).toBe(404);
    expect((await a.agent.post('/plan').set('Host', HOST).set('Origin', `http://${HOST}`).set('Accept', html)).status).toBe(404);
  });

  it('keeps the API apart: unknown /api paths are 404 problems, the token is still required, GET /api lists the routes', async () => {
    const a = fixedApp({ webDir: webBuild() });
    const unknown = await a.get('/api/unknown').set('Accept', html);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body.detail).toContain('GET /api lists the API');
    expect((await a.agent.get('/api/plan').set('Host', HOST).set('Accept', html)).status).toBe(401);
    expect((await a.agent.get('/api').set('Host', HOST)).status).toBe(401);
    const index = await a.get('/api');
    expect(index.status).toBe(200);
    expect(index.body).toMatchObject({ name: 'nodeprep', api: API_ROUTES });
    expect(API_ROUTES).toEqual(expect.arrayContaining(['GET /api/progress', 'GET /api/doctor', 'GET /api/notes/export', 'POST /api/days/:day/drills/:id/run']));
    expect(API_ROUTES.indexOf('GET /api/notes/export')).toBeLessThan(API_ROUTES.indexOf('GET /api/notes/:day'));
  });

  it('checks the Host header first, for static files and pages too', async () => {
    const a = fixedApp({ webDir: webBuild() });
    for (const path of ['/assets/x.js', '/', '/favicon.svg']) {
      const r = await a.agent.get(path).set('Host', 'evil.example').set('Accept', html);
      expect(r.status, path).toBe(421);
      expect(r.text).not.toContain('console.log');
      expect(r.text).not.toContain('<title>');
    }
  });

  it('says how to build the app when there is no build (503 at /)', async () => {
    const empty = tempDir();
    for (const webDir of [undefined, join(empty, 'missing'), empty]) {
      const a = fixedApp({ webDir });
      const r = await a.agent.get('/').set('Host', HOST);
      expect(r.status).toBe(503);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ status: 503, detail: 'The web app is not built: run `npm run build`.' });
      expect(r.headers['content-security-policy']).toContain("default-src 'self'");
      expect((await a.get('/api')).status).toBe(200);
    }
  });
});
