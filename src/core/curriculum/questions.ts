import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeprepError } from '../errors.js';
import type { Plan } from './load.js';
import type { Question } from './schema.js';

// A day's questions without the YAML parser and the schema library when they are not needed: banks
// parsed and validated once are kept (in memory, and in an index file for the next process) with the
// stamp of the file they came from, and used while that stamp holds.

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
  const bank = plan.questionBanks?.get(day);
  const file = questionsFile(plan, day);
  if (bank && (!plan.parseQuestions || bank.stamp === fileStamp(file))) return bank.questions;
  if (!plan.parseQuestions) throw new Error(`Day ${day}'s questions were not preloaded: open the plan with openPlan or loadPlan.`);
  const stamp = fileStamp(file);
  const questions = plan.parseQuestions(day);
  (plan.questionBanks ??= new Map()).set(day, { stamp, questions });
  return questions;
}

interface BankIndex {
  version: 1;
  /** The stamp of the code that validated the banks: a new build may validate differently. */
  code: string;
  banks: Record<string, QuestionBank>;
}

const codeStamp = () => fileStamp(fileURLToPath(import.meta.url));

/**
 * Fills `plan.questionBanks` from the index file, for every day whose questions.yaml is unchanged.
 * Days that changed are parsed (loading the parser once) and the index is rewritten, best effort.
 * A day whose file is invalid is left out here: its error surfaces when that day is used.
 */
export async function preloadQuestions(plan: Plan, indexFile: string): Promise<void> {
  let index: BankIndex | undefined;
  try {
    index = JSON.parse(readFileSync(indexFile, 'utf8')) as BankIndex;
  } catch {
    index = undefined;
  }
  const code = codeStamp();
  const saved = index?.version === 1 && index.code === code ? index.banks : {};
  const banks = (plan.questionBanks ??= new Map());
  const missing: number[] = [];
  for (const d of plan.days) {
    if (!d.has.questions) continue;
    const bank = saved[d.day];
    if (bank && bank.stamp === fileStamp(questionsFile(plan, d.day))) banks.set(d.day, bank);
    else missing.push(d.day);
  }
  if (!missing.length) return;
  if (!plan.parseQuestions) {
    const { parseQuestionsOf } = await import('./load.js');
    plan.parseQuestions = (day) => parseQuestionsOf(plan, day);
  }
  for (const day of missing) {
    try {
      loadQuestions(plan, day);
    } catch (err) {
      if (!(err instanceof NodeprepError)) throw err;
    }
  }
  try {
    mkdirSync(dirname(indexFile), { recursive: true });
    writeFileSync(indexFile, JSON.stringify({ version: 1, code, banks: Object.fromEntries(banks) } satisfies BankIndex));
  } catch {
    // a read-only install still works, just without the shortcut
  }
}
