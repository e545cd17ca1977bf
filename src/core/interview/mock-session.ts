import { randomBytes } from 'node:crypto';
import type { Plan } from '../curriculum/load.js';
import type { KeyPoint } from '../curriculum/schema.js';
import { notFound, usageError } from '../errors.js';
import type { ProgressStore } from '../progress/store.js';
import { findQuestion } from '../review/deck.js';
import { loadDesignTemplate, stepKeyPoints } from './design-template.js';
import { coverage, type Coverage } from './key-points.js';
import { drawQuestions, seededRandom, weakTopicWeight } from './mock-draw.js';
import { buildReport, type MockReport } from './mock-report.js';
import { askedBefore, finishSession, getSession, insertSession, listSessions, saveAnswer, sessionAnswers, setSelfAssessment, type MockPlan, type MockSession, type SelfAssessment } from './mock-repo.js';
import { candidates, type MockSpec } from './mock-spec.js';
import { EXERCISED, parseRubric, type Band, type Dimension } from './rubric.js';

/** Draws the questions (weighted toward weak topics, must-cover tags first) and saves a new session. */
export function startMock(store: ProgressStore, plan: Plan, spec: MockSpec, now: Date, mastery: ReadonlyMap<string, number>): MockSession {
  const id = `${spec.final ? 'final' : `w${spec.week}`}-${randomBytes(4).readUInt32BE().toString(36).padStart(6, '0').slice(-6)}`;
  const pool = candidates(plan, spec);
  const opts = { weight: weakTopicWeight(mastery, askedBefore(store.db)), random: seededRandom(id) };
  // The design round takes one design question; the rest of the pool feeds the main questions.
  const design = spec.designRound ? drawQuestions(pool.filter((c) => c.question.type === 'design'), { ...opts, count: 1 })[0] : undefined;
  const drawn = drawQuestions(pool.filter((c) => c !== design), { ...opts, count: spec.questionCount, mustCover: spec.mustCover });
  const mockPlan: MockPlan = {
    questions: drawn.map(({ question: q, day }) => ({
      id: q.id,
      day,
      prompt: q.prompt,
      tags: q.tags,
      type: q.type,
      followUps: q.followUps.slice(0, spec.followUps).map((f, i) => ({ part: `${q.id}/f${i + 1}`, prompt: f.prompt })),
    })),
    design: design ? { id: design.question.id, day: design.day, prompt: design.question.prompt, tags: design.question.tags } : null,
  };
  const session: MockSession = { id, day: spec.day, title: spec.title, minutes: spec.minutes, plan: mockPlan, startedAt: now.toISOString(), elapsedMs: 0, finishedAt: null, report: null };
  insertSession(store.db, session);
  return session;
}

export interface PartRef {
  part: string;
  questionId: string;
  round: 'question' | 'follow-up' | 'design';
  prompt: string;
}

/** Every part of a session in the order it is asked: each question, its follow-ups, then the design round. */
export function partsInOrder(plan: MockPlan): PartRef[] {
  const parts: PartRef[] = [];
  for (const q of plan.questions) {
    parts.push({ part: q.id, questionId: q.id, round: 'question', prompt: q.prompt });
    for (const f of q.followUps) parts.push({ part: f.part, questionId: q.id, round: 'follow-up', prompt: f.prompt });
  }
  if (plan.design) parts.push({ part: plan.design.id, questionId: plan.design.id, round: 'design', prompt: plan.design.prompt });
  return parts;
}

/** The rubric dimensions a part gives evidence for (a follow-up counts like its question). */
export function exercised(plan: MockPlan, ref: PartRef): readonly Dimension[] {
  if (ref.round === 'design') return EXERCISED['design-round'];
  const type = plan.questions.find((q) => q.id === ref.questionId)?.type;
  return type ? EXERCISED[type] : [];
}

/** Records the learner's band for an answer, on every dimension the answer exercises. */
export function selfAssess(store: ProgressStore, session: MockSession, part: string, band: Band): void {
  const ref = partsInOrder(session.plan).find((p) => p.part === part);
  if (!ref) throw notFound(`Session ${session.id} did not ask "${part}".`);
  setSelfAssessment(store.db, session.id, part, Object.fromEntries(exercised(session.plan, ref).map((d) => [d, band])));
}

export interface SessionSummary {
  session: string;
  title: string;
  day: number;
  startedAt: string;
  finishedAt: string | null;
  answered: number;
  asked: number;
  overall: MockReport['overall'] | null;
}

