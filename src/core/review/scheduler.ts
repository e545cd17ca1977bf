import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import { usageError } from '../errors.js';

/** The recall probability FSRS schedules for: a card comes due when it drops to 90%. */
export const REQUEST_RETENTION = 0.9;
/** A card that has lapsed this many times is a leech: the answer needs relearning, not more reps. */
export const LEECH_LAPSES = 8;

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type RatingName = (typeof RATINGS)[number];

/** How a due card is shown: never studied, in (re)learning steps, or a spaced review. */
export type CardKind = 'new' | 'learning' | 'review';
export type StateName = 'new' | 'learning' | 'review' | 'relearning';

export type { Card };

const scheduler = fsrs({ request_retention: REQUEST_RETENTION, enable_fuzz: true });

const GRADES: Record<RatingName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** "good", "Good" or "3" → "good"; anything else is a usage error that lists the choices. */
export function parseRating(text: string): RatingName {
  const t = text.trim().toLowerCase();
  const byDigit = /^[1-4]$/.test(t) ? RATINGS[Number(t) - 1] : undefined;
  const name = byDigit ?? RATINGS.find((r) => r === t);
  if (!name) throw usageError(`"${text}" is not a rating: use again, hard, good or easy.`);
  return name;
}

export const ratingName = (rating: number): RatingName => RATINGS[rating - 1] ?? 'good';
export const ratingValue = (name: RatingName): number => GRADES[name];

/** A card that has never been studied, due at `now`. */
export function newCard(now: Date): Card {
  return createEmptyCard(now);
}

/** The card after rating it at `now` (FSRS-6 with fuzz: deterministic for a given card and `now`). */
export function rate(card: Card, rating: RatingName, now: Date): Card {
  return scheduler.next(card, now, GRADES[rating]).card;
}

/** When each rating would bring the card back, for the rating buttons. */
export function preview(card: Card, now: Date): Record<RatingName, Date> {
  const log = scheduler.repeat(card, now);
  return { again: log[Rating.Again].card.due, hard: log[Rating.Hard].card.due, good: log[Rating.Good].card.due, easy: log[Rating.Easy].card.due };
}

/** The probability of recalling the card at `now` (0..1); null for a card never studied. */
export function retrievability(card: Card, now: Date): number | null {
  if (card.state === State.New) return null;
  return scheduler.get_retrievability(card, now, false);
}

export function kindOf(state: State): CardKind {
  return state === State.New ? 'new' : state === State.Review ? 'review' : 'learning';
}

export function stateName(state: State): StateName {
  return (['new', 'learning', 'review', 'relearning'] as const)[state];
}

/** "in 10m", "in 3d", "in 2.5mo": the gap from `now` to `due`, as the rating buttons show it. */
export function interval(due: Date, now: Date): string {
  const minutes = Math.max(0, (due.getTime() - now.getTime()) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(1).replace(/\.0$/, '')}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, '')}y`;
}

export { State };
