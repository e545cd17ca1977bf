import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../curriculum/load.js';
import { loadQuestions } from '../curriculum/questions.js';
import type { Question } from '../curriculum/schema.js';
import { isNodeprepError, notFound } from '../errors.js';
import { position } from '../plan/status.js';
import type { ProgressStore } from '../progress/store.js';
import { deckDays, setDeckDay, upsertCards, type CardSource } from './cards-repo.js';

/** Days whose cards belong in the deck: every day up to today's plan day, and every day marked done. */
export function reachedDays(store: ProgressStore, now: Date): number[] {
  const days = new Set(store.doneDays());
  const today = position(store.startDate(), now).today;
  for (let d = 1; d <= (today ?? 0); d++) days.add(d);
  return [...days].sort((a, b) => a - b);
}

/** Size and mtime of the day's questions.yaml: cards are re-read only when it changes. */
function signature(plan: Plan, day: number): string | null {
  const entry = plan.days[day - 1];
  if (!entry?.has.questions) return null;
  const st = statSync(join(entry.dir, 'questions.yaml'));
  return `${st.size}:${Math.round(st.mtimeMs)}`;
}

const sources = (questions: readonly Question[]): CardSource[] => questions.map((q, ord) => ({ id: q.id, ord, prompt: q.prompt, tags: q.tags }));

export interface SyncResult {
  /** Cards that entered the deck. */
  added: number;
  /** Question files that failed to load; their days are skipped, the rest of the deck works. */
  problems: string[];
}

/**
 * Brings the deck up to date at `now`: the questions of every reached or requested day become cards.
 * Cheap when nothing changed (one stat per day); a day's file is parsed only when it is new or edited.
 */
export function syncDeck(store: ProgressStore, plan: Plan, now: Date): SyncResult {
  const known = deckDays(store.db);
  const wanted = new Set([...reachedDays(store, now), ...[...known].filter(([, d]) => d.requested).map(([day]) => day)]);
  const result: SyncResult = { added: 0, problems: [] };
  for (const day of [...wanted].sort((a, b) => a - b)) {
    const sig = signature(plan, day);
    if (!sig || known.get(day)?.signature === sig) continue;
    try {
      result.added += upsertCards(store.db, day, sources(loadQuestions(plan, day)), now, true);
      setDeckDay(store.db, day, sig, false, now);
    } catch (err) {
      if (!isNodeprepError(err)) throw err;
      result.problems.push(err.message);
    }
  }
  return result;
}

/** Puts a day's cards in the deck before the plan reaches it. Returns how many were new to the deck. */
export function addDay(store: ProgressStore, plan: Plan, day: number, now: Date): { added: number; total: number } {
  const questions = loadQuestions(plan, day);
  const sig = signature(plan, day);
  if (!questions.length || !sig) throw notFound(`Day ${day} has no questions yet, so it has no cards to add.`);
  const added = upsertCards(store.db, day, sources(questions), now, true);
  setDeckDay(store.db, day, sig, true, now);
  return { added, total: questions.length };
}

/** The question with this id, from its day's file (the id names the day: d03-… is day 3). */
export function findQuestion(plan: Plan, id: string): { question: Question; day: number; ord: number } {
  const m = /^d(\d{2})-[a-z0-9-]+$/.exec(id);
  const day = m ? Number(m[1]) : 0;
  const list = day >= 1 && day <= 30 ? loadQuestions(plan, day) : [];
  const ord = list.findIndex((q) => q.id === id);
  if (ord < 0) throw notFound(`There is no question "${id}": ids look like d03-backpressure; \`nodeprep questions <day> --json\` lists them.`);
  return { question: list[ord]!, day, ord };
}

/** Puts one question's card in the deck (for a rating given before its day is reached). */
export function ensureCard(store: ProgressStore, plan: Plan, id: string, now: Date): void {
  const { question, day, ord } = findQuestion(plan, id);
  upsertCards(store.db, day, [{ id, ord, prompt: question.prompt, tags: question.tags }], now, false);
}
