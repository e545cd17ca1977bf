import { usageError } from '../errors.js';
import type { ProgressStore } from '../progress/store.js';
import { DEFAULT_LIMITS, type Limits } from './queue.js';

const KEYS = { newPerDay: 'review.new_per_day', reviewsPerDay: 'review.reviews_per_day' } as const;

export function getLimits(store: ProgressStore): Limits {
  const read = (key: string, fallback: number) => {
    const raw = store.getMeta(key);
    const v = raw === undefined ? NaN : Number(raw);
    return Number.isInteger(v) && v >= 0 ? v : fallback;
  };
  return { newPerDay: read(KEYS.newPerDay, DEFAULT_LIMITS.newPerDay), reviewsPerDay: read(KEYS.reviewsPerDay, DEFAULT_LIMITS.reviewsPerDay) };
}

/**
 * Parses "new=10,reviews=100" (either part alone is fine; "review" and "reviews" both work).
 * @example parseLimits('new=5') // { newPerDay: 5 }
 */
export function parseLimits(text: string): Partial<Limits> {
  const bad = (why: string) => usageError(`"${text}" ${why}: write the limits as new=N,reviews=M, e.g. new=10,reviews=100.`);
  const limits: Partial<Limits> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(new|reviews?)\s*=\s*(\d{1,4})$/i.exec(part);
    if (!m) throw bad(`is not a limit (${part})`);
    const n = Number(m[2]);
    if (m[1]!.toLowerCase() === 'new') limits.newPerDay = n;
    else limits.reviewsPerDay = n;
  }
  if (limits.newPerDay === undefined && limits.reviewsPerDay === undefined) throw bad('sets no limit');
  return limits;
}

export function setLimits(store: ProgressStore, limits: Partial<Limits>): Limits {
  if (limits.newPerDay !== undefined) store.setMeta(KEYS.newPerDay, String(limits.newPerDay));
  if (limits.reviewsPerDay !== undefined) store.setMeta(KEYS.reviewsPerDay, String(limits.reviewsPerDay));
  return getLimits(store);
}
