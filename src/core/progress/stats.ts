import type { Plan } from '../curriculum/load.js';
import { usageError } from '../errors.js';
import { weakAreas } from '../interview/weak-evidence.js';
import { addDays, daysBetween, localDate, weekStart } from '../plan/dates.js';
import { deckSize, hasEvidence } from '../review/probe.js';
import { State } from '../review/scheduler.js';
import type { ProgressStore } from './store.js';

/** What one local date saw. */
export interface DayActivity {
  date: string;
  /** Ratings given (review, quiz or grade). */
  reviews: number;
  /** Verify runs of the learner's own lab copies. */
  labRuns: number;
  mockAnswers: number;
  daysDone: number;
}

export interface LabProgress {
  day: number;
  title: string;
  runs: number;
  passes: number;
  /** ISO, the latest run. */
  lastAt: string | null;
  passed: boolean;
  gaveUp: boolean;
  /** Rungs of the hint ladder unlocked. */
  hintsUsed: number;
  /** The fastest passing run. */
  bestMs: number | null;
}

export interface Retention {
  windowDays: typeof RETENTION_DAYS;
  /** Ratings of cards that were in review or relearning (recall was tested), in the window. */
  reviews: number;
  /** Of those, rated hard, good or easy. */
  recalled: number;
  rate: number | null;
  /** The last 4 weeks (Monday to Sunday), oldest first; the last one is this week so far. */
  byWeek: Array<{ weekStart: string; reviews: number; rate: number | null }>;
}

/** **contract**: what `nodeprep progress --json` prints and `GET /api/progress` returns. */
export interface ProgressStats {
  /** One entry per local date, the last `days` ending today, oldest first (quiet days included). */
  activity: DayActivity[];
  /** Consecutive local dates with any activity; `current` counts from today, or from yesterday while today has none yet. */
  streak: { current: number; longest: number };
  /**
   * Studied cards (not retired) coming due on each of the next 14 local dates, today first; overdue
   * cards count on today. New cards are left out: they come in at the daily new-card limit.
   */
  forecast: Array<{ date: string; due: number }>;
  retention: Retention;
  /** Every topic with evidence, weakest first. */
  mastery: Array<{ tag: string; mastery: number }>;
  /** Every plan day with a lab, in plan order. */
  labs: LabProgress[];
  reviewsTotal: number;
  cardsInDeck: number;
  /** Cards in the deck not studied yet. */
  newCards: number;
  mocksFinished: number;
}

export const ACTIVITY_DAYS = { default: 120, min: 7, max: 366 } as const;
export const FORECAST_DAYS = 14;
export const RETENTION_DAYS = 30;
const RETENTION_WEEKS = 4;

type Kind = Exclude<keyof DayActivity, 'date'>;

/** Activity per local date, for the `days` dates ending `today`; events outside are ignored. */
export function activityByDate(events: ReadonlyArray<{ at: string; kind: Kind }>, today: string, days: number): DayActivity[] {
  const first = addDays(today, -(days - 1));
  const byDate = new Map<string, DayActivity>();
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    byDate.set(date, { date, reviews: 0, labRuns: 0, mockAnswers: 0, daysDone: 0 });
  }
  for (const e of events) {
    const entry = byDate.get(localDate(new Date(e.at)));
    if (entry) entry[e.kind]++;
  }
  return [...byDate.values()];
}

/** The current and the longest run of consecutive active dates. */
export function streaks(active: ReadonlySet<string>, today: string): { current: number; longest: number } {
  let current = 0;
  for (let d = active.has(today) ? today : addDays(today, -1); active.has(d); d = addDays(d, -1)) current++;
  let longest = 0;
  let run = 0;
  let prev: string | undefined;
  for (const d of [...active].sort()) {
    run = prev !== undefined && daysBetween(prev, d) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = d;
  }
  return { current, longest };
}

/** Cards due on each of the `days` dates from `today`; anything due before today counts on today. */
export function dueForecast(dues: readonly Date[], today: string, days = FORECAST_DAYS): Array<{ date: string; due: number }> {
  const counts = new Array<number>(days).fill(0);
  for (const due of dues) {
    const offset = Math.max(0, daysBetween(today, localDate(due)));
    if (offset < days) counts[offset]!++;
  }
  return counts.map((due, i) => ({ date: addDays(today, i), due }));
}

const rateOf = (recalled: number, reviews: number) => (reviews ? Math.round((recalled / reviews) * 1000) / 1000 : null);

