import type Database from 'better-sqlite3';
import { newCard, State, type Card } from './scheduler.js';

/** A question's FSRS card, with what the queue needs to show it without parsing the curriculum. */
export interface DeckCard extends Card {
  id: string;
  day: number;
  ord: number;
  prompt: string;
  tags: string[];
  leech: boolean;
  addedAt: string;
}

/** The scheduling part of a card, as saved before a rating so undo can put it back. */
type Snapshot = Omit<DeckCard, 'id' | 'day' | 'ord' | 'prompt' | 'tags' | 'addedAt'>;

export interface CardSource {
  id: string;
  /** Position in the day's questions.yaml. */
  ord: number;
  prompt: string;
  tags: string[];
}

type Row = Record<string, unknown>;

function fromRow(r: Row): DeckCard {
  return {
    id: r.id as string,
    day: r.day as number,
    ord: r.ord as number,
    prompt: r.prompt as string,
    tags: JSON.parse(r.tags as string) as string[],
    leech: r.leech === 1,
    addedAt: r.added_at as string,
    due: new Date(r.due as string),
    stability: r.stability as number,
    difficulty: r.difficulty as number,
    elapsed_days: r.elapsed_days as number,
    scheduled_days: r.scheduled_days as number,
    learning_steps: r.learning_steps as number,
    reps: r.reps as number,
    lapses: r.lapses as number,
    state: r.state as State,
    ...(r.last_review ? { last_review: new Date(r.last_review as string) } : {}),
  };
}

const schedulingParams = (c: Snapshot) => ({
  due: c.due.toISOString(),
  stability: c.stability,
  difficulty: c.difficulty,
  elapsed_days: c.elapsed_days,
  scheduled_days: c.scheduled_days,
  learning_steps: c.learning_steps,
  reps: c.reps,
  lapses: c.lapses,
  state: c.state,
  last_review: c.last_review ? c.last_review.toISOString() : null,
  leech: c.leech ? 1 : 0,
});

const SCHEDULING_SET = 'due = @due, stability = @stability, difficulty = @difficulty, elapsed_days = @elapsed_days, scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses, state = @state, last_review = @last_review, leech = @leech';

/**
 * Puts questions of a day in the deck as new cards (existing cards keep their schedule; their prompt,
 * tags and order follow the curriculum). With `wholeDay`, the day's cards whose question left the
 * file are retired, not deleted. Returns how many cards were added.
 */
export function upsertCards(db: Database.Database, day: number, questions: readonly CardSource[], now: Date, wholeDay: boolean): number {
  const insert = db.prepare(
    `INSERT INTO cards (id, day, ord, prompt, tags, added_at, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, leech)
     VALUES (@id, @day, @ord, @prompt, @tags, @added_at, @due, @stability, @difficulty, @elapsed_days, @scheduled_days, @learning_steps, @reps, @lapses, @state, @last_review, @leech)
     ON CONFLICT (id) DO UPDATE SET day = excluded.day, ord = excluded.ord, prompt = excluded.prompt, tags = excluded.tags, retired = 0`,
  );
  const count = db.prepare('SELECT COUNT(*) AS n FROM cards');
  return db.transaction(() => {
    const before = (count.get() as { n: number }).n;
    const fresh = newCard(now);
    questions.forEach((q) => {
      insert.run({ id: q.id, day, ord: q.ord, prompt: q.prompt, tags: JSON.stringify(q.tags), added_at: now.toISOString(), ...schedulingParams({ ...fresh, leech: false }) });
    });
    const ids = questions.map((q) => q.id);
    if (wholeDay) db.prepare(`UPDATE cards SET retired = 1 WHERE day = ? AND id NOT IN (${ids.map(() => '?').join(', ') || "''"})`).run(day, ...ids);
    return (count.get() as { n: number }).n - before;
  })();
}

export function getCard(db: Database.Database, id: string): DeckCard | undefined {
  const row = db.prepare('SELECT * FROM cards WHERE id = ? AND retired = 0').get(id) as Row | undefined;
  return row && fromRow(row);
}

/** Every card in the deck whose question is still in the curriculum. */
export function activeCards(db: Database.Database): DeckCard[] {
  return (db.prepare('SELECT * FROM cards WHERE retired = 0 ORDER BY day, ord').all() as Row[]).map(fromRow);
}

export interface RatingEntry {
  before: DeckCard;
  after: Card & { leech: boolean };
  rating: number;
  source: 'review' | 'quiz' | 'grade';
  at: Date;
  coverage?: number;
  answer?: string;
}

/** Saves the card's new schedule and logs the rating, in one transaction. */
export function saveRating(db: Database.Database, e: RatingEntry): void {
  const { id, state } = e.before;
  db.transaction(() => {
    db.prepare(`UPDATE cards SET ${SCHEDULING_SET} WHERE id = @id`).run({ id, ...schedulingParams(e.after) });
    db.prepare('INSERT INTO review_log (card_id, rating, source, at, prev_state, prev, due, coverage, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      e.rating,
      e.source,
      e.at.toISOString(),
      state,
      JSON.stringify(schedulingParams(e.before)),
      e.after.due.toISOString(),
      e.coverage ?? null,
      e.answer ?? null,
    );
  })();
}

export interface LoggedRating {
  logId: number;
  cardId: string;
  rating: number;
  at: string;
}

export function lastRating(db: Database.Database): LoggedRating | undefined {
  const r = db.prepare('SELECT id, card_id, rating, at FROM review_log ORDER BY id DESC LIMIT 1').get() as Row | undefined;
  return r && { logId: r.id as number, cardId: r.card_id as string, rating: r.rating as number, at: r.at as string };
}

/** Puts the card back as it was before the logged rating and forgets the rating. */
export function undoRating(db: Database.Database, logId: number): void {
  db.transaction(() => {
    const r = db.prepare('SELECT card_id, prev FROM review_log WHERE id = ?').get(logId) as Row | undefined;
    if (!r) return;
    db.prepare(`UPDATE cards SET ${SCHEDULING_SET} WHERE id = @id`).run({ id: r.card_id, ...(JSON.parse(r.prev as string) as object) });
    db.prepare('DELETE FROM review_log WHERE id = ?').run(logId);
  })();
}

/** Ratings given since `since` of cards that were new, and of cards that were in review (the daily limits). */
export function ratingsSince(db: Database.Database, since: Date): { newCards: number; reviews: number } {
  const r = db
    .prepare(`SELECT COALESCE(SUM(prev_state = ${State.New}), 0) AS n, COALESCE(SUM(prev_state = ${State.Review}), 0) AS r FROM review_log WHERE at >= ?`)
    .get(since.toISOString()) as { n: number; r: number };
  return { newCards: r.n, reviews: r.r };
}

export interface DeckDay {
  signature: string;
  requested: boolean;
}

export function deckDays(db: Database.Database): Map<number, DeckDay> {
  const rows = db.prepare('SELECT day, signature, requested FROM deck_days').all() as Row[];
  return new Map(rows.map((r) => [r.day as number, { signature: r.signature as string, requested: r.requested === 1 }]));
}

export function setDeckDay(db: Database.Database, day: number, signature: string, requested: boolean, now: Date): void {
  db.prepare('INSERT INTO deck_days (day, signature, requested, at) VALUES (?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET signature = excluded.signature, requested = MAX(requested, excluded.requested)').run(
    day,
    signature,
    requested ? 1 : 0,
    now.toISOString(),
  );
}
