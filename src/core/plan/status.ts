import type { DayEntry, Plan } from '../curriculum/load.js';
import type { ProgressStore } from '../progress/store.js';
import { daysBetween, localDate } from './dates.js';

/**
 * done: the learner finished it; today: the plan's day for today; catch-up: an earlier day not yet
 * done (missed days wait, they are never lost); upcoming: later; unscheduled: no start date set yet.
 */
export type DayStatus = 'done' | 'today' | 'catch-up' | 'upcoming' | 'unscheduled';

/** Whether the trainer has the day's material yet. */
export type ContentState = 'ready' | 'partial' | 'coming';

export interface DayView {
  day: number;
  week: number;
  title: string;
  kind: DayEntry['kind'];
  study: string[];
  practice: string | null;
  question: string | null;
  /** The lab's title, or null when the day has no lab (yet). */
  lab: string | null;
  status: DayStatus;
  content: ContentState;
}

export interface Position {
  startDate: string | null;
  /** The plan day for today (1-30), or null before the start date or when no date is set. */
  today: number | null;
  /** Days since the start, past day 30 when the plan's calendar is over. */
  elapsed: number | null;
}

export function position(startDate: string | undefined, now: Date): Position {
  if (!startDate) return { startDate: null, today: null, elapsed: null };
  const elapsed = daysBetween(startDate, localDate(now));
  return { startDate, today: elapsed < 0 ? null : Math.min(elapsed + 1, 30), elapsed };
}

function contentState(d: DayEntry): ContentState {
  const wanted = [d.has.lesson, d.has.questions || d.kind !== 'study', d.practice === null || d.has.lab];
  if (wanted.every(Boolean)) return 'ready';
  return d.has.lesson || d.has.questions || d.has.lab ? 'partial' : 'coming';
}

export interface PlanView {
  position: Position;
  days: DayView[];
  /** Content files that failed to load; the rest of the plan is still shown. */
  problems: string[];
}

export function planView(plan: Plan, store: ProgressStore, now: Date): PlanView {
  const pos = position(store.startDate(), now);
  const done = store.doneDays();
  const days = plan.days.map((d): DayView => {
    const lab = plan.labTitles[d.day] ?? null;
    const status: DayStatus = done.has(d.day)
      ? 'done'
      : pos.today === null
        ? pos.startDate && pos.elapsed !== null && pos.elapsed < 0 ? 'upcoming' : 'unscheduled'
        : d.day === pos.today
          ? 'today'
          : d.day < pos.today
            ? 'catch-up'
            : 'upcoming';
    return {
      day: d.day,
      week: d.week,
      title: d.title,
      kind: d.kind,
      study: d.study,
      practice: d.practice,
      question: d.question,
      lab,
      status,
      content: contentState(d),
    };
  });
  return { position: pos, days, problems: plan.problems };
}

/** The day to work on next: the earliest catch-up day, else today, else the first day not done. */
export function nextDay(view: PlanView): DayView | undefined {
  return view.days.find((d) => d.status === 'catch-up') ?? view.days.find((d) => d.status === 'today') ?? view.days.find((d) => d.status !== 'done');
}

/** **contract**: what `nodeprep plan --json` prints and `GET /api/plan` returns. */
export function planJson(plan: Plan, view: PlanView) {
  return {
    weeks: plan.weeks,
    days: view.days.map(({ day, week, title, study, practice, question, lab, status, kind, content }) => ({ day, week, title, study, practice, question, lab, status, kind, content })),
  };
}
