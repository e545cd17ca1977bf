import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dayEntryOf } from './entries.js';
import type { Plan } from './load.js';
import { fileStamp as stamp, preloadQuestions } from './questions.js';
import type { PlanDay, PlanWeek } from './schema.js';

interface PlanIndex {
  version: 2;
  signature: string;
  weeks: PlanWeek[];
  days: PlanDay[];
  labTitles: Record<number, string | null>;
  lessonTopics: Record<number, string[] | null>;
  problems: string[];
}

/** What the plan depends on: curriculum.yaml, every lab.yaml and lesson.md, by modification time and size. */
function signature(root: string, days: readonly PlanDay[]): string {
  const dayFiles = days.flatMap((d) => [stamp(join(root, 'days', d.slug, 'lab', 'lab.yaml')), stamp(join(root, 'days', d.slug, 'lesson.md'))]);
  return [root, stamp(join(root, 'curriculum.yaml')), ...dayFiles].join('|');
}

function readIndex(root: string, file: string): Plan | undefined {
  let index: PlanIndex;
  try {
    index = JSON.parse(readFileSync(file, 'utf8')) as PlanIndex;
  } catch {
    return undefined;
  }
  if (index.version !== 2 || index.signature !== signature(root, index.days)) return undefined;
  return { root, weeks: index.weeks, days: index.days.map((d) => dayEntryOf(root, d)), labTitles: index.labTitles, lessonTopics: index.lessonTopics, problems: index.problems };
}

/**
 * The plan, from an index of the last validated load when no file it depends on has changed since,
 * so the commands start without the YAML parser and the schema library. Otherwise it loads and
 * validates the curriculum and refreshes the index (best effort). With `questionsDir`, the validated
 * question banks are found there the same way and read on first use (see questions.ts).
 */
export async function openPlan(root: string, indexFile: string, questionsDir?: string): Promise<Plan> {
  const plan = readIndex(root, indexFile) ?? (await loadAndIndex(root, indexFile));
  if (questionsDir) await preloadQuestions(plan, questionsDir);
  return plan;
}

async function loadAndIndex(root: string, indexFile: string): Promise<Plan> {
  const { loadPlan } = await import('./load.js');
  const plan = loadPlan(root);
  const index: PlanIndex = {
    version: 2,
    signature: signature(root, plan.days),
    weeks: plan.weeks,
    days: plan.days.map(({ dir: _dir, has: _has, ...day }) => day),
    labTitles: plan.labTitles,
    lessonTopics: plan.lessonTopics,
    problems: plan.problems,
  };
  try {
    mkdirSync(dirname(indexFile), { recursive: true });
    writeFileSync(indexFile, JSON.stringify(index));
  } catch {
    // a read-only install still works, just without the shortcut
  }
  return plan;
}
