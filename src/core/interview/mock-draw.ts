import type { Candidate } from './mock-spec.js';

/** A deterministic random number generator (mulberry32) seeded by a string, e.g. the session id. */
export function seededRandom(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How strongly a question is drawn: weak topics (low mastery, 0..1) pull harder, a topic with no
 * evidence sits in the middle, and a question asked in an earlier mock is drawn less often.
 */
export function weakTopicWeight(mastery: ReadonlyMap<string, number>, askedBefore: ReadonlySet<string>): (c: Candidate) => number {
  return (c) => {
    const known = c.question.tags.map((t) => mastery.get(t)).filter((m): m is number => m !== undefined);
    const m = known.length ? Math.min(...known) : 0.5;
    return (1 + 3 * (1 - m)) * (askedBefore.has(c.question.id) ? 0.4 : 1);
  };
}

export interface DrawOptions {
  count: number;
  /** Tags drawn at least once when the pool has them. */
  mustCover?: readonly string[];
  weight: (c: Candidate) => number;
  random: () => number;
}

function pickWeighted(pool: Candidate[], weight: (c: Candidate) => number, random: () => number): number {
  const weights = pool.map((c) => Math.max(weight(c), 1e-6));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < pool.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return pool.length - 1;
}

/**
 * Draws `count` questions without replacement: first one for each must-cover tag not yet drawn,
 * then by weight. Returned in plan order (by day, then the order in the day's file).
 */
export function drawQuestions(pool: readonly Candidate[], opts: DrawOptions): Candidate[] {
  const order = new Map(pool.map((c, i) => [c.question.id, i]));
  const remaining = [...pool];
  const picked: Candidate[] = [];
  const take = (from: Candidate[]) => {
    const c = from[pickWeighted(from, opts.weight, opts.random)]!;
    remaining.splice(remaining.indexOf(c), 1);
    picked.push(c);
  };
  for (const tag of opts.mustCover ?? []) {
    if (picked.length >= opts.count || picked.some((c) => c.question.tags.includes(tag))) continue;
    const withTag = remaining.filter((c) => c.question.tags.includes(tag));
    if (withTag.length) take(withTag);
  }
  while (picked.length < opts.count && remaining.length) take(remaining);
  return picked.sort((a, b) => order.get(a.question.id)! - order.get(b.question.id)!);
}
