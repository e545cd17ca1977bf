import { conflict } from '../errors.js';
import type { ProgressStore } from '../progress/store.js';
import { solutionDiff, solutionFiles, type LabRef } from './workspace.js';

/** **contract**: what `POST /api/days/:day/solution` returns. */
export interface SolutionView {
  /** Unified diff from the learner's copy to the reference solution. */
  diff: string;
  files: Array<{ file: string; text: string }>;
  talkingPoints: string[];
}

/**
 * Whether the reference solution is open: after the learner's copy passed verify, or once they gave
 * up. With `giveUp`, a give-up is recorded at `now` and the solution opens.
 */
export function unlockSolution(store: ProgressStore, day: number, giveUp: boolean, now: Date): boolean {
  if (store.labPassed(day) || store.gaveUp(day)) return true;
  if (!giveUp) return false;
  store.recordGiveUp(day, now.toISOString());
  return true;
}

/** The reference solution (diff, files, talking points), or a conflict error while it is still locked. */
export function openSolution(store: ProgressStore, home: string, ref: LabRef, opts: { giveUp: boolean; now: Date }): SolutionView {
  if (!unlockSolution(store, ref.day, opts.giveUp, opts.now)) {
    throw conflict(`Day ${ref.day}'s reference solution opens once your copy passes verify: pass verify first, or send giveUp: true to see it now.`);
  }
  return { diff: solutionDiff(home, ref), files: solutionFiles(ref), talkingPoints: ref.spec.talkingPoints };
}
