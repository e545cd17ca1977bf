import { z } from 'zod';

/** Bumped when the on-disk curriculum format changes incompatibly. */
export const FORMAT_VERSION = 1;

const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes');

/** A citation: every lesson section and model answer names where its facts come from. */
export const Source = z.strictObject({
  /** What the reader will find there, e.g. "Node.js docs: The Node.js Event Loop". */
  title: text,
  /** An https URL to the primary source (Node.js / libuv / V8 docs, RFCs, the library's docs). */
  url: z.url({ protocol: /^https$/ }),
});

/**
 * Something a strong answer must say. `match` lists alternatives: the point counts as said when
 * every word of any one alternative appears in the answer (any order, any case, any inflection).
 */
export const KeyPoint = z.strictObject({
  /** The point in one sentence, as a reviewer would write it on a scorecard. */
  point: text,
  /** Alternative phrasings that show the point was made; each is a short phrase of 1-4 words. */
  match: z.array(text).min(1),
});

export const FollowUp = z.strictObject({
  /** What the interviewer asks next. */
  prompt: text,
  /** The model answer to the follow-up, Markdown. */
  answer: text,
  keyPoints: z.array(KeyPoint).min(1),
});

/** One interview question with its model answer (**contract**: review, mocks and checks read it). */
export const Question = z.strictObject({
  /** Stable and unique across the curriculum: `d03-backpressure`. Never renamed once published. */
  id: z.string().regex(/^d\d{2}-[a-z0-9-]+$/, 'ids look like d03-backpressure'),
  /** The question as the interviewer says it. */
  prompt: text,
  /** True only for the plan's own question of the day. */
  seed: z.boolean().default(false),
  level: z.enum(['mid', 'senior', 'staff']),
  type: z.enum(['concept', 'output', 'debug', 'design', 'behavioral']),
  /** Topic tags; weak-area analysis groups by these. */
  tags: z.array(id).min(1),
  answer: z.strictObject({
    /** The 30-second answer: 2-3 sentences. */
    short: text,
    /** The 3-5 minute answer: Markdown, code allowed. */
    deep: text,
  }),
  /** What a strong answer must cover (at least 3). */
  keyPoints: z.array(KeyPoint).min(3),
  /** Common wrong or weak answers. */
  pitfalls: z.array(text).min(1),
  followUps: z.array(FollowUp).default([]),
  /** Primary sources for the answer (at least one). */
  sources: z.array(Source).min(1),
});
export type Question = z.infer<typeof Question>;
export type KeyPoint = z.infer<typeof KeyPoint>;
export type Source = z.infer<typeof Source>;

export const QuestionsFile = z.array(Question).min(1);

/** A predict-the-output snippet, checked by running it on the learner's own Node. */
export const Drill = z.strictObject({
  id: z.string().regex(/^d\d{2}-drill-[a-z0-9-]+$/, 'drill ids look like d01-drill-nexttick-first'),
  title: text,
  /** How the snippet is run: as CommonJS (`.cjs`) or as an ES module (`.mjs`). */
  module: z.enum(['cjs', 'esm']),
  /** The program; it prints one token per line with console.log. */
  code: text,
  /** The expected stdout, one entry per line. */
  output: z.array(z.string()).min(2),
  /** Further orders that are equally correct where the order is not deterministic. */
  alternatives: z.array(z.array(z.string())).default([]),
  /** Why the order is not deterministic; required when `alternatives` is not empty. */
  nondeterministic: z.string().optional(),
  /** Why this order: Markdown, naming the phase or queue at each step. */
  explanation: text,
  sources: z.array(Source).min(1),
}).refine((d) => d.alternatives.length === 0 || !!d.nondeterministic, {
  message: 'say why the order is not deterministic in `nondeterministic`',
  path: ['nondeterministic'],
});
export type Drill = z.infer<typeof Drill>;
export const DrillsFile = z.array(Drill).min(1);

