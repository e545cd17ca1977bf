import type { Plan } from '../core/curriculum/load.js';
import { openPlan } from '../core/curriculum/open.js';
import { curriculumRoot, projectRoot, resolveHome } from '../core/paths.js';
import { ProgressStore } from '../core/progress/store.js';
import { join } from 'node:path';
import { usageError } from '../core/errors.js';

/** What every command needs, built lazily so a command pays only for what it uses. */
export interface Context {
  home: string;
  now: Date;
  env: NodeJS.ProcessEnv;
  /** The plan; validated content, read through an index when nothing changed since the last load. */
  plan(): Promise<Plan>;
  store(): ProgressStore;
  /** Closes what was opened. */
  close(): void;
}

/** Indexes of validated content, rebuilt whenever a file they came from changes. */
const CACHE = join(projectRoot, 'node_modules', '.cache', 'nodeprep');

/** `NODEPREP_NOW` (an ISO date-time) fixes the clock, for scripted runs and tests. */
function clock(env: NodeJS.ProcessEnv): Date {
  if (!env.NODEPREP_NOW) return new Date();
  const now = new Date(env.NODEPREP_NOW);
  if (Number.isNaN(now.getTime())) throw usageError(`NODEPREP_NOW="${env.NODEPREP_NOW}" is not a date-time: use ISO 8601, e.g. 2026-12-01T09:00:00, or unset it.`);
  return now;
}

export function createContext(env: NodeJS.ProcessEnv = process.env): Context {
  let plan: Promise<Plan> | undefined;
  let store: ProgressStore | undefined;
  const home = resolveHome(env);
  return {
    home,
    now: clock(env),
    env,
    plan: () => (plan ??= openPlan(curriculumRoot, join(CACHE, 'plan-index.json'), join(CACHE, 'questions'))),
    store: () => (store ??= ProgressStore.open(join(home, 'nodeprep.db'))),
    close: () => store?.close(),
  };
}

/** Parses a day argument: a whole number from 1 to 30. */
export function parseDay(text: string): number {
  const day = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isInteger(day) || day < 1 || day > 30) throw usageError(`"${text}" is not a day of the plan: pick a day from 1 to 30.`);
  return day;
}
