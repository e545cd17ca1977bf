import { describe, expect, it } from 'vitest';
import type { Question } from '../curriculum/schema.js';
import { drawQuestions, seededRandom, weakTopicWeight } from './mock-draw.js';
import type { Candidate } from './mock-spec.js';

const q = (id: string, tags: string[], day = 1): Candidate => ({ day, question: { id, tags, prompt: id, type: 'concept' } as Question });
const pool = [
  q('d01-a', ['event-loop']),
  q('d01-b', ['event-loop', 'microtasks']),
  q('d02-c', ['promises'], 2),
  q('d02-d', ['async-await'], 2),
  q('d03-e', ['streams'], 3),
  q('d03-f', ['streams', 'backpressure'], 3),
  q('d04-g', ['worker-threads'], 4),
];
const flat = () => 1;

describe('seededRandom', () => {
  it('repeats for the same seed and differs across seeds', () => {
    const a = seededRandom('w1-abc');
    const b = seededRandom('w1-abc');
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(seededRandom('w1-abd')()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('drawQuestions', () => {
  it('draws the count without repeats, in plan order', () => {
    const drawn = drawQuestions(pool, { count: 4, weight: flat, random: seededRandom('s') });
    const ids = drawn.map((c) => c.question.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual([...ids].sort());
  });

  it('draws every must-cover tag the pool has, even when the count is small', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const tags = drawQuestions(pool, { count: 3, mustCover: ['worker-threads', 'backpressure', 'no-such-tag'], weight: flat, random: seededRandom(seed) }).flatMap((c) => c.question.tags);
      expect(tags).toEqual(expect.arrayContaining(['worker-threads', 'backpressure']));
    }
  });

  it('returns the whole pool when it is smaller than the count', () => {
    expect(drawQuestions(pool.slice(0, 2), { count: 6, weight: flat, random: seededRandom('s') })).toHaveLength(2);
  });

  it('pulls weak topics harder than strong ones', () => {
    const weight = weakTopicWeight(new Map([['streams', 0.1], ['event-loop', 0.95]]), new Set());
    const two = [q('d01-a', ['event-loop']), q('d03-e', ['streams'], 3)];
    let weak = 0;
    for (let i = 0; i < 400; i++) if (drawQuestions(two, { count: 1, weight, random: seededRandom(`seed-${i}`) })[0]!.question.id === 'd03-e') weak++;
    // weights 3.7 vs 1.15: about 76% weak
    expect(weak / 400).toBeGreaterThan(0.68);
    expect(weak / 400).toBeLessThan(0.85);
  });
});

describe('weakTopicWeight', () => {
  it('weighs by the weakest known tag, puts unknown topics in the middle and damps repeats', () => {
    const w = weakTopicWeight(new Map([['streams', 0], ['backpressure', 1]]), new Set(['d03-e']));
    expect(w(q('d03-f', ['streams', 'backpressure']))).toBeCloseTo(4);
    expect(w(q('d02-c', ['promises']))).toBeCloseTo(2.5);
    expect(w(q('d03-e', ['streams']))).toBeCloseTo(1.6);
  });
});
