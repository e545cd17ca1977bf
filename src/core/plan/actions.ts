import type { ProgressStore } from '../progress/store.js';
import { localDate, parseDate } from './dates.js';
import { position } from './status.js';

/** **contract**: what `POST /api/start` returns (and what `nodeprep start` prints in words). */
export interface Started {
  startDate: string;
  /** The start date before this call, if one was set. */
  previous: string | null;
  /** The plan day for `now` (1-30), or null before day 1. */
  today: number | null;
}

/** Sets the day the plan starts: `date` (YYYY-MM-DD) or, by default, the local date of `now`. */
export function startPlan(store: ProgressStore, now: Date, date?: string): Started {
  const startDate = date === undefined ? localDate(now) : parseDate(date);
  const previous = store.startDate() ?? null;
  store.setStartDate(startDate);
  return { startDate, previous, today: position(startDate, now).today };
}

/** Marks a plan day done at `now`, or (with `done: false`) not done. */
export function setDayDone(store: ProgressStore, day: number, done: boolean, now: Date): { day: number; done: boolean } {
  if (done) store.markDone(day, now.toISOString());
  else store.unmarkDone(day);
  return { day, done };
}
