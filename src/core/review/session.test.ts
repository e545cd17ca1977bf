import { describe, expect, it } from 'vitest';
import { loadPlan, loadQuestions } from '../curriculum/load.js';
import { curriculumRoot } from '../paths.js';
import { ProgressStore } from '../progress/store.js';
import { activeCards, getCard, ratingsSince } from './cards-repo.js';
import { addDay, ensureCard, findQuestion, reachedDays, syncDeck } from './deck.js';
import { setLimits } from './limits.js';
import { startOfDay } from './queue.js';
import { State } from './scheduler.js';
import { dueQueue, gradeCard, undoLast } from './session.js';

const plan = loadPlan(curriculumRoot);
const at = (iso: string) => new Date(`${iso}T09:00:00`);
const idsOf = (...days: number[]) => days.flatMap((d) => loadQuestions(plan, d).map((q) => q.id));

function started(start = '2026-12-01') {
  const store = ProgressStore.open(':memory:');
  store.setStartDate(start);
  return store;
}

describe('the deck', () => {
  it('holds the cards of every reached day: up to today, plus days marked done', () => {
    const store = started();
    store.markDone(6, '2026-12-02T10:00:00Z');
    expect(reachedDays(store, at('2026-12-03'))).toEqual([1, 2, 3, 6]);
    syncDeck(store, plan, at('2026-12-03'));
    expect(activeCards(store.db).map((c) => c.id).sort()).toEqual(idsOf(1, 2, 3, 6).sort());
  });

  it('is empty before a start date, and re-reads a day only when its file changes', () => {
    const store = ProgressStore.open(':memory:');
    expect(syncDeck(store, plan, at('2026-12-03')).added).toBe(0);
    store.setStartDate('2026-12-01');
    expect(syncDeck(store, plan, at('2026-12-03')).added).toBe(idsOf(1, 2, 3).length);
    expect(syncDeck(store, plan, at('2026-12-03')).added).toBe(0);
  });

  it('takes a day early on request and keeps it', () => {
    const store = started();
    expect(addDay(store, plan, 5, at('2026-12-01'))).toEqual({ added: idsOf(5).length, total: idsOf(5).length });
    syncDeck(store, plan, at('2026-12-01'));
    expect(activeCards(store.db).filter((c) => c.day === 5)).toHaveLength(idsOf(5).length);
    expect(() => addDay(store, plan, 26, at('2026-12-01'))).toThrow(/Day 26 has no questions yet/);
  });

  it('finds a question by id and refuses an unknown one with what to do', () => {
    const id = idsOf(3)[0]!;
    expect(findQuestion(plan, id)).toMatchObject({ day: 3, ord: 0 });
    expect(() => findQuestion(plan, 'd03-no-such-question')).toThrow(/There is no question "d03-no-such-question".*nodeprep questions <day> --json/);
    expect(() => findQuestion(plan, 'backpressure')).toThrow(/ids look like d03-backpressure/);
  });
});

describe('grading', () => {
  const now = at('2026-12-03');

  it('saves the next schedule, logs the rating and takes the card off today’s queue', () => {
    const store = started();
    const before = dueQueue(store, plan, now);
    const first = before.cards[0]!;
    const result = gradeCard(store, first, 'good', now, { source: 'grade' });
    expect(result).toMatchObject({ id: first.id, rating: 'good', state: 'learning', lapses: 0, leech: false });
    expect(new Date(result.due).getTime()).toBe(now.getTime() + 10 * 60_000);
    expect(ratingsSince(store.db, startOfDay(now))).toEqual({ newCards: 1, reviews: 0 });
    const after = dueQueue(store, plan, new Date(now.getTime() + 60 * 60_000));
    expect(after.cards.filter((c) => c.state === State.New)).toHaveLength(9);
    expect(after.cards[0]!.id).toBe(first.id);
  });

  it('undoes the last rating: the card is back as it was and the daily count drops', () => {
    const store = started();
    const card = dueQueue(store, plan, now).cards[0]!;
    gradeCard(store, card, 'easy', now, { source: 'review' });
    const undone = undoLast(store);
    expect(undone).toMatchObject({ id: card.id, rating: 'easy' });
    expect(getCard(store.db, card.id)).toEqual(card);
    expect(ratingsSince(store.db, startOfDay(now))).toEqual({ newCards: 0, reviews: 0 });
    expect(undoLast(store)).toBeNull();
  });

  it('flags a leech at the 8th lapse, and undo unflags it', () => {
    const store = started();
    const id = dueQueue(store, plan, now).cards[0]!.id;
    let t = now.getTime();
    const step = (rating: 'again' | 'good') => {
      const card = getCard(store.db, id)!;
      t = Math.max(t + 60_000, card.due.getTime());
      return gradeCard(store, card, rating, new Date(t), { source: 'review' });
    };
    step('good');
    step('good');
    for (let lapse = 1; lapse <= 7; lapse++) {
      expect(step('again')).toMatchObject({ lapses: lapse, leech: false });
      step('good');
    }
    expect(step('again')).toMatchObject({ lapses: 8, leech: true, becameLeech: true });
    undoLast(store);
    expect(getCard(store.db, id)).toMatchObject({ lapses: 7, leech: false });
  });

  it('honours new limits set by the learner', () => {
    const store = started();
    setLimits(store, { newPerDay: 3 });
    expect(dueQueue(store, plan, now).cards).toHaveLength(3);
  });

  it('puts a question from a day not reached yet in the deck when it is rated', () => {
    const store = started();
    const id = idsOf(6)[1]!;
    ensureCard(store, plan, id, now);
    expect(getCard(store.db, id)).toMatchObject({ day: 6, ord: 1, state: State.New });
    expect(activeCards(store.db).filter((c) => c.day === 6)).toHaveLength(1);
  });
});
