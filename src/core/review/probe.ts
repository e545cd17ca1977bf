import type { ProgressStore } from '../progress/store.js';

/**
 * Cheap checks (one query each, no scheduler or curriculum loaded) so `nodeprep today` pays for
 * reviews and weak areas only when the learner has any.
 */
export function deckSize(store: ProgressStore): number {
  return store.db.prepare('SELECT COUNT(*) FROM cards WHERE retired = 0').pluck().get() as number;
}

/** True when there is anything to rank: a rating, a mock answer or a lab run of the learner's own copy. */
export function hasEvidence(store: ProgressStore): boolean {
  return !!store.db
    .prepare("SELECT EXISTS (SELECT 1 FROM review_log) OR EXISTS (SELECT 1 FROM mock_answers) OR EXISTS (SELECT 1 FROM verify_runs WHERE target = 'workspace')")
    .pluck()
    .get();
}
