// Response shapes of the HTTP API. Type-only imports from core: nothing of core reaches the web bundle.
import type { LessonMeta, Question } from '../core/curriculum/schema.js';
import type { AnswerResult, SessionSummary } from '../core/interview/mock-session.js';
import type { MockReport } from '../core/interview/mock-report.js';
import type { MockSession } from '../core/interview/mock-repo.js';
import type { StartedMock } from '../core/interview/mock-start.js';
import type { WeakTopic } from '../core/interview/weak-areas.js';
import type { Hint } from '../core/labs/hints.js';
import type { CheckResult } from '../core/labs/run.js';
import type { VerifyOutcome } from '../core/labs/verify.js';
import type { DayView, Position, planJson } from '../core/plan/status.js';
import type { CatchUp, Limits } from '../core/review/queue.js';
import type { DueCard, GradeResult } from '../core/review/session.js';
import type { Coverage } from '../core/interview/key-points.js';
import type { DoctorReport } from '../core/doctor.js';
import type { DrillResult, DrillView } from '../core/drills/judge.js';
import type { SolutionView } from '../core/labs/solution.js';
import type { Started } from '../core/plan/actions.js';
import type { ProgressStats } from '../core/progress/stats.js';

export type { AnswerResult, CheckResult, DayView, DrillResult, DrillView, DueCard, Hint, Limits, MockReport, Question, SessionSummary, StartedMock, VerifyOutcome, WeakTopic };

/** RFC 9457 problem details: every error the API returns, as application/problem+json. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The NodeprepError code, when the error is one. */
  code?: string;
}

/** `GET /api/plan`: the same shape as `nodeprep plan --json`. */
export type PlanResponse = ReturnType<typeof planJson>;

/** `GET /api/today`: where the learner is and what to do next. */
export interface TodayResponse {
  position: Position;
  done: number;
  catchUp: number[];
  next: DayView | null;
  /** Whether the next day's lab has passed (null: it has no lab). */
  nextLabPassed: boolean | null;
  reviewsDue: number;
  weakest: { tag: string; mastery: number } | null;
  problems: string[];
}

/** `GET /api/days/:day`: the plan's fields, the day's status and the lesson. */
export interface DayResponse extends DayView {
  covers: number[];
  has: { lesson: boolean; questions: boolean; drills: boolean; lab: boolean; mock: boolean };
  /** Null while the lesson is coming in a later version. */
  lesson: { meta: LessonMeta; markdown: string } | null;
}

/** `GET /api/days/:day/questions`. */
export type QuestionsResponse = Question[];

/** `GET /api/days/:day/lab`: the task, the files to edit and the hints unlocked so far. */
export interface LabResponse {
  day: number;
  title: string;
  readme: string;
  files: string[];
  hints: Hint[];
  hintCount: number;
  /** The learner's copy: `POST /api/days/:day/lab` creates it from the starter. */
  workspace: { dir: string; exists: boolean };
  passed: boolean;
}

/** `POST /api/days/:day/lab`: the starter copied into the workspace, never overwriting the learner's files. */
export interface LabCopyResponse {
  dir: string;
  created: string[];
  kept: string[];
}

/** `POST /api/days/:day/hint`. */
export type HintResponse = Hint & { last: boolean };

/** `POST /api/days/:day/verify` streams `check` events (CheckResult), then one `done` (VerifyOutcome) or `error` (Problem). */
export type VerifyEvent = { event: 'check'; data: CheckResult } | { event: 'done'; data: VerifyOutcome } | { event: 'error'; data: Problem };

/** A watch run starting: its number (1 is the run at start) and when, ISO. */
export interface WatchRunStart {
  n: number;
  at: string;
}

/**
 * `POST /api/days/:day/watch` streams, until the client disconnects or the server stops, for each run:
 * `run`, its `check`s, then `done`; `error` when a run could not happen (the watch goes on) and, last,
 * when a newer watch of the same lab replaced this one.
 */
export type WatchEvent = { event: 'run'; data: WatchRunStart } | { event: 'check'; data: CheckResult } | { event: 'done'; data: VerifyOutcome } | { event: 'error'; data: Problem };

/** `GET /api/review/due`. */
export interface ReviewDueResponse {
  cards: DueCard[];
  deckSize: number;
  catchUp: CatchUp | null;
  newPaused: boolean;
  /** ISO; when the next card not yet due comes due. */
  next: string | null;
  limits: Limits;
  problems: string[];
}

/** `POST /api/review/grade`: the same shape as `nodeprep grade --json`. */
export type GradeResponse = GradeResult & { coverage?: Coverage };

/** `POST /api/review/undo`: null when there was nothing to undo. */
export interface UndoResponse {
  undone: { id: string; rating: string; due: string | null } | null;
}

/** `GET /api/mock/:session`: the questions it asks and, once finished, its report (to resume or re-read one). */
export type MockSessionResponse = MockSession;

/** `GET /api/mock/history`. */
export type MockHistoryResponse = SessionSummary[];

/** `GET /api/notes/:day`: the saved page, or the day's template when nothing is saved yet. */
export interface NoteResponse {
  day: number;
  saved: boolean;
  text: string;
}

/** `GET /api/weak`: topics, weakest first, with what to do next. */
export type WeakResponse = WeakTopic[];

/** `GET /api`: the route index. */
export interface ApiIndex {
  name: 'nodeprep';
  api: string[];
  auth: string;
}

/** `POST /api/start`: the plan's start date, the one it replaced, and today's plan day (null before day 1). */
export type StartResponse = Started;

/** `POST /api/days/:day/done`. */
export interface DoneResponse {
  day: number;
  done: boolean;
}

/** `POST /api/days/:day/solution`: after a pass or a give-up; before that a 409 problem. */
export type SolutionResponse = SolutionView;

/** `POST /api/days/:day/reset`: the learner's copy moved to `backup` (null: there was none) and a fresh starter in `dir`. */
export interface ResetResponse {
  backup: string | null;
  dir: string;
  created: string[];
}

/** `GET /api/days/:day/drills`: the snippets only; the answer comes with `POST …/drills/:id/run`. */
export type DrillsResponse = DrillView[];

/** `PUT /api/review/limits`: the daily limits now in force. */
export type LimitsResponse = Limits;

/** `POST /api/review/add-day`: `added` cards new to the deck, of the day's `total`. */
export interface AddDayResponse {
  day: number;
  added: number;
  total: number;
}

/** `GET /api/notes/export`: the cheat sheet (what `nodeprep notes export` writes). */
export interface NotesExportResponse {
  markdown: string;
  notes: number;
  days: number;
}

/** `GET /api/progress?days=N`: the same shape as `nodeprep progress --json`. */
export type ProgressResponse = ProgressStats;

/** `GET /api/doctor`: what `nodeprep doctor` checks; service URLs without their passwords. */
export type DoctorResponse = DoctorReport;
