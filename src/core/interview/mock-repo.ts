import type Database from 'better-sqlite3';
import type { Question } from '../curriculum/schema.js';
import type { Coverage } from './key-points.js';
import type { MockReport } from './mock-report.js';
import type { Band, Dimension } from './rubric.js';

export interface PlannedQuestion {
  id: string;
  day: number;
  prompt: string;
  tags: string[];
  type: Question['type'];
  /** Follow-ups asked after the answer: part ids `<id>/f1`, `<id>/f2`. */
  followUps: Array<{ part: string; prompt: string }>;
}

/** What a session asks, fixed when it starts (so a resumed session asks the same). */
export interface MockPlan {
  questions: PlannedQuestion[];
  /** The final mock's system-design round, or null. */
  design: { id: string; day: number; prompt: string; tags: string[] } | null;
}

export interface MockSession {
  id: string;
  day: number;
  title: string;
  minutes: number;
  plan: MockPlan;
  startedAt: string;
  /** Time used as of the last answer. */
  elapsedMs: number;
  finishedAt: string | null;
  report: MockReport | null;
}

export type SelfAssessment = Partial<Record<Dimension, Band>>;

export interface MockAnswer {
  part: string;
  questionId: string;
  tags: string[];
  answer: string;
  coverage: Coverage;
  rubric: SelfAssessment | null;
  at: string;
}

type Row = Record<string, unknown>;

const sessionFrom = (r: Row): MockSession => ({
  id: r.id as string,
  day: r.day as number,
  title: r.title as string,
  minutes: r.minutes as number,
  plan: JSON.parse(r.plan as string) as MockPlan,
  startedAt: r.started_at as string,
  elapsedMs: r.elapsed_ms as number,
  finishedAt: (r.finished_at as string | null) ?? null,
  report: r.report ? (JSON.parse(r.report as string) as MockReport) : null,
});

export function insertSession(db: Database.Database, s: MockSession): void {
  db.prepare('INSERT INTO mock_sessions (id, day, title, minutes, plan, started_at, elapsed_ms) VALUES (?, ?, ?, ?, ?, ?, 0)').run(s.id, s.day, s.title, s.minutes, JSON.stringify(s.plan), s.startedAt);
}

export function getSession(db: Database.Database, id: string): MockSession | undefined {
  const row = db.prepare('SELECT * FROM mock_sessions WHERE id = ?').get(id) as Row | undefined;
  return row && sessionFrom(row);
}

/** The most recent unfinished session of a mock day, to resume. */
export function openSession(db: Database.Database, day: number): MockSession | undefined {
  const row = db.prepare('SELECT * FROM mock_sessions WHERE day = ? AND finished_at IS NULL ORDER BY started_at DESC, rowid DESC LIMIT 1').get(day) as Row | undefined;
  return row && sessionFrom(row);
}

/** Every session, newest first. */
export function listSessions(db: Database.Database): MockSession[] {
  return (db.prepare('SELECT * FROM mock_sessions ORDER BY started_at DESC, rowid DESC').all() as Row[]).map(sessionFrom);
}

/** Commits one answer (replacing an earlier answer to the same part) and the time used, at once. */
export function saveAnswer(db: Database.Database, sessionId: string, a: MockAnswer, elapsedMs: number): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO mock_answers (session_id, part, question_id, tags, answer, score, covered, missed, rubric, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (session_id, part) DO UPDATE SET answer = excluded.answer, score = excluded.score, covered = excluded.covered, missed = excluded.missed, rubric = COALESCE(excluded.rubric, rubric), at = excluded.at`,
    ).run(sessionId, a.part, a.questionId, JSON.stringify(a.tags), a.answer, a.coverage.score, JSON.stringify(a.coverage.covered), JSON.stringify(a.coverage.missed), a.rubric ? JSON.stringify(a.rubric) : null, a.at);
    db.prepare('UPDATE mock_sessions SET elapsed_ms = MAX(elapsed_ms, ?) WHERE id = ?').run(Math.round(elapsedMs), sessionId);
  })();
}

/** Records the time used so far (a paused session resumes with the clock where it stopped). */
export function recordElapsed(db: Database.Database, sessionId: string, elapsedMs: number): void {
  db.prepare('UPDATE mock_sessions SET elapsed_ms = MAX(elapsed_ms, ?) WHERE id = ? AND finished_at IS NULL').run(Math.round(elapsedMs), sessionId);
}

export function setSelfAssessment(db: Database.Database, sessionId: string, part: string, rubric: SelfAssessment): void {
  db.prepare('UPDATE mock_answers SET rubric = ? WHERE session_id = ? AND part = ?').run(JSON.stringify(rubric), sessionId, part);
}

export function sessionAnswers(db: Database.Database, sessionId: string): MockAnswer[] {
  const rows = db.prepare('SELECT * FROM mock_answers WHERE session_id = ? ORDER BY at, rowid').all(sessionId) as Row[];
  return rows.map((r) => ({
    part: r.part as string,
    questionId: r.question_id as string,
    tags: JSON.parse(r.tags as string) as string[],
    answer: r.answer as string,
    coverage: { score: r.score as number, covered: JSON.parse(r.covered as string), missed: JSON.parse(r.missed as string) } as Coverage,
    rubric: r.rubric ? (JSON.parse(r.rubric as string) as SelfAssessment) : null,
    at: r.at as string,
  }));
}

export function finishSession(db: Database.Database, id: string, at: string, elapsedMs: number, report: MockReport): void {
  db.prepare('UPDATE mock_sessions SET finished_at = ?, elapsed_ms = ?, report = ? WHERE id = ?').run(at, Math.round(elapsedMs), JSON.stringify(report), id);
}

/** Question ids answered in any earlier mock: drawn less often next time. */
export function askedBefore(db: Database.Database): Set<string> {
  return new Set((db.prepare('SELECT DISTINCT question_id FROM mock_answers').all() as Array<{ question_id: string }>).map((r) => r.question_id));
}