/** Recall rate of tested cards (rating > 1 is recalled) over the window ending `today`, and per week. */
export function retention(ratings: ReadonlyArray<{ at: string; rating: number }>, today: string): Retention {
  const from = addDays(today, -(RETENTION_DAYS - 1));
  const thisWeek = weekStart(today);
  const weeks = Array.from({ length: RETENTION_WEEKS }, (_, i) => ({ weekStart: addDays(thisWeek, -7 * (RETENTION_WEEKS - 1 - i)), reviews: 0, recalled: 0 }));
  let reviews = 0;
  let recalled = 0;
  for (const r of ratings) {
    const date = localDate(new Date(r.at));
    if (date < from || date > today) continue;
    const ok = r.rating > 1 ? 1 : 0;
    reviews++;
    recalled += ok;
    const week = weeks.find((w) => date >= w.weekStart && date <= addDays(w.weekStart, 6));
    if (week) {
      week.reviews++;
      week.recalled += ok;
    }
  }
  return {
    windowDays: RETENTION_DAYS,
    reviews,
    recalled,
    rate: rateOf(recalled, reviews),
    byWeek: weeks.map((w) => ({ weekStart: w.weekStart, reviews: w.reviews, rate: rateOf(w.recalled, w.reviews) })),
  };
}

type Row = Record<string, unknown>;

function labProgress(store: ProgressStore, plan: Plan): LabProgress[] {
  const db = store.db;
  const runs = new Map(
    (db.prepare("SELECT day, COUNT(*) AS runs, COALESCE(SUM(ok), 0) AS passes, MAX(at) AS last_at, MIN(CASE WHEN ok = 1 THEN duration_ms END) AS best_ms FROM verify_runs WHERE target = 'workspace' GROUP BY day").all() as Row[]).map((r) => [r.day as number, r]),
  );
  const gaveUp = new Set(db.prepare('SELECT day FROM give_ups').pluck().all() as number[]);
  const hints = new Map((db.prepare('SELECT day, rung FROM hints').all() as Row[]).map((r) => [r.day as number, r.rung as number]));
  return plan.days
    .filter((d) => d.has.lab)
    .map((d) => {
      const r = runs.get(d.day);
      const passes = (r?.passes as number | undefined) ?? 0;
      return {
        day: d.day,
        title: plan.labTitles[d.day] ?? d.title,
        runs: (r?.runs as number | undefined) ?? 0,
        passes,
        lastAt: (r?.last_at as string | undefined) ?? null,
        passed: passes > 0,
        gaveUp: gaveUp.has(d.day),
        hintsUsed: hints.get(d.day) ?? 0,
        bestMs: (r?.best_ms as number | null | undefined) ?? null,
      };
    });
}

/** Checks a number of activity days: a whole number from 7 to 366. */
export function checkActivityDays(days: number): number {
  if (!Number.isInteger(days) || days < ACTIVITY_DAYS.min || days > ACTIVITY_DAYS.max) throw usageError(`${days} is not a number of days to show: pick a whole number from ${ACTIVITY_DAYS.min} to ${ACTIVITY_DAYS.max}.`);
  return days;
}

/**
 * The learner's progress at `now` from the store, by local date: activity and streaks, the review
 * forecast, retention, topic mastery and every lab. Reads only; the deck is not synced first.
 */
export function progressStats(store: ProgressStore, plan: Plan, now: Date, days: number = ACTIVITY_DAYS.default): ProgressStats {
  checkActivityDays(days);
  const db = store.db;
  const today = localDate(now);
  const at = (sql: string) => db.prepare(sql).pluck().all() as string[];
  const events: Array<{ at: string; kind: Kind }> = [
    ...at('SELECT at FROM review_log').map((a) => ({ at: a, kind: 'reviews' as const })),
    ...at("SELECT at FROM verify_runs WHERE target = 'workspace'").map((a) => ({ at: a, kind: 'labRuns' as const })),
    ...at('SELECT at FROM mock_answers').map((a) => ({ at: a, kind: 'mockAnswers' as const })),
    ...at('SELECT at FROM day_done').map((a) => ({ at: a, kind: 'daysDone' as const })),
  ];
  const dues = at(`SELECT due FROM cards WHERE retired = 0 AND state != ${State.New}`).map((d) => new Date(d));
  const ratings = db.prepare(`SELECT at, rating FROM review_log WHERE prev_state IN (${State.Review}, ${State.Relearning})`).all() as Array<{ at: string; rating: number }>;
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    activity: activityByDate(events, today, days),
    streak: streaks(new Set(events.map((e) => localDate(new Date(e.at)))), today),
    forecast: dueForecast(dues, today),
    retention: retention(ratings, today),
    mastery: hasEvidence(store) ? weakAreas(store, plan, now, 0).map((t) => ({ tag: t.tag, mastery: t.mastery })) : [],
    labs: labProgress(store, plan),
    reviewsTotal: count('SELECT COUNT(*) FROM review_log'),
    cardsInDeck: deckSize(store),
    newCards: count(`SELECT COUNT(*) FROM cards WHERE retired = 0 AND state = ${State.New}`),
    mocksFinished: count('SELECT COUNT(*) FROM mock_sessions WHERE finished_at IS NOT NULL'),
  };
}
