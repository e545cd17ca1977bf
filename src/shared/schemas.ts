import { z } from 'zod';

// Request bodies and parameters of the HTTP API, validated by the server and typed for the web app.
// Plain zod only: the web app imports this file, so nothing from src/core.

/** A plan day, 1-30, as it appears in a URL. */
const NOT_A_DAY = 'a day of the plan is a whole number from 1 to 30';
export const DayParam = z.coerce.number({ error: NOT_A_DAY }).int({ error: NOT_A_DAY }).min(1, { error: NOT_A_DAY }).max(30, { error: NOT_A_DAY });

/** What `POST /api/days/:day/verify` runs against: workspace (the learner's copy), solution, starter or mutant:NAME. */
export const VerifyBody = z.strictObject({
  target: z.string().default('workspace'),
});

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;

/** `POST /api/review/grade`: rate a card; a typed answer is also scored against its key points. */
export const GradeBody = z.strictObject({
  id: z.string().min(1),
  rating: z.enum(RATINGS),
  answer: z.string().optional(),
});

/** `POST /api/mock/start`: the mock at the end of week 1-3, or the final one. */
export const MockStartBody = z.union([z.strictObject({ week: z.number().int().min(1).max(4) }), z.strictObject({ final: z.literal(true) })]);

/** `POST /api/mock/:session/answer`: `rubric` is the self-assessment, e.g. `leaning-hire` or `runtime-depth=strong-hire`. */
export const MockAnswerBody = z.strictObject({
  questionId: z.string().min(1),
  answer: z.string().min(1),
  rubric: z.string().optional(),
});

/** `PUT /api/notes/:day`: the whole page, Markdown. */
export const NoteBody = z.strictObject({ text: z.string() });

export type VerifyBody = z.infer<typeof VerifyBody>;
export type GradeBody = z.infer<typeof GradeBody>;
export type MockStartBody = z.infer<typeof MockStartBody>;
export type MockAnswerBody = z.infer<typeof MockAnswerBody>;
export type NoteBody = z.infer<typeof NoteBody>;
