import type { MockAnswer, MockSession, SelfAssessment } from './mock-repo.js';
import { answerScore, bandOf, BANDS, bandValue, DIMENSIONS, dimensionScore, EXERCISED, type Band, type Dimension } from './rubric.js';

export interface PartResult {
  part: string;
  questionId: string;
  round: 'question' | 'follow-up' | 'design';
  prompt: string;
  tags: string[];
  answered: boolean;
  /** What the learner said, as saved (null when not answered). */
  answer: string | null;
  /** Key-point coverage 0..1 (0 when not answered). */
  coverage: number;
  covered: string[];
  missed: string[];
  self: SelfAssessment | null;
  /** Coverage and self-assessment over the exercised dimensions, 0..1. */
  score: number;
  band: Band;
}

export interface ScoreLine {
  score: number;
  band: Band;
}

/** **contract**: what `nodeprep mock finish --json` prints and `mock history` keeps. */
export interface MockReport {
  session: string;
  title: string;
  day: number;
  startedAt: string;
  finishedAt: string;
  minutes: number;
  usedMinutes: number;
  overTime: boolean;
  /** Main questions (and the design round) answered, of those asked. */
  answered: number;
  asked: number;
  overall: ScoreLine;
  parts: PartResult[];
  /** Per topic tag, weakest first. */
  topics: Array<{ tag: string; answers: number } & ScoreLine>;
  /** Per rubric dimension, in scorecard order; score and band are null without evidence. */
  rubric: Array<{ dimension: Dimension; label: string; answers: number; score: number | null; band: Band | null; self: Band | null }>;
  /** The design round's template steps, covered or not; null without a design round. */
  design: { id: string; prompt: string; steps: Array<{ title: string; covered: boolean }> } | null;
}

/** Follow-ups weigh half a question; the design round, two. */
const WEIGHT = { question: 1, 'follow-up': 0.5, design: 2 } as const;

const mean = (xs: Array<[value: number, weight: number]>) => {
  const w = xs.reduce((s, [, wt]) => s + wt, 0);
  return w ? xs.reduce((s, [v, wt]) => s + v * wt, 0) / w : 0;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The report of a session at `finishedAt`: unanswered parts count as zero, as in a real interview. */
export function buildReport(session: MockSession, answers: readonly MockAnswer[], designSteps: readonly string[], finishedAt: string, elapsedMs: number): MockReport {
  const byPart = new Map(answers.map((a) => [a.part, a]));
  const parts: Array<PartResult & { dims: readonly Dimension[] }> = [];
  const add = (part: string, questionId: string, round: PartResult['round'], prompt: string, tags: string[], dims: readonly Dimension[]) => {
    const a = byPart.get(part);
    const coverage = a?.coverage.score ?? 0;
    const score = a ? answerScore(coverage, dims, a.rubric ?? {}) : 0;
    parts.push({
      part, questionId, round, prompt, tags, dims,
      answered: !!a,
      answer: a?.answer ?? null,
      coverage: round2(coverage),
      covered: a?.coverage.covered.map((c) => c.point) ?? [],
      missed: a?.coverage.missed.map((m) => m.point) ?? [],
      self: a?.rubric ?? null,
      score: round2(score),
      band: bandOf(score),
    });
  };
  for (const q of session.plan.questions) {
    add(q.id, q.id, 'question', q.prompt, q.tags, EXERCISED[q.type]);
    if (byPart.has(q.id)) for (const f of q.followUps) add(f.part, q.id, 'follow-up', f.prompt, q.tags, EXERCISED[q.type]);
  }
  const d = session.plan.design;
  if (d) add(d.id, d.id, 'design', d.prompt, d.tags, EXERCISED['design-round']);

  const weighted = (p: PartResult, v: number): [number, number] => [v, WEIGHT[p.round]];
  const overall = mean(parts.map((p) => weighted(p, p.score)));

  const tags = [...new Set(parts.flatMap((p) => p.tags))];
  const topics = tags
    .map((tag) => {
      const ps = parts.filter((p) => p.tags.includes(tag));
      const score = mean(ps.map((p) => weighted(p, p.score)));
      return { tag, answers: ps.filter((p) => p.answered).length, score: round2(score), band: bandOf(score) };
    })
    .sort((a, b) => a.score - b.score || a.tag.localeCompare(b.tag));

  const rubric = DIMENSIONS.map(({ id, label }) => {
    const ps = parts.filter((p) => p.dims.includes(id));
    const selfValues = ps.map((p) => p.self?.[id]).filter((b): b is Band => !!b).map(bandValue);
    const score = ps.length ? mean(ps.map((p) => weighted(p, p.answered ? dimensionScore(p.coverage, p.self?.[id]) : 0))) : null;
    return {
      dimension: id,
      label,
      answers: ps.filter((p) => p.answered).length,
      score: score === null ? null : round2(score),
      band: score === null ? null : bandOf(score),
      self: selfValues.length ? BANDS[Math.floor((selfValues.reduce((a, b) => a + b, 0) / selfValues.length) * 4)]! : null,
    };
  });

  const main = parts.filter((p) => p.round !== 'follow-up');
  const designPart = d ? parts.find((p) => p.round === 'design') : undefined;
  return {
    session: session.id,
    title: session.title,
    day: session.day,
    startedAt: session.startedAt,
    finishedAt,
    minutes: session.minutes,
    usedMinutes: Math.round(elapsedMs / 6000) / 10,
    overTime: elapsedMs > session.minutes * 60_000,
    answered: main.filter((p) => p.answered).length,
    asked: main.length,
    overall: { score: round2(overall), band: bandOf(overall) },
    parts: parts.map(({ dims: _dims, ...p }) => p),
    topics,
    rubric,
    design: d && designPart ? { id: d.id, prompt: d.prompt, steps: designSteps.map((title) => ({ title, covered: designPart.covered.includes(title) })) } : null,
  };
}
