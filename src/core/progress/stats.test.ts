import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs.js';
import { loadPlan } from '../curriculum/load.js';
import { answerMock, finishMock } from '../interview/mock-session.js';
import { startMockFor } from '../interview/mock-start.js';
import { curriculumRoot } from '../paths.js';
import { localDate } from '../plan/dates.js';
import { upsertCards } from '../review/cards-repo.js';
import { gradeById } from '../review/session.js';
import { activityByDate, dueForecast, progressStats, retention, streaks } from './stats.js';
import { ProgressStore } from './store.js';

const tempDir = tempDirs('nodeprep-stats-');
const plan = loadPlan(curriculumRoot);

/** Thursday 10 December 2026, 09:00 in the machine's own time zone. */
const NOW = new Date(2026, 11, 10, 9, 0, 0);
const TODAY = '2026-12-10';
/** A local time `days` from NOW's date (negative: before), at `hour`, as the store writes it (ISO, UTC). */
const at = (days: number, hour = 10, minute = 0) => new Date(2026, 11, 10 + days, hour, minute).toISOString();

describe('activityByDate', () => {
  it('has one entry per local date of the window, oldest first, quiet days as zeros', () => {
    const events = [
      { at: at(0), kind: 'reviews' as const },
      { at: at(0, 23, 59), kind: 'reviews' as const },
      { at: at(-1, 0, 1), kind: 'labRuns' as const },
      { at: at(-6), kind: 'mockAnswers' as const },
      { at: at(-6), kind: 'daysDone' as const },
      { at: at(-7), kind: 'reviews' as const }, // one day before the window
      { at: at(1), kind: 'reviews' as const }, // tomorrow
    ];
    const days = activityByDate(events, TODAY, 7);
    expect(days.map((d) => d.date)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
    expect(days[0]).toEqual({ date: '2026-12-04', reviews: 0, labRuns: 0, mockAnswers: 1, daysDone: 1 });
    expect(days[1]).toEqual({ date: '2026-12-05', reviews: 0, labRuns: 0, mockAnswers: 0, daysDone: 0 });
    expect(days[5]).toMatchObject({ labRuns: 1, reviews: 0 });
    expect(days[6]).toMatchObject({ reviews: 2, labRuns: 0 });
  });

  it('crosses month and year ends', () => {
    expect(activityByDate([], '2027-01-02', 7).map((d) => d.date)).toEqual(['2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('counts an event on the local date where it happened, not the UTC one', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      // 03:00 UTC on the 10th is 22:00 on the 9th in New York.
      const days = activityByDate([{ at: '2026-12-10T03:00:00.000Z', kind: 'reviews' }], TODAY, 7);
      expect(days.find((d) => d.reviews)?.date).toBe('2026-12-09');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('streaks', () => {
  const dates = (...offsets: number[]) => new Set(offsets.map((o) => localDate(new Date(2026, 11, 10 + o))));

  it('counts back from today', () => {
    expect(streaks(dates(0, -1, -2), TODAY)).toEqual({ current: 3, longest: 3 });
  });

  it('counts back from yesterday while today has no activity yet', () => {
    expect(streaks(dates(-1, -2), TODAY)).toEqual({ current: 2, longest: 2 });
  });

  it('is 0 once a whole day was missed, and remembers the longest run', () => {
    expect(streaks(dates(-2, -3, -12, -11, -10, -9), TODAY)).toEqual({ current: 0, longest: 4 });
    expect(streaks(new Set(), TODAY)).toEqual({ current: 0, longest: 0 });
  });

  it('runs across a month end', () => {
    expect(streaks(new Set(['2026-11-29', '2026-11-30', '2026-12-01']), '2026-12-01')).toEqual({ current: 3, longest: 3 });
  });
});

describe('dueForecast', () => {
  it('buckets cards by local due date over 14 days from today; overdue ones count on today', () => {
    const dues = [at(-30), at(-1), at(0, 23, 30), at(1, 0, 5), at(13), at(14), at(40)].map((s) => new Date(s));
    const f = dueForecast(dues, TODAY);
    expect(f).toHaveLength(14);
    expect(f[0]).toEqual({ date: TODAY, due: 3 });
    expect(f[1]).toEqual({ date: '2026-12-11', due: 1 });
    expect(f[13]).toEqual({ date: '2026-12-23', due: 1 });
    expect(f.reduce((n, d) => n + d.due, 0)).toBe(5);
  });
});

describe('retention', () => {
  it('is the share of tested cards recalled (rating > 1) in the last 30 days, and per week', () => {
    const r = retention(
      [
        { at: at(0), rating: 3 },
        { at: at(-3), rating: 1 }, // Monday 7 December: this week
        { at: at(-4), rating: 4 }, // Sunday 6 December: last week
        { at: at(-4), rating: 2 },
        { at: at(-29), rating: 1 }, // the window's first day, before the 4 weeks
        { at: at(-30), rating: 3 }, // outside the window
      ],
      TODAY,
    );
    expect(r).toMatchObject({ windowDays: 30, reviews: 5, recalled: 3, rate: 0.6 });
    expect(r.byWeek).toEqual([
      { weekStart: '2026-11-16', reviews: 0, rate: null },
      { weekStart: '2026-11-23', reviews: 0, rate: null },
      { weekStart: '2026-11-30', reviews: 2, rate: 1 },
      { weekStart: '2026-12-07', reviews: 2, rate: 0.5 },
    ]);
  });

  it('has no rate without reviews', () => {
    expect(retention([], TODAY)).toMatchObject({ reviews: 0, recalled: 0, rate: null });
  });
});

describe('progressStats over a real store', () => {
  const stores: ProgressStore[] = [];
  afterEach(() => stores.splice(0).forEach((s) => s.close()));
  const open = () => {
    const s = ProgressStore.open(join(tempDir(), 'nodeprep.db'));
    stores.push(s);
    return s;
  };

  it('is all zeros for a new learner, with every lab of the plan listed', () => {
    const s = progressStats(open(), plan, NOW);
    expect(s.activity).toHaveLength(120);
    expect(s.activity.at(-1)).toEqual({ date: TODAY, reviews: 0, labRuns: 0, mockAnswers: 0, daysDone: 0 });
    expect(s.streak).toEqual({ current: 0, longest: 0 });
    expect(s.forecast.every((f) => f.due === 0)).toBe(true);
    expect(s.retention.rate).toBeNull();
    expect(s.mastery).toEqual([]);
    expect(s.labs.map((l) => l.day)).toEqual(plan.days.filter((d) => d.has.lab).map((d) => d.day));
    expect(s.labs[0]).toEqual({ day: 1, title: plan.labTitles[1], runs: 0, passes: 0, lastAt: null, passed: false, gaveUp: false, hintsUsed: 0, bestMs: null });
    expect(s).toMatchObject({ reviewsTotal: 0, cardsInDeck: 0, newCards: 0, mocksFinished: 0 });
  });

  it('reads reviews, lab runs, mock answers, finished days, give-ups and hints by local date', () => {
    const store = open();
    const d = (days: number, hour = 10) => new Date(at(days, hour));
    store.markDone(1, at(-2));
    // Easy on a new card puts it straight into review; the next rating tests recall.
    gradeById(store, plan, 'd01-event-loop-phases', 'easy', d(-20), { source: 'quiz' });
    gradeById(store, plan, 'd01-event-loop-phases', 'again', d(-1), { source: 'review' });
    gradeById(store, plan, 'd01-microtasks-vs-macrotasks', 'easy', d(-20), { source: 'review' });
    gradeById(store, plan, 'd01-microtasks-vs-macrotasks', 'good', d(0, 8), { source: 'review' });
    const run = { day: 1, passed: 3, failed: 0, failing: [], durationMs: 1500 };
    store.recordVerify({ ...run, target: 'workspace', ok: false, failed: 2, at: at(-1) });
    store.recordVerify({ ...run, target: 'workspace', ok: true, at: at(0, 7) });
    store.recordVerify({ ...run, target: 'workspace', ok: true, durationMs: 1200, at: at(0, 8) });
    store.recordVerify({ ...run, target: 'solution', ok: true, durationMs: 5, at: at(0, 8) });
    store.setHintRung(1, 2, at(-1));
    store.recordGiveUp(3, at(-1));
    const mock = startMockFor(store, plan, { week: 1, questions: 2 }, d(-2));
    answerMock(store, plan, mock.session, mock.questions[0]!.id, 'The event loop, the threadpool and backpressure.', d(-2, 11));
    finishMock(store, plan, mock.session, d(-2, 12));

    const s = progressStats(store, plan, NOW, 7);
    expect(s.activity).toHaveLength(7);
    expect(s.activity.at(-1)).toEqual({ date: TODAY, reviews: 1, labRuns: 2, mockAnswers: 0, daysDone: 0 });
    expect(s.activity.at(-2)).toEqual({ date: '2026-12-09', reviews: 1, labRuns: 1, mockAnswers: 0, daysDone: 0 });
    expect(s.activity.at(-3)).toEqual({ date: '2026-12-08', reviews: 0, labRuns: 0, mockAnswers: 1, daysDone: 1 });
    expect(s.streak).toEqual({ current: 3, longest: 3 });
    expect(s.retention).toMatchObject({ reviews: 2, recalled: 1, rate: 0.5 });
    expect(s.reviewsTotal).toBe(4);
    expect(s.cardsInDeck).toBe(2);
    expect(s.newCards).toBe(0);
    expect(s.mocksFinished).toBe(1);
    expect(s.labs.find((l) => l.day === 1)).toEqual({ day: 1, title: plan.labTitles[1], runs: 3, passes: 2, lastAt: at(0, 8), passed: true, gaveUp: false, hintsUsed: 2, bestMs: 1200 });
    expect(s.labs.find((l) => l.day === 3)).toMatchObject({ runs: 0, passed: false, gaveUp: true, bestMs: null });
    expect(s.mastery.length).toBeGreaterThan(0);
    expect(s.mastery.map((m) => m.mastery)).toEqual([...s.mastery.map((m) => m.mastery)].sort((a, b) => a - b));
    // Both cards are studied and come due within the fortnight or later; none is new.
    const due = store.db.prepare('SELECT due FROM cards').pluck().all() as string[];
    const inWindow = due.filter((x) => new Date(x).getTime() < new Date(2026, 11, 24).getTime()).length;
    expect(s.forecast.reduce((n, f) => n + f.due, 0)).toBe(inWindow);
  });

  it('leaves new cards out of the forecast and counts overdue ones on today', () => {
    const store = open();
    gradeById(store, plan, 'd01-event-loop-phases', 'easy', new Date(at(-40)), { source: 'review' });
    gradeById(store, plan, 'd02-promisify-pitfalls', 'good', new Date(at(-1)), { source: 'review' });
    store.db.prepare("UPDATE cards SET due = ? WHERE id = 'd01-event-loop-phases'").run(at(-5));
    upsertCards(store.db, 1, [{ id: 'd01-starvation-debug', ord: 6, prompt: 'p', tags: ['event-loop'] }], new Date(at(-3)), false);
    const s = progressStats(store, plan, NOW);
    expect(s.cardsInDeck).toBe(3);
    expect(s.newCards).toBe(1);
    // The review card forced 5 days overdue and the learning card due minutes after yesterday's rating.
    expect(s.forecast[0]).toEqual({ date: TODAY, due: 2 });
    expect(s.forecast.reduce((n, f) => n + f.due, 0)).toBe(2);
  });

  it('refuses a window outside 7-366 days', () => {
    const store = open();
    expect(() => progressStats(store, plan, NOW, 6)).toThrow(/from 7 to 366/);
    expect(() => progressStats(store, plan, NOW, 367)).toThrow(/from 7 to 366/);
    expect(() => progressStats(store, plan, NOW, 7.5)).toThrow(/from 7 to 366/);
  });
});
