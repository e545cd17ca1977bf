/** One verify check (a Vitest test), named in the learner's terms. */
export interface CheckResult {
  name: string;
  file: string;
  state: 'passed' | 'failed' | 'skipped';
  /** The first line of what went wrong, for a failed check. */
  message?: string | undefined;
  durationMs: number;
}

export interface ChildConfig {
  verifyDir: string;
  testkit: string;
  checkTimeoutMs: number;
  cacheDir: string;
}

export type ChildMessage = { type: 'check'; check: CheckResult } | { type: 'end'; errors: string[] };
