import type { Question } from '../curriculum/schema.js';
import { usageError } from '../errors.js';

/** The senior interview scorecard: what an interviewer writes evidence against. */
export const DIMENSIONS = [
  { id: 'requirements', label: 'Requirements and scoping' },
  { id: 'runtime-depth', label: 'Runtime depth' },
  { id: 'design-tradeoffs', label: 'Design and trade-offs' },
  { id: 'scaling-failure', label: 'Scaling and failure' },
  { id: 'code-testing', label: 'Code and testing' },
  { id: 'communication', label: 'Communication' },
  { id: 'senior-scope', label: 'Senior scope' },
] as const;
export type Dimension = (typeof DIMENSIONS)[number]['id'];

/** The four hiring bands, weakest first. */
export const BANDS = ['strong-no-hire', 'leaning-no-hire', 'leaning-hire', 'strong-hire'] as const;
export type Band = (typeof BANDS)[number];

export const bandLabel = (band: Band) => band.replaceAll('-', ' ');
export const dimensionLabel = (id: Dimension) => DIMENSIONS.find((d) => d.id === id)!.label;

/** Which dimensions a question of each type gives evidence for; `design-round` is the final's system design. */
export const EXERCISED: Record<Question['type'] | 'design-round', readonly Dimension[]> = {
  concept: ['runtime-depth', 'communication'],
  output: ['runtime-depth', 'code-testing'],
  debug: ['runtime-depth', 'code-testing', 'scaling-failure'],
  design: ['requirements', 'design-tradeoffs', 'scaling-failure', 'senior-scope'],
  behavioral: ['communication', 'senior-scope'],
  'design-round': ['requirements', 'design-tradeoffs', 'scaling-failure', 'senior-scope', 'communication'],
};

/** A score 0..1 in quarters: below 0.25 strong no hire … 0.75 and up strong hire. */
export function bandOf(score: number): Band {
  return BANDS[Math.min(3, Math.max(0, Math.floor(score * 4)))]!;
}

/** The middle of a band's quarter, so a self-assessment weighs like a coverage score. */
export const bandValue = (band: Band) => (BANDS.indexOf(band) + 0.5) / 4;

/**
 * One dimension's score for an answer: its key-point coverage, averaged with the learner's
 * self-assessment on that dimension when there is one.
 */
export function dimensionScore(coverage: number, self: Band | undefined): number {
  return self ? (coverage + bandValue(self)) / 2 : coverage;
}

/** An answer's score: the mean of its exercised dimensions' scores. */
export function answerScore(coverage: number, dims: readonly Dimension[], self: Partial<Record<Dimension, Band>>): number {
  if (!dims.length) return coverage;
  return dims.reduce((sum, d) => sum + dimensionScore(coverage, self[d]), 0) / dims.length;
}

export function parseBand(text: string): Band {
  const t = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const band = BANDS.find((b) => b === t);
  if (!band) throw usageError(`"${text}" is not a band: use strong-no-hire, leaning-no-hire, leaning-hire or strong-hire.`);
  return band;
}

/**
 * The learner's self-assessment for one answer: one band for every dimension the answer exercises
 * ("leaning-hire"), or per dimension ("runtime-depth=strong-hire,communication=leaning-hire").
 */
export function parseRubric(text: string, exercised: readonly Dimension[]): Partial<Record<Dimension, Band>> {
  if (!text.includes('=')) {
    const band = parseBand(text);
    return Object.fromEntries(exercised.map((d) => [d, band]));
  }
  const result: Partial<Record<Dimension, Band>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name = '', value = ''] = part.split('=').map((s) => s.trim());
    const dim = DIMENSIONS.find((d) => d.id === name.toLowerCase())?.id;
    if (!dim) throw usageError(`"${name}" is not a rubric dimension: use ${DIMENSIONS.map((d) => d.id).join(', ')}.`);
    result[dim] = parseBand(value);
  }
  return result;
}