/** Every session, newest first, with how far it got and its overall result once finished. */
export function mockHistory(store: ProgressStore): SessionSummary[] {
  return listSessions(store.db).map((s) => {
    const asked = s.plan.questions.length + (s.plan.design ? 1 : 0);
    const mains = new Set([...s.plan.questions.map((q) => q.id), ...(s.plan.design ? [s.plan.design.id] : [])]);
    const answered = s.report?.answered ?? sessionAnswers(store.db, s.id).filter((a) => mains.has(a.part)).length;
    return { session: s.id, title: s.title, day: s.day, startedAt: s.startedAt, finishedAt: s.finishedAt, answered, asked, overall: s.report?.overall ?? null };
  });
}

export function requireSession(store: ProgressStore, id: string): MockSession {
  const session = getSession(store.db, id);
  if (!session) throw notFound(`There is no mock session "${id}": \`nodeprep mock history\` lists them.`);
  return session;
}

/** Drops HTML comments (editor guidance) and, for the design round, heading lines: structure is not content. */
export function answerText(text: string, round: PartRef['round']): string {
  const t = text.replace(/<!--[\s\S]*?-->/g, '');
  return (round === 'design' ? t.replace(/^\s{0,3}#{1,6}\s.*$/gm, '') : t).trim();
}

export interface AnswerResult extends Coverage {
  session: string;
  id: string;
  round: PartRef['round'];
  /** The follow-up the interviewer asks next, if any. */
  followUp: { id: string; prompt: string } | null;
  /** Parts of the session not answered yet. */
  remaining: number;
  overTime: boolean;
}

/** Scores an answer by key-point coverage and commits it at once (with the time used). */
export function answerMock(
  store: ProgressStore,
  plan: Plan,
  sessionId: string,
  partId: string,
  text: string,
  now: Date,
  opts: { rubric?: string | SelfAssessment; elapsedMs?: number } = {},
): AnswerResult {
  const session = requireSession(store, sessionId);
  if (session.finishedAt) throw usageError(`Session ${sessionId} is finished: start another with \`nodeprep mock start --week N\` (or --final).`);
  const parts = partsInOrder(session.plan);
  const ref = parts.find((p) => p.part === partId);
  if (!ref) throw notFound(`Session ${sessionId} did not ask "${partId}": it asks ${parts.map((p) => p.part).join(', ')}.`);
  const { question } = findQuestion(plan, ref.questionId);
  let keyPoints: KeyPoint[] = question.keyPoints;
  if (ref.round === 'follow-up') keyPoints = question.followUps[Number(/\/f(\d+)$/.exec(ref.part)![1]) - 1]!.keyPoints;
  if (ref.round === 'design') keyPoints = [...question.keyPoints, ...stepKeyPoints(loadDesignTemplate(plan.root))];
  const clean = answerText(text, ref.round);
  if (!clean) throw usageError('The answer is empty: write it in a file and pass --file, or pipe it in.');
  const dims = exercised(session.plan, ref);
  const rubric = typeof opts.rubric === 'string' ? parseRubric(opts.rubric, dims) : (opts.rubric ?? null);
  const cov = coverage(clean, keyPoints);
  const elapsedMs = opts.elapsedMs ?? now.getTime() - new Date(session.startedAt).getTime();
  saveAnswer(store.db, sessionId, { part: ref.part, questionId: ref.questionId, tags: question.tags, answer: clean, coverage: cov, rubric, at: now.toISOString() }, elapsedMs);
  const answered = new Set(sessionAnswers(store.db, sessionId).map((a) => a.part));
  const next = parts[parts.indexOf(ref) + 1];
  const followUp = next?.round === 'follow-up' && next.questionId === ref.questionId && !answered.has(next.part) ? { id: next.part, prompt: next.prompt } : null;
  return {
    session: sessionId,
    id: ref.part,
    round: ref.round,
    ...cov,
    followUp,
    remaining: parts.filter((p) => !answered.has(p.part)).length,
    overTime: elapsedMs > session.minutes * 60_000,
  };
}

/** Ends a session and saves its report; a finished session returns the report it saved. */
export function finishMock(store: ProgressStore, plan: Plan, sessionId: string, now: Date, elapsedMs?: number): MockReport {
  const session = requireSession(store, sessionId);
  if (session.report) return session.report;
  const steps = session.plan.design ? loadDesignTemplate(plan.root).steps.map((s) => s.title) : [];
  const used = elapsedMs ?? Math.max(session.elapsedMs, now.getTime() - new Date(session.startedAt).getTime());
  const report = buildReport(session, sessionAnswers(store.db, sessionId), steps, now.toISOString(), used);
  finishSession(store.db, sessionId, now.toISOString(), used, report);
  return report;
}
