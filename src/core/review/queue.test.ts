import { describe, expect, it } from 'vitest';
import type { DeckCard } from './cards-repo.js';
import { backlogDays, buildQueue, DEFAULT_LIMITS, LEARN_AHEAD_MS } from './queue.js';
import { newCard, retrievability, State } from './scheduler.js';

// Local time: due dates and daily limits follow the learner's calendar day.
const now = new Date(2026, 11, 10, 9, 0);
const at = (days: number, minutes = 0) => new Date(now.getTime() + days * 86_400_000 + minutes * 60_000);

function card(id: string, over: Partial<DeckCard> = {}): DeckCard {
  return { ...newCard(at(-30)), id, day: 1, ord: 0, prompt: id, tags: ['t'], leech: false, addedAt: at(-30).toISOString(), ...over };
}
/** A card in review, last seen `ago` days ago with the given stability, due `due` days from now. */
const review = (id: string, due: number, stability = 10, ago = 10) =>
  card(id, { state: State.Review, due: at(due), stability, difficulty: 5, reps: 3, scheduled_days: 10, last_review: at(-ago) });
const none = { newCards: 0, reviews: 0 };

describe('buildQueue', () => {
  it('introduces new cards up to what is left of the daily new limit, in plan order', () => {
    const cards = Array.from({ length: 15 }, (_, i) => card(`d0${(i % 3) + 1}-q${i}`, { day: (i % 3) + 1, ord: i }));
    const q = buildQueue(cards, none, DEFAULT_LIMITS, now);
    expect(q.cards).toHaveLength(10);
    expect(q.cards.map((c) => c.day)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(buildQueue(cards, { newCards: 4, reviews: 0 }, DEFAULT_LIMITS, now).cards).toHaveLength(6);
    expect(buildQueue(cards, { newCards: 12, reviews: 0 }, DEFAULT_LIMITS, now).cards).toHaveLength(0);
  });

  it('shows learning steps whatever the limits: due ones first, in a session those due within 20 minutes last', () => {
    const cards = [
      review('r1', -1),
      card('n1'),
      card('l-soon', { state: State.Learning, due: at(0, 15) }),
      card('l-now', { state: State.Relearning, due: at(0, -5) }),
      card('l-later', { state: State.Learning, due: at(0, 45) }),
    ];
    expect(buildQueue(cards, none, { newPerDay: 0, reviewsPerDay: 0 }, now, LEARN_AHEAD_MS).cards.map((c) => c.id)).toEqual(['l-now', 'l-soon']);
    const q = buildQueue(cards, none, DEFAULT_LIMITS, now, LEARN_AHEAD_MS);
    expect(q.cards.map((c) => c.id)).toEqual(['l-now', 'r1', 'n1', 'l-soon']);
    expect(q.next).toEqual(at(0, 45));
    // Outside a session (review --json), only what is due now.
    expect(buildQueue(cards, none, DEFAULT_LIMITS, now).cards.map((c) => c.id)).toEqual(['l-now', 'r1', 'n1']);
  });

  it('counts a review card due later today as due today', () => {
    const q = buildQueue([review('today', 0.5), review('tomorrow', 1)], none, DEFAULT_LIMITS, now);
    expect(q.cards.map((c) => c.id)).toEqual(['today']);
    expect(q.catchUp).toBeNull();
  });

  it('caps reviews at what is left of the daily review limit', () => {
    const cards = Array.from({ length: 8 }, (_, i) => review(`r${i}`, -1));
    const q = buildQueue(cards, { newCards: 0, reviews: 95 }, DEFAULT_LIMITS, now);
    expect(q.cards).toHaveLength(5);
    expect(q.left.reviews).toBe(5);
  });

  describe('after a break (more reviews due than the limit)', () => {
    // 250 overdue reviews with varied memory, plus new cards waiting.
    const overdue = Array.from({ length: 250 }, (_, i) => review(`r${i}`, -(i % 20) - 1, 2 + (i % 37), 20 + (i % 11)));
    const fresh = Array.from({ length: 5 }, (_, i) => card(`n${i}`, { ord: i }));
    const q = buildQueue([...overdue, ...fresh], none, DEFAULT_LIMITS, now);

    it('shows only the daily limit, the most forgotten first', () => {
      expect(q.cards).toHaveLength(100);
      const r = q.cards.map((c) => retrievability(c, now)!);
      expect(r).toEqual([...r].sort((a, b) => a - b));
      const shown = new Set(q.cards.map((c) => c.id));
      const hidden = overdue.filter((c) => !shown.has(c.id)).map((c) => retrievability(c, now)!);
      expect(Math.max(...r)).toBeLessThanOrEqual(Math.min(...hidden));
    });

    it('pauses new cards and says how long the backlog takes', () => {
      expect(q.cards.some((c) => c.state === State.New)).toBe(false);
      expect(q.newPaused).toBe(true);
      expect(q.catchUp).toEqual({ backlog: 250, today: 100, days: 3 });
    });

    it('counts the cards that fall due while the backlog is worked off', () => {
      const upcoming = Array.from({ length: 120 }, (_, i) => review(`u${i}`, 1 + (i % 3)));
      expect(buildQueue([...overdue, ...upcoming], none, DEFAULT_LIMITS, now).catchUp?.days).toBe(4);
    });
  });
});

describe('backlogDays', () => {
  it.each([
    [80, 100, 100, 1],
    [100, 100, 100, 1],
    [250, 100, 100, 3],
    [250, 0, 100, 4],
    [250, 50, 50, 5],
  ])('%d due, %d left today, %d a day → %d days', (backlog, leftToday, perDay, days) => {
    expect(backlogDays(backlog, [], leftToday, perDay, now)).toBe(days);
  });

  it('never clears with a limit of 0', () => {
    expect(backlogDays(10, [], 0, 0, now)).toBeNull();
  });
});
