import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { NodeprepError } from '../errors.js';
import { dayEntryOf } from './entries.js';
import type { QuestionBank } from './questions.js';
import {
  CurriculumFile,
  DrillsFile,
  LabFile,
  LessonMeta,
  MockFile,
  QuestionsFile,
  type Drill,
  type PlanDay,
  type PlanWeek,
  type Question,
} from './schema.js';

/** The plan as the trainer sees it: curriculum.yaml plus what each day's folder holds. */
export interface Plan {
  root: string;
  weeks: PlanWeek[];
  days: DayEntry[];
  /** Each lab's title by day (null where the day has no lab or its lab.yaml is malformed). */
  labTitles: Record<number, string | null>;
  /** Each lesson's `topics` by day (null where the day has no lesson or its frontmatter is malformed). */
  lessonTopics: Record<number, string[] | null>;
  /** lab.yaml files that failed to load; the rest of the plan still works. */
  problems: string[];
  /** Validated question banks by day, each with the stamp of its file (see questions.ts). */
  questionBanks?: Map<number, QuestionBank>;
  /** Validated banks on disk by day, read when the day's questions are first asked for (see questions.ts). */
  bankFiles?: Map<number, string>;
  /** Parses a day's questions.yaml: present once the parser is loaded. */
  parseQuestions?: (day: number) => Question[];
}

export interface DayEntry extends PlanDay {
  /** Absolute path of the day's folder. */
  dir: string;
  has: { lesson: boolean; questions: boolean; drills: boolean; lab: boolean; mock: boolean };
}

export interface Lesson {
  meta: LessonMeta;
  body: string;
}

/** A malformed curriculum file: names the file (relative to the curriculum root) and the key path. */
export function contentError(root: string, file: string, detail: string, cause?: unknown): NodeprepError {
  const rel = file.startsWith(root) ? file.slice(root.length + 1) : file;
  return new NodeprepError('CONTENT', `${rel}: ${detail}`, { cause });
}

function readYaml(root: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw contentError(root, file, 'cannot be read', cause);
  }
  return parseContentYaml(text, root, file);
}

/** YAML 1.2 core schema: no implicit dates or other surprises, just strings, numbers, booleans and null. */
export function parseContentYaml(text: string, root: string, file: string): unknown {
  try {
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (cause) {
    const where = cause instanceof yaml.YAMLException ? `line ${cause.mark.line + 1}: ` : '';
    const what = cause instanceof yaml.YAMLException ? cause.reason : String(cause);
    throw contentError(root, file, `${where}invalid YAML: ${what}`, cause);
  }
}

/** Validates `data` against `schema`; the error names the first failing key path, e.g. `3.answer.short`. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, root: string, file: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  throw contentError(root, file, `${path}${issue.message}${more}`, result.error);
}

function loadYamlFile<S extends z.ZodType>(schema: S, root: string, file: string): z.infer<S> {
  return validate(schema, readYaml(root, file), root, file);
}

/** Reads curriculum.yaml and notes which parts each day's folder has. Parses nothing else. */
export function loadPlan(root: string): Plan {
  const file = join(root, 'curriculum.yaml');
  const data = loadYamlFile(CurriculumFile, root, file);
  data.days.forEach((d, i) => {
    if (d.day !== i + 1) throw contentError(root, file, `days.${i}.day: expected ${i + 1}, days must be in order`);
  });
  const days = data.days.map((d) => dayEntryOf(root, d));
  const plan: Plan = { root, weeks: data.weeks, days, labTitles: {}, lessonTopics: {}, problems: [] };
  plan.parseQuestions = (day) => parseQuestionsOf(plan, day);
  for (const d of days) {
    plan.lessonTopics[d.day] = null;
    try {
      plan.lessonTopics[d.day] = loadLesson(plan, d.day)?.meta.topics ?? null;
    } catch (err) {
      // A malformed lesson is reported when the day is opened; the plan itself still loads.
      if (!(err instanceof NodeprepError)) throw err;
    }
    plan.labTitles[d.day] = null;
    if (!d.has.lab) continue;
    try {
      plan.labTitles[d.day] = loadLabFile(plan, d.day).title;
    } catch (err) {
      if (!(err instanceof NodeprepError)) throw err;
      plan.problems.push(err.message);
    }
  }
  return plan;
}

/** The day's entry; a usage error for anything but a whole number 1-30. */
export function dayEntry(plan: Plan, day: number): DayEntry {
  const entry = plan.days[day - 1];
  if (!entry) throw new NodeprepError('USAGE', `There is no day ${day}: pick a day from 1 to 30.`);
  return entry;
}

export { loadQuestions } from './questions.js';

/** Parses and validates a day's questions.yaml (loadQuestions serves it from a bank when unchanged). */
export function parseQuestionsOf(plan: Plan, day: number): Question[] {
  const entry = dayEntry(plan, day);
  if (!entry.has.questions) return [];
  const file = join(entry.dir, 'questions.yaml');
  const questions = loadYamlFile(QuestionsFile, plan.root, file);
  const prefix = `d${String(day).padStart(2, '0')}-`;
  questions.forEach((q, i) => {
    if (!q.id.startsWith(prefix)) throw contentError(plan.root, file, `${i}.id: "${q.id}" must start with ${prefix}`);
  });
  return questions;
}

export function loadDrills(plan: Plan, day: number): Drill[] {
  const entry = dayEntry(plan, day);
  if (!entry.has.drills) return [];
  return loadYamlFile(DrillsFile, plan.root, join(entry.dir, 'drills.yaml'));
}

export function loadLabFile(plan: Plan, day: number) {
  const entry = dayEntry(plan, day);
  return loadYamlFile(LabFile, plan.root, join(entry.dir, 'lab', 'lab.yaml'));
}

/** The mock-interview definition of a mock day, or null where the day has none. */
export function loadMock(plan: Plan, day: number): MockFile | null {
  const entry = dayEntry(plan, day);
  if (!entry.has.mock) return null;
  return loadYamlFile(MockFile, plan.root, join(entry.dir, 'mock.yaml'));
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits a Markdown file into its parsed YAML frontmatter and the body after it. */
export function splitFrontmatter(text: string, root: string, file: string): { raw: unknown; body: string } {
  const m = FRONTMATTER.exec(text);
  if (!m) throw contentError(root, file, 'starts without a --- frontmatter block');
  return { raw: parseContentYaml(m[1]!, root, file), body: text.slice(m[0].length) };
}

export function loadLesson(plan: Plan, day: number): Lesson | null {
  const entry = dayEntry(plan, day);
  if (!entry.has.lesson) return null;
  const file = join(entry.dir, 'lesson.md');
  const { raw, body } = splitFrontmatter(readFileSync(file, 'utf8'), plan.root, file);
  const meta = validate(LessonMeta, raw, plan.root, file);
  if (meta.day !== day) throw contentError(plan.root, file, `day: expected ${day}`);
  return { meta, body };
}
