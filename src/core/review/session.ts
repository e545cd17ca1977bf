import type { Plan } from '../curriculum/load.js';
import type { ProgressStore } from '../progress/store.js';
import { coverage, type Coverage } from '../interview/key-points.js';
import { activeCards, getCard, lastRating, ratingsSince, saveRating, undoRating, type DeckCard } from './cards-repo.js';
import { ensureCard, findQuestion, syncDeck } from './deck.js';
import { getLimits } from './limits.js';
import { buildQueue, startOfDay, type Queue } from './queue.js';
import { kindOf, LEECH_LAPSES, rate, ratingName, ratingValue, stateName, type CardKind, type RatingName, type StateName } from './scheduler.js';

/** **contract**: what `nodeprep grade --json` prints. */
export interface GradeResult {
  id: string;
  rating: RatingName;
  /** The next due date, ISO. */
  due: string;
  state: StateName;
  lapses: number;
  leech: boolean;
}

export interface GradeOptions {
  source: 'review' | 'quiz' | 'grade';
  /** Key-point coverage of the typed answer, 0..1. */
  coverage?: number;
  answer?: string;
}

/** Rates a card at `now`, saves its next schedule and logs the rating (one transaction). */
export function gradeCard(store: ProgressStore, card: DeckCard, rating: RatingName, now: Date, opts: GradeOptions): GradeResult & { becameLeech: boolean } {
  const next = rate(card, rating, now);
  const leech = card.leech || next.lapses >= LEECH_LAPSES;
  saveRating(store.db, { before: card, after: { ...next, leech }, rating: ratingValue(rating), source: opts.source, at: now, coverage: opts.coverage, answer: opts.answer });
  return { id: card.id, rating, due: next.due.toISOString(), state: stateName(next.state), lapses: next.lapses, leech, becameLeech: leech && !card.leech };
}

export interface Undone {
  id: string;
  rating: RatingName;
  /** The card as it is again. */
  card: DeckCard | undefined;
}

/** Takes back the most recent rating: the card's schedule returns to what it was. Null when there is none. */
export function undoLast(store: ProgressStore): Undone | null {
  const last = lastRating(store.db);
  if (!last) return null;
  undoRating(store.db, last.logId);
  return { id: last.cardId, rating: ratingName(last.rating), card: getCard(store.db, last.cardId) };
}

/**
 * Syncs the deck with the plan and builds the queue due at `now` under the daily limits; a running
 * session passes `learnAheadMs` (LEARN_AHEAD_MS) to see learning steps coming due shortly.
 */
export function dueQueue(store: ProgressStore, plan: Plan, now: Date, learnAheadMs = 0): Queue & { problems: string[]; deckSize: number } {
  const { problems } = syncDeck(store, plan, now);
  const cards = activeCards(store.db);
  const queue = buildQueue(cards, ratingsSince(store.db, startOfDay(now)), getLimits(store), now, learnAheadMs);
  return { ...queue, problems, deckSize: cards.length };
}

/** **contract**: one due card in `nodeprep review --json` and `GET /api/review/due`. */
export interface DueCard {
  id: string;
  prompt: string;
  day: number;
  tags: string[];
  kind: CardKind;
  /** ISO. */
  due: string;
}

export const dueCard = (c: DeckCard): DueCard => ({ id: c.id, prompt: c.prompt, day: c.day, tags: c.tags, kind: kindOf(c.state), due: c.due.toISOString() });

/**
 * Rates a question by id (the scriptable side of review): a known question whose day is not
 * reached yet joins the deck first; a typed answer is also scored against the key points.
 */
export function gradeById(
  store: ProgressStore,
  plan: Plan,
  id: string,
  rating: RatingName,
  now: Date,
  opts: { source: GradeOptions['source']; answer?: string | undefined },
): GradeResult & { becameLeech: boolean; day: number; coverage?: Coverage } {
  let card = getCard(store.db, id);
  if (!card) {
    ensureCard(store, plan, id, now);
    card = getCard(store.db, id)!;
  }
  const cov = opts.answer !== undefined ? coverage(opts.answer, findQuestion(plan, id).question.keyPoints) : undefined;
  const r = gradeCard(store, card, rating, now, { source: opts.source, coverage: cov?.score, answer: opts.answer });
  return cov ? { ...r, day: card.day, coverage: cov } : { ...r, day: card.day };
}
