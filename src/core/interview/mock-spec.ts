import { loadMock, loadQuestions, type Plan } from '../curriculum/load.js';
import { MockFile, type Question } from '../curriculum/schema.js';
import { notFound, usageError } from '../errors.js';

/** A mock interview as configured: its day, what it covers, and mock.yaml (or the defaults). */
export interface MockSpec extends MockFile {
  day: number;
  week: number;
  final: boolean;
  /** The covered days, from curriculum.yaml. */
  covers: number[];
}

/** The mock day of week 1-3 (`--week`), or Day 29 (`--final`, also `--week 4`). */
export function mockDay(plan: Plan, which: { week?: number; final?: boolean }): number {
  if (which.final || which.week === 4) {
    const final = plan.days.filter((d) => d.kind === 'mock' && d.week === 4).at(-1);
    if (final) return final.day;
  }
  const mock = plan.days.find((d) => d.kind === 'mock' && d.week === which.week);
  if (!mock) throw usageError(`There is no mock for week ${which.week}: use --week 1, 2 or 3, or --final.`);
  return mock.day;
}

/** Parses `--week`: a whole number 1-4. */
export function parseWeek(text: string): number {
  const week = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(week >= 1 && week <= 4)) throw usageError(`"${text}" is not a week of the plan: use --week 1, 2 or 3, or --final.`);
  return week;
}

/** The most questions a short practice mock may ask for (`--questions`). */
export const MAX_PRACTICE_QUESTIONS = 12;

/** Parses `--questions`: a whole number 1-12. */
export function parseQuestionCount(text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_PRACTICE_QUESTIONS)) throw usageError(`"${text}" is not a question count: use --questions with a number from 1 to ${MAX_PRACTICE_QUESTIONS}.`);
  return n;
}

/** The spec with its question count overridden (a short practice mock); unchanged without `questions`. */
export function withQuestionCount(spec: MockSpec, questions: number | undefined): MockSpec {
  return questions === undefined ? spec : { ...spec, questionCount: questions };
}

/** [1, 2, 3, 5, 8, 9] → "1-3, 5, 8-9" */
export function dayRanges(days: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < days.length; i++) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    ranges.push(j > i ? `${days[i]}-${days[j]}` : String(days[i]));
    i = j;
  }
  return ranges.join(', ');
}

export function loadMockSpec(plan: Plan, day: number): MockSpec {
  const entry = plan.days[day - 1]!;
  const final = entry.week === 4;
  let config = loadMock(plan, day);
  if (!config) {
    const count = final ? 8 : 6;
    const design = final ? ', then a system-design round that follows the design template (requirements, estimates, API, data model, architecture, scaling and failure, trade-offs)' : '';
    config = MockFile.parse({
      title: entry.title,
      brief:
        `A timed ${final ? 'final' : `week ${entry.week}`} mock on days ${dayRanges(entry.covers)}: ${count} questions drawn from the days whose questions are written, ` +
        `weighted toward your weak topics, each of which may get a follow-up${design}.\n\n` +
        'Each answer is scored on the key points it makes and on your own assessment against the senior rubric. ' +
        'State your assumptions, think aloud, and structure answers as claim, mechanism, example, trade-off, version caveat.',
      questionCount: count,
      designRound: final,
    });
  }
  return { ...config, day, week: entry.week, final, covers: entry.covers };
}

export interface Candidate {
  question: Question;
  day: number;
}

/**
 * Every question the mock may draw: the covered days that have questions. A covered day whose
 * questions are not written yet is skipped; when none has any, a one-line error says so.
 */
export function candidates(plan: Plan, spec: MockSpec): Candidate[] {
  const pool = spec.covers.flatMap((day) => loadQuestions(plan, day).map((question) => ({ question, day })));
  if (!pool.length) {
    const which = spec.final ? 'The final mock' : `The week ${spec.week} mock`;
    throw notFound(`${which} covers days ${spec.covers.join(', ')}, and none of them has questions yet: try an earlier week's mock for now.`);
  }
  return pool;
}
