import { describe, expect, it } from 'vitest';
import { interval, kindOf, newCard, parseRating, preview, rate, retrievability, State } from './scheduler.js';

const now = new Date('2026-12-01T09:00:00Z');
const minutes = (d: Date, from = now) => Math.round((d.getTime() - from.getTime()) / 60_000);
const days = (d: Date, from = now) => (d.getTime() - from.getTime()) / 86_400_000;

describe('parseRating', () => {
  it.each([
    ['again', 'again'],
    ['Good', 'good'],
    [' easy ', 'easy'],
    ['2', 'hard'],
  ])('%j → %s', (text, rating) => {
    expect(parseRating(text)).toBe(rating);
  });

  it.each(['great', '5', '', 'ok'])('refuses %j and lists the ratings', (text) => {
    expect(() => parseRating(text)).toThrow(/is not a rating: use again, hard, good or easy/);
  });
});

describe('rate (FSRS, request_retention 0.9, fuzz on)', () => {
  it('walks a new card through the 1m/10m learning steps into review', () => {
    const first = rate(newCard(now), 'good', now);
    expect(first.state).toBe(State.Learning);
    expect(minutes(first.due)).toBe(10);
    const second = rate(first, 'good', first.due);
    expect(second.state).toBe(State.Review);
    expect(days(second.due, first.due)).toBeGreaterThanOrEqual(1);
  });

  it('brings an again back in a minute and counts a lapse only for a card in review', () => {
    const learning = rate(newCard(now), 'again', now);
    expect(minutes(learning.due)).toBe(1);
    expect(learning.lapses).toBe(0);
    let card = rate(rate(newCard(now), 'good', now), 'good', new Date(now.getTime() + 600_000));
    card = rate(card, 'again', card.due);
    expect(card.state).toBe(State.Relearning);
    expect(card.lapses).toBe(1);
  });

  it('is deterministic for the same card and clock (fuzz is seeded by them)', () => {
    const card = rate(rate(newCard(now), 'good', now), 'good', new Date(now.getTime() + 600_000));
    const later = new Date(card.due.getTime() + 3_600_000);
    expect(rate(card, 'good', later).due).toEqual(rate(card, 'good', later).due);
  });

  it('orders the preview: again < hard < good < easy', () => {
    const p = preview(rate(rate(newCard(now), 'good', now), 'good', now), now);
    expect(p.again.getTime()).toBeLessThan(p.hard.getTime());
    expect(p.hard.getTime()).toBeLessThan(p.good.getTime());
    expect(p.good.getTime()).toBeLessThan(p.easy.getTime());
  });
});

describe('retrievability', () => {
  it('is unknown for a new card and decays with time for a studied one', () => {
    expect(retrievability(newCard(now), now)).toBeNull();
    const card = rate(rate(newCard(now), 'good', now), 'good', now);
    const soon = retrievability(card, new Date(now.getTime() + 86_400_000))!;
    const late = retrievability(card, new Date(now.getTime() + 60 * 86_400_000))!;
    expect(soon).toBeGreaterThan(0.9);
    expect(late).toBeLessThan(soon);
  });
});

describe('kindOf and interval', () => {
  it.each([
    [State.New, 'new'],
    [State.Learning, 'learning'],
    [State.Relearning, 'learning'],
    [State.Review, 'review'],
  ])('state %i shows as %s', (state, kind) => {
    expect(kindOf(state)).toBe(kind);
  });

  it.each([
    [0.2, '<1m'],
    [10, '10m'],
    [90, '2h'],
    [3 * 1440, '3d'],
    [75 * 1440, '2.5mo'],
    [730 * 1440, '2y'],
  ])('%d minutes reads %s', (m, text) => {
    expect(interval(new Date(now.getTime() + m * 60_000), now)).toBe(text);
  });
});