export const ServiceName = z.enum(['redis', 'postgres', 'rabbitmq', 'nats', 'mongodb']);
export type ServiceName = z.infer<typeof ServiceName>;

/** lab/lab.yaml: what the learner edits, how it is verified, how it is hinted. */
export const LabFile = z.strictObject({
  title: text,
  /** One line: what the learner builds. */
  summary: text,
  /** Services the verify tests need. */
  requires: z.array(ServiceName).default([]),
  /** PGlite may stand in for PostgreSQL when no server is found: only for labs that do not test locking or isolation. */
  pglite: z.boolean().default(false),
  /** Services whose tests are skipped (reported, not failed) when absent, even in CI. */
  optional: z.array(ServiceName).default([]),
  /** The files the learner edits, relative to starter/ (also the files `solution` diffs). */
  files: z.array(text).min(1),
  /** The whole verify run's limit in seconds; the run is killed past it. */
  timeout: z.number().int().positive().max(600).default(60),
  /** Per-check limit in seconds. */
  checkTimeout: z.number().int().positive().max(300).default(15),
  /** Exactly three rungs: a nudge, the concept with a docs link, a near-solution. */
  hints: z.tuple([text, text, text]),
  /** What to say about this lab in an interview. */
  talkingPoints: z.array(text).min(2),
  /** Every folder under mutants/, with the real mistake it models. */
  mutants: z.record(id, text),
});
export type LabFile = z.infer<typeof LabFile>;

/** Frontmatter of lesson.md. The plan's own words live once, in curriculum.yaml. */
export const LessonMeta = z.strictObject({
  day: z.number().int().min(1).max(30),
  title: text,
  /** Topic tags covered by the lesson (the same vocabulary as question tags). */
  topics: z.array(id).min(1),
  /** Honest reading time in minutes. */
  minutes: z.number().int().positive(),
});
export type LessonMeta = z.infer<typeof LessonMeta>;

/** mock.yaml on a mock-interview day: how the timed session is put together. */
export const MockFile = z.strictObject({
  title: text,
  /** Shown before the session starts: what is covered, how it is scored, how to behave. Markdown. */
  brief: text,
  /** The time box in minutes. */
  minutes: z.number().int().positive().max(180).default(45),
  /** How many questions are drawn from the covered days. */
  questionCount: z.number().int().min(1).max(30),
  /** At most this many follow-up questions per answer. */
  followUps: z.number().int().min(0).max(3).default(1),
  /** Whether the session ends with a system-design round using the design template. */
  designRound: z.boolean().default(false),
  /** Topic tags that must be drawn at least once, when the covered days have them. */
  mustCover: z.array(id).default([]),
});
export type MockFile = z.infer<typeof MockFile>;

export const DayKind = z.enum(['study', 'mock', 'review']);

export const PlanDay = z.strictObject({
  day: z.number().int().min(1).max(30),
  /** Folder name under curriculum/days/. */
  slug: z.string().regex(/^\d{2}-[a-z0-9-]+$/),
  week: z.number().int().min(1).max(4),
  title: text,
  kind: DayKind,
  /** The plan's study items, in its words. */
  study: z.array(text).min(1),
  /** The plan's practice, in its words; null where the plan names none. */
  practice: text.nullable(),
  /** The plan's question of the day; null where the plan asks none. */
  question: text.nullable(),
  /** Days whose questions a mock or review day covers. */
  covers: z.array(z.number().int().min(1).max(30)).default([]),
});
export type PlanDay = z.infer<typeof PlanDay>;

export const PlanWeek = z.strictObject({
  week: z.number().int().min(1).max(4),
  title: text,
  goal: text,
});
export type PlanWeek = z.infer<typeof PlanWeek>;

export const CurriculumFile = z.strictObject({
  format_version: z.literal(FORMAT_VERSION),
  weeks: z.array(PlanWeek).length(4),
  days: z.array(PlanDay).length(30),
});
export type CurriculumFile = z.infer<typeof CurriculumFile>;
