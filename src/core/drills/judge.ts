import { loadDrills, type Plan } from '../curriculum/load.js';
import type { Drill } from '../curriculum/schema.js';
import { notFound } from '../errors.js';
import { acceptedOrders, parseOrder, runDrillOnce, sameOrder } from './run.js';

/** **contract**: a drill as `GET /api/days/:day/drills` shows it: the snippet, never its answer. */
export interface DrillView {
  id: string;
  title: string;
  module: Drill['module'];
  code: string;
}

export const drillView = (d: Drill): DrillView => ({ id: d.id, title: d.title, module: d.module, code: d.code });

/** **contract**: a prediction checked against a real run (`POST /api/days/:day/drills/:id/run`). */
export interface DrillResult {
  id: string;
  correct: boolean;
  /** The learner's prediction, as tokens. */
  prediction: string[];
  /** What this machine's Node printed. */
  actual: string[];
  /** Every order the drill accepts. */
  accepted: string[][];
  /** Why the order may vary, when it may. */
  nondeterministic: string | null;
  /** Markdown. */
  explanation: string;
  /** The Node version that ran it, e.g. v20.19.0. */
  node: string;
}

/** The day's drills (or the one with `id`); a not-found error when there is none. */
export function dayDrills(plan: Plan, day: number, id?: string): Drill[] {
  const drills = loadDrills(plan, day).filter((d) => id === undefined || d.id === id);
  if (!drills.length) throw notFound(id !== undefined ? `Day ${day} has no drill "${id}".` : `Day ${day} has no drills.`);
  return drills;
}

/**
 * Runs the drill's own snippet (curriculum code, never the learner's) once on this Node and checks
 * the prediction ("a b c", "a, b, c" or one per line) against every order the drill accepts.
 */
export async function judgeDrill(drill: Drill, prediction: string): Promise<DrillResult> {
  const guess = parseOrder(prediction);
  const actual = await runDrillOnce(drill);
  const accepted = acceptedOrders(drill);
  return {
    id: drill.id,
    correct: accepted.some((a) => sameOrder(a, guess)),
    prediction: guess,
    actual,
    accepted,
    nondeterministic: drill.nondeterministic ?? null,
    explanation: drill.explanation,
    node: process.version,
  };
}
