import { daysBetween, localDate } from '../plan/dates.js';
import type { DeckCard } from './cards-repo.js';
import { retrievability, State } from './scheduler.js';

export interface Limits {
  /** New cards introduced per day. */
  newPerDay: number;
  /** Review cards (not learning steps) shown per day. */
  reviewsPerDay: number;
}

export const DEFAULT_LIMITS: Limits = { newPerDay: 10, reviewsPerDay: 100 };

/** In a running session, learning steps due within this window are shown too, so it does not stall on a 1-minute step. */
export const LEARN_AHEAD_MS = 20 * 60_000;

/** After a break: more reviews are due than today's limit allows. */
export interface CatchUp {
  /** Review cards due today, overdue ones included. */
  backlog: number;
  /** How many today's session shows: the most forgotten first. */
  today: number;
  /** Days until the backlog is cleared at the daily limit, counting cards that fall due meanwhile; null when the limit is 0. */
  days: number | null;
}

export interface Queue {
  /**
   * In session order: learning steps due now, reviews (most forgotten first), new cards, then
   * learning steps due within `learnAheadMs`.
   */
  cards: DeckCard[];
  /** Cards due before the daily limits are applied. */
  due: { learning: number; review: number; new: number };
  /** What is left of today's limits before this queue. */
  left: { newCards: number; reviews: number };
  catchUp: CatchUp | null;
  /** New cards wait because of a review backlog. */
  newPaused: boolean;
  /** When the next card not yet due comes due (for "come back at …"). */
  next: Date | null;
}

/** Midnight at the start of the learner's local day. */
export function startOfDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

function endOfDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

const isLearning = (c: DeckCard) => c.state === State.Learning || c.state === State.Relearning;

/**
 * Days to clear `backlog` reviews with `leftToday` slots today and `perDay` after, while the cards
 * in `upcoming` (due dates of review cards not yet due) keep falling due. Capped at a year.
 */
export function backlogDays(backlog: number, upcoming: readonly Date[], leftToday: number, perDay: number, now: Date): number | null {
  if (backlog <= leftToday) return 1;
  if (perDay <= 0) return null;
  const byDay = new Map<number, number>();
  const today = localDate(now);
  for (const due of upcoming) {
    const offset = daysBetween(today, localDate(due));
    byDay.set(offset, (byDay.get(offset) ?? 0) + 1);
  }
  let waiting = backlog - leftToday;
  for (let day = 1; day < 366; day++) {
    waiting += byDay.get(day) ?? 0;
    waiting -= perDay;
    if (waiting <= 0) return day + 1;
  }
  return 366;
}

/**
 * What is due at `now`: every learning step due (they ignore limits; with `learnAheadMs`, those due
 * that soon too, last), review cards
 * due today up to what is left of the review limit, and new cards up to what is left of the new
 * limit. When more reviews are due than the limit allows (after a break), the session shows the
 * most forgotten first, pauses new cards and says how many days the backlog will take.
 */
export function buildQueue(cards: readonly DeckCard[], doneToday: { newCards: number; reviews: number }, limits: Limits, now: Date, learnAheadMs = 0): Queue {
  const dayEnd = endOfDay(now).getTime();
  const learnAhead = now.getTime() + learnAheadMs;
  const learning = cards.filter((c) => isLearning(c) && c.due.getTime() <= learnAhead).sort((a, b) => a.due.getTime() - b.due.getTime());
  const learningNow = learning.filter((c) => c.due.getTime() <= now.getTime());
  const reviewCards = cards.filter((c) => c.state === State.Review);
  const reviews = reviewCards.filter((c) => c.due.getTime() < dayEnd);
  const fresh = cards.filter((c) => c.state === State.New).sort((a, b) => a.day - b.day || a.ord - b.ord);

  const left = { newCards: Math.max(0, limits.newPerDay - doneToday.newCards), reviews: Math.max(0, limits.reviewsPerDay - doneToday.reviews) };
  const r = new Map(reviews.map((c) => [c.id, retrievability(c, now) ?? 0]));
  const mostForgotten = [...reviews].sort((a, b) => r.get(a.id)! - r.get(b.id)! || a.due.getTime() - b.due.getTime());
  const shownReviews = mostForgotten.slice(0, left.reviews);

  let catchUp: CatchUp | null = null;
  if (reviews.length > left.reviews) {
    const upcoming = reviewCards.filter((c) => c.due.getTime() >= dayEnd).map((c) => c.due);
    catchUp = { backlog: reviews.length, today: shownReviews.length, days: backlogDays(reviews.length, upcoming, left.reviews, limits.reviewsPerDay, now) };
  }
  const shownNew = catchUp ? [] : fresh.slice(0, left.newCards);

  const later = [
    ...cards.filter((c) => isLearning(c) && c.due.getTime() > learnAhead),
    ...reviewCards.filter((c) => c.due.getTime() >= dayEnd),
  ].map((c) => c.due.getTime());
  return {
    cards: [...learningNow, ...shownReviews, ...shownNew, ...learning.slice(learningNow.length)],
    due: { learning: learning.length, review: reviews.length, new: fresh.length },
    left,
    catchUp,
    newPaused: catchUp !== null && fresh.length > 0 && left.newCards > 0,
    next: later.length ? new Date(Math.min(...later)) : null,
  };
}
