import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dayEntryOf } from './entries.js';
import type { Plan } from './load.js';
import type { PlanDay, PlanWeek } from './schema.js';

interface PlanIndex {
  version: 1;
  signature: string;
  weeks: PlanWeek[];
  days: PlanDay[];
  labTitles: Record<number, string | null>;
  problems: string[];
}

const stamp = (file: string) => {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return '-';
  }
};

/** What the plan depends on: curriculum.yaml and every lab.yaml, by modification time and size. */
function signature(root: string, days: readonly PlanDay[]): string {
  return [root, stamp(join(root, 'curriculum.yaml')), ...days.map((d) => stamp(join(root, 'days', d.slug, 'lab', 'lab.yaml')))].join('|');
}

function readIndex(root: string, file: string): Plan | undefined {
  let index: PlanIndex;
  try {
    index = JSON.parse(readFileSync(file, 'utf8')) as PlanIndex;
  } catch {
    return undefined;
  }
  if (index.version !== 1 || index.signature !== signature(root, index.days)) return undefined;
  return { root, weeks: index.weeks, days: index.days.map((d) => dayEntryOf(root, d)), labTitles: index.labTitles, problems: index.problems };
}

/**
 * The plan, from an index of the last validated load when no file it depends on has changed since,
 * so the commands that only need the plan start without the YAML parser and the schema library.
 * Otherwise it loads and validates the curriculum and refreshes the index (best effort).
 */
export async function openPlan(root: string, indexFile: string): Promise<Plan> {
  const cached = readIndex(root, indexFile);
  if (cached) return cached;
  const { loadPlan } = await import('./load.js');
  const plan = loadPlan(root);
  const index: PlanIndex = {
    version: 1,
    signature: signature(root, plan.days),
    weeks: plan.weeks,
    days: plan.days.map(({ dir: _dir, has: _has, ...day }) => day),
    labTitles: plan.labTitles,
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
