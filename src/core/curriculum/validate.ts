import { existsSync, readFileSync } from 'node:fs';
import { mutantNames } from '../labs/targets.js';
import { join } from 'node:path';
import { isNodeprepError } from '../errors.js';
import { contentError, loadDrills, loadLabFile, loadLesson, loadMock, loadQuestions, type Plan } from './load.js';

const MIN_QUESTIONS = 8;

/** Every content problem in the curriculum, one line each; an empty list means it all loads. */
export function validateContent(plan: Plan, days: number[] = plan.days.map((d) => d.day)): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (!isNodeprepError(err)) throw err;
      problems.push(err.message);
    }
  };
  for (const day of days) {
    const entry = plan.days[day - 1]!;
    const rel = `days/${entry.slug}`;
    attempt(() => void loadLesson(plan, day));
    attempt(() => void loadMock(plan, day));
    attempt(() => {
      const questions = loadQuestions(plan, day);
      for (const q of questions) {
        const other = seen.get(q.id);
        if (other !== undefined) problems.push(`${rel}/questions.yaml: id ${q.id} is also used on day ${other}`);
        seen.set(q.id, day);
      }
      if (questions.length && questions.length < MIN_QUESTIONS) {
        problems.push(`${rel}/questions.yaml: has ${questions.length} question(s), a day needs at least ${MIN_QUESTIONS}`);
      }
      const seeds = questions.filter((q) => q.seed);
      if (questions.length && entry.question && (seeds.length !== 1 || !questions[0]!.seed)) {
        problems.push(`${rel}/questions.yaml: the plan's question must come first, and be the only one with seed: true`);
      }
    });
    attempt(() => {
      for (const d of loadDrills(plan, day)) {
        const other = seen.get(d.id);
        if (other !== undefined) problems.push(`${rel}/drills.yaml: id ${d.id} is also used on day ${other}`);
        seen.set(d.id, day);
      }
    });
    if (entry.has.lab) {
      attempt(() => {
        const lab = loadLabFile(plan, day);
        const labDir = join(entry.dir, 'lab');
        for (const part of ['README.md', 'starter', 'solution', 'verify']) {
          if (!existsSync(join(labDir, part))) throw contentError(plan.root, join(labDir, part), 'is missing');
        }
        for (const f of lab.files) {
          if (!existsSync(join(labDir, 'starter', f))) problems.push(`${rel}/lab/lab.yaml: files: starter/${f} does not exist`);
          if (!existsSync(join(labDir, 'solution', f))) problems.push(`${rel}/lab/lab.yaml: files: solution/${f} does not exist`);
        }
        const todo = lab.files.some((f) => existsSync(join(labDir, 'starter', f)) && readFileSync(join(labDir, 'starter', f), 'utf8').includes('// TODO:'));
        if (!todo) problems.push(`${rel}/lab/starter: no file the learner edits has a \`// TODO:\` marker`);
        const onDisk = mutantNames(labDir);
        const declared = Object.keys(lab.mutants);
        for (const m of onDisk) if (!declared.includes(m)) problems.push(`${rel}/lab/lab.yaml: mutants: ${m}.patch has no description`);
        for (const m of declared) if (!onDisk.includes(m)) problems.push(`${rel}/lab/lab.yaml: mutants.${m}: no file mutants/${m}.patch`);
        if (declared.length < 3) problems.push(`${rel}/lab/lab.yaml: mutants: a lab needs at least 3`);
      });
    }
  }
  return problems;
}
