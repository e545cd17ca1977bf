import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeprepError } from '../errors.js';
import type { Plan } from './load.js';
import type { Question } from './schema.js';

// A day's questions without the YAML parser and the schema library when they are not needed: banks
// parsed and validated once are kept (in memory, and in one file per day for the next process) with
// the stamp of the file they came from, and used while that stamp holds.

/** A validated questions.yaml and the stamp (mtime and size) of the file it was parsed from. */
export interface QuestionBank {
  stamp: string;
  questions: Question[];
}

/** mtime and size of a file, or "-" when it is missing. */
export function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '-';
  }
}

const questionsFile = (plan: Plan, day: number) => join(plan.days[day - 1]!.dir, 'questions.yaml');

/**
 * A day's questions, validated. From the bank while its file is unchanged; otherwise parsed again
 * (when the parser is loaded: a plan from loadPlan, or one whose index missed a day).
 */
export function loadQuestions(plan: Plan, day: number): Question[] {
  const entry = plan.days[day - 1];
  if (!entry) throw new NodeprepError('USAGE', `There is no day ${day}: pick a day from 1 to 30.`);
  if (!entry.has.questions) return [];
  let bank = plan.questionBanks?.get(day);
  const saved = plan.bankFiles?.get(day);
  if (!bank && saved) {
    try {
      bank = JSON.parse(readFileSync(saved, 'utf8')) as QuestionBank;
      (plan.questionBanks ??= new Map()).set(day, bank);
    } catch {
      plan.bankFiles!.delete(day); // gone or torn since the preload: parse the YAML instead
    }
  }
  const file = questionsFile(plan, day);
  if (bank && (!plan.parseQuestions || bank.stamp === fileStamp(file))) return bank.questions;
  if (!plan.parseQuestions) throw new Error(`Day ${day}'s questions were not preloaded: open the plan with openPlan or loadPlan.`);
  const stamp = fileStamp(file);
  const questions = plan.parseQuestions(day);
  (plan.questionBanks ??= new Map()).set(day, { stamp, questions });
  return questions;
}

const codeStamp = () => fileStamp(fileURLToPath(import.meta.url));

/** One file per day, named by what it was validated from: a changed file or a new build gets a new name. */
function bankFile(dir: string, day: number, stamp: string, code: string): string {
  return join(dir, `d${String(day).padStart(2, '0')}.${createHash('sha1').update(`${stamp}|${code}`).digest('hex').slice(0, 16)}.json`);
}

/**
 * Finds, for every day whose questions.yaml is unchanged, its validated bank in `dir`, to be read
 * only when that day's questions are asked for (most commands never ask). Days that changed are
 * parsed now (loading the parser once) and their banks rewritten, best effort. A day whose file is
 * invalid is left out here: its error surfaces when that day is used.
 */
export async function preloadQuestions(plan: Plan, dir: string): Promise<void> {
  const code = codeStamp();
  const files = (plan.bankFiles ??= new Map());
  const missing: Array<{ day: number; file: string }> = [];
  for (const d of plan.days) {
    if (!d.has.questions) continue;
    const file = bankFile(dir, d.day, fileStamp(questionsFile(plan, d.day)), code);
    if (existsSync(file)) files.set(d.day, file);
    else missing.push({ day: d.day, file });
  }
  if (!missing.length) return;
  if (!plan.parseQuestions) {
    const { parseQuestionsOf } = await import('./load.js');
    plan.parseQuestions = (day) => parseQuestionsOf(plan, day);
  }
  let stale: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    stale = readdirSync(dir);
  } catch {
    // a read-only install still works, just without the shortcut
  }
  for (const { day, file } of missing) {
    let bank: QuestionBank;
    try {
      loadQuestions(plan, day);
      bank = plan.questionBanks!.get(day)!;
    } catch (err) {
      if (err instanceof NodeprepError) continue;
      throw err;
    }
    try {
      writeFileSync(file, JSON.stringify(bank));
      const prefix = basename(file).slice(0, 4);
      for (const old of stale) if (old.startsWith(prefix) && old !== basename(file)) rmSync(join(dir, old), { force: true });
    } catch {
      // best effort, as above
    }
  }
}
