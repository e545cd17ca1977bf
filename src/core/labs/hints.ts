import type { ProgressStore } from '../progress/store.js';
import type { LabRef } from './workspace.js';

/** The hint ladder's rungs, in order: nudge, then concept and docs, then near-solution. */
export const HINT_RUNGS = ['Nudge', 'Concept', 'Near-solution'] as const;

export interface Hint {
  /** 1-based rung. */
  rung: number;
  label: (typeof HINT_RUNGS)[number];
  /** Markdown. */
  text: string;
}

const hintAt = (ref: LabRef, i: number): Hint => ({ rung: i + 1, label: HINT_RUNGS[i]!, text: ref.spec.hints[i]! });

/** Every rung the learner has unlocked so far, in order. */
export function unlockedHints(store: ProgressStore, ref: LabRef): Hint[] {
  return Array.from({ length: Math.min(store.hintRung(ref.day), HINT_RUNGS.length) }, (_, i) => hintAt(ref, i));
}

/** Unlocks and returns the next rung (the last one again once all are unlocked). */
export function nextHint(store: ProgressStore, ref: LabRef, now: Date): Hint & { last: boolean } {
  const seen = store.hintRung(ref.day);
  const i = Math.min(seen, HINT_RUNGS.length - 1);
  if (seen < HINT_RUNGS.length) store.setHintRung(ref.day, i + 1, now.toISOString());
  return { ...hintAt(ref, i), last: i === HINT_RUNGS.length - 1 };
}
