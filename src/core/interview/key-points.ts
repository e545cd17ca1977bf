import type { KeyPoint } from '../curriculum/schema.js';

/**
 * Reduces a word to a crude stem so inflections match: "blocks", "blocking", "blocked" → "block".
 * Deliberately simple (suffix stripping, no dictionary): key-point phrases are short and distinctive.
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of [
    ['ies', 'y'],
    ['ied', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
    ['ly', ''],
  ] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  // "stopped" → "stopp" → "stop"; "running" → "runn" → "run"
  if (/([bdgkmnprt])\1$/.test(w)) w = w.slice(0, -1);
  // "queue" / "queued" / "queuing" and "handle" / "handled" meet at the same stem
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Words of a text, split on anything that is not a letter, digit or underscore; "write()" → "write". */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter(Boolean);
}

/** The stems in an answer, plus each adjacent pair run together, so "thread pool" meets "threadpool". */
export function stemSet(text: string): Set<string> {
  const ws = words(text);
  const set = new Set(ws.map(stem));
  for (let i = 1; i < ws.length; i++) set.add(stem(ws[i - 1]! + ws[i]!));
  return set;
}

/** True when every word of the phrase appears in the answer (any order, case, inflection). */
export function phraseMatches(phrase: string, answer: Set<string>): boolean {
  const ws = words(phrase);
  if (!ws.length) return false;
  return ws.every((w) => answer.has(stem(w))) || (ws.length > 1 && answer.has(stem(ws.join(''))));
}

export interface Coverage {
  covered: Array<{ point: string; matched: string }>;
  missed: Array<{ point: string }>;
  /** covered / all, 0..1. */
  score: number;
}

/** Which key points an answer covers: a point counts when any one of its alternatives matches. */
export function coverage(answer: string, keyPoints: readonly KeyPoint[]): Coverage {
  const stems = stemSet(answer);
  const covered: Coverage['covered'] = [];
  const missed: Coverage['missed'] = [];
  for (const kp of keyPoints) {
    const hit = kp.match.find((m) => phraseMatches(m, stems));
    if (hit) covered.push({ point: kp.point, matched: hit });
    else missed.push({ point: kp.point });
  }
  return { covered, missed, score: keyPoints.length ? covered.length / keyPoints.length : 0 };
}
