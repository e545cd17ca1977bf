import type { ProgressStore } from '../progress/store.js';
import type { VerifyOutcome } from './verify.js';

/** Saves a verify run in the progress store; a run skipped for missing services is not a run. */
export function recordOutcome(store: ProgressStore, outcome: VerifyOutcome, now: Date): void {
  if (outcome.skipped) return;
  const failed = outcome.checks.filter((x) => x.state === 'failed');
  store.recordVerify({
    day: outcome.day,
    target: outcome.target,
    ok: outcome.ok,
    passed: outcome.checks.filter((x) => x.state === 'passed').length,
    failed: failed.length,
    failing: failed.map((x) => x.name),
    durationMs: outcome.durationMs,
    at: now.toISOString(),
  });
}
