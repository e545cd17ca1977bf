import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../progress/store.js';
import { activeCards, getCard, upsertCards } from './cards-repo.js';
import { State } from './scheduler.js';
import { gradeCard } from './session.js';

const now = new Date('2026-12-03T09:00:00Z');
const q = (id: string, ord: number, prompt = `${id}?`) => ({ id, ord, prompt, tags: ['streams'] });

describe('upsertCards', () => {
  it('adds new cards once and keeps a studied card’s schedule when the curriculum changes its text', () => {
    const store = ProgressStore.open(':memory:');
    expect(upsertCards(store.db, 3, [q('d03-a', 0), q('d03-b', 1)], now, true)).toBe(2);
    gradeCard(store, getCard(store.db, 'd03-a')!, 'easy', now, { source: 'grade' });
    expect(upsertCards(store.db, 3, [q('d03-a', 1, 'Reworded?'), q('d03-b', 0)], new Date('2026-12-05T09:00:00Z'), true)).toBe(0);
    expect(getCard(store.db, 'd03-a')).toMatchObject({ prompt: 'Reworded?', ord: 1, state: State.Review, reps: 1 });
  });

  it('retires the cards of questions that left the day’s file, and brings them back if they return', () => {
    const store = ProgressStore.open(':memory:');
    upsertCards(store.db, 3, [q('d03-a', 0), q('d03-b', 1)], now, true);
    upsertCards(store.db, 3, [q('d03-a', 0)], now, true);
    expect(activeCards(store.db).map((c) => c.id)).toEqual(['d03-a']);
    expect(getCard(store.db, 'd03-b')).toBeUndefined();
    upsertCards(store.db, 3, [q('d03-b', 1)], now, false); // one card alone retires nothing
    expect(activeCards(store.db).map((c) => c.id)).toEqual(['d03-a', 'd03-b']);
  });
});
