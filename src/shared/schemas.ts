import { z } from 'zod';

// Request bodies and parameters of the HTTP API, validated by the server and typed for the web app.
// Plain zod only: the web app imports this file, so nothing from src/core.

/** A plan day, 1-30, as it appears in a URL. */
const NOT_A_DAY = 'a day of the plan is a whole number from 1 to 30';
export const DayParam = z.coerce.number({ error: NOT_A_DAY }).int({ error: NOT_A_DAY }).min(1, { error: NOT_A_DAY }).max(30, { error: NOT_A_DAY });

/** A plan day, 1-30, as a JSON number in a body. */
export const DayNumber = z.number({ error: NOT_A_DAY }).int({ error: NOT_A_DAY }).min(1, { error: NOT_A_DAY }).max(30, { error: NOT_A_DAY });

/** `POST /api/start`: the plan's first day, YYYY-MM-DD (default: today, the server's local date). */
export const StartBody = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'write the date as YYYY-MM-DD, e.g. 2026-12-01' }).optional(),
});

// Optional fields stay optional (no .default()) so the inferred type is also what a client may send.

/** `POST /api/days/:day/done`: mark the day done, or with `undo: true` not done. */
export const DoneBody = z.strictObject({ undo: z.boolean().optional() });

/** `POST /api/days/:day/solution`: `giveUp: true` opens the solution before a pass (and records the give-up). */
export const SolutionBody = z.strictObject({ giveUp: z.boolean().optional() });

/** A drill id in a URL, e.g. d01-drill-nexttick-first. */
export const DrillIdParam = z.string().regex(/^d\d{2}-drill-[a-z0-9-]+$/, { error: 'drill ids look like d01-drill-nexttick-first' });

/** `POST /api/days/:day/drills/:id/run`: the predicted output, tokens separated by spaces, commas or lines. */
export const DrillRunBody = z.strictObject({ prediction: z.string().max(2000) });

/** What `POST /api/days/:day/verify` runs against: workspace (the learner's copy), solution, starter or mutant:NAME. */
export const VerifyBody = z.strictObject({
  target: z.string().default('workspace'),
});

/** `POST /api/days/:day/watch`: `poll: true` polls the files (network or container file systems). */
export const WatchBody = z.strictObject({ poll: z.boolean().optional() });

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;

/** `POST /api/review/grade`: rate a card; a typed answer is also scored against its key points. */
export const GradeBody = z.strictObject({
  id: z.string().min(1),
  rating: z.enum(RATINGS),
  answer: z.string().optional(),
  /** Where the rating was given: the review queue (the default), or a day's quiz (logged like `nodeprep quiz`). */
  source: z.enum(['review', 'quiz']).optional(),
});

/** `PUT /api/review/limits`: either or both daily limits; the rest stay as they are. */
export const LimitsBody = z.strictObject({
  newPerDay: z.number().int().min(0).max(1000).optional(),
  reviewsPerDay: z.number().int().min(0).max(10000).optional(),
});

/** `POST /api/review/add-day`: put a day's cards in the deck before the plan reaches it. */
export const AddDayBody = z.strictObject({ day: DayNumber });

/** A short practice mock: this many questions instead of the mock's usual count (core's MAX_PRACTICE_QUESTIONS). */
const MockQuestions = z.number().int().min(1).max(12).optional();

/** `POST /api/mock/start`: the mock at the end of week 1-3, or the final one. */
export const MockStartBody = z.union([z.strictObject({ week: z.number().int().min(1).max(4), questions: MockQuestions }), z.strictObject({ final: z.literal(true), questions: MockQuestions })]);

/** `POST /api/mock/:session/answer`: `rubric` is the self-assessment, e.g. `leaning-hire` or `runtime-depth=strong-hire`. */
export const MockAnswerBody = z.strictObject({
  questionId: z.string().min(1),
  answer: z.string().min(1),
  rubric: z.string().optional(),
});

/** `PUT /api/notes/:day`: the whole page, Markdown. */
export const NoteBody = z.strictObject({ text: z.string() });

/** `GET /api/progress?days=N`: how many days of activity, ending today. */
const NOT_DAYS = 'days is a whole number from 7 to 366';
export const ProgressQuery = z.object({
  days: z.coerce.number({ error: NOT_DAYS }).int({ error: NOT_DAYS }).min(7, { error: NOT_DAYS }).max(366, { error: NOT_DAYS }).default(120),
});

export type StartBody = z.infer<typeof StartBody>;
export type DoneBody = z.infer<typeof DoneBody>;
export type SolutionBody = z.infer<typeof SolutionBody>;
export type DrillRunBody = z.infer<typeof DrillRunBody>;
export type LimitsBody = z.infer<typeof LimitsBody>;
export type AddDayBody = z.infer<typeof AddDayBody>;
export type ProgressQuery = z.infer<typeof ProgressQuery>;
export type VerifyBody = z.infer<typeof VerifyBody>;
export type WatchBody = z.infer<typeof WatchBody>;
export type GradeBody = z.infer<typeof GradeBody>;
export type MockStartBody = z.infer<typeof MockStartBody>;
export type MockAnswerBody = z.infer<typeof MockAnswerBody>;
export type NoteBody = z.infer<typeof NoteBody>;
