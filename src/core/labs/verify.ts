import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquire, type Missing } from '../services/resolve.js';
import { runVerify, type CheckResult } from './run.js';
import { materialize, targetLabel, type Target } from './targets.js';
import { workspaceLabDir, type LabRef } from './workspace.js';

export interface VerifyOutcome {
  day: number;
  target: string;
  /** True only when every check ran and passed. */
  ok: boolean;
  checks: CheckResult[];
  errors: string[];
  timedOut: boolean;
  durationMs: number;
  /** Set when required services are missing: the run did not happen. */
  skipped: { reason: string; missing: Missing[] } | null;
}

export interface VerifyOptions {
  ref: LabRef;
  target: Target;
  home: string;
  env?: NodeJS.ProcessEnv;
  onCheck?: (check: CheckResult) => void;
  signal?: AbortSignal;
}

/** Finds the lab's services, lays out the target, runs the checks, and cleans up every trace. */
export async function verifyLab(opts: VerifyOptions): Promise<VerifyOutcome> {
  const { ref, target } = opts;
  const base = { day: ref.day, target: targetLabel(target) };
  const scratch = mkdtempSync(join(tmpdir(), 'nodeprep-run-'));
  const services = await acquire(ref.spec.requires, opts.env, { pglite: ref.spec.pglite });
  try {
    const requiredMissing = services.missing.filter((m) => !ref.spec.optional.includes(m.name));
    if (requiredMissing.length) {
      const reason = requiredMissing.map((m) => `${m.name} is not running: ${m.install}`).join('; ');
      return { ...base, ok: false, checks: [], errors: [], timedOut: false, durationMs: 0, skipped: { reason, missing: requiredMissing } };
    }
    opts.signal?.throwIfAborted();
    const targetDir = materialize(ref.dir, target, scratch, workspaceLabDir(opts.home, ref));
    const result = await runVerify({
      verifyDir: join(ref.dir, 'verify'),
      targetDir,
      timeoutMs: ref.spec.timeout * 1000,
      checkTimeoutMs: ref.spec.checkTimeout * 1000,
      services: services.urls,
      scratchDir: scratch,
      ...(opts.onCheck ? { onCheck: opts.onCheck } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    return { ...base, ...result, skipped: null };
  } finally {
    await services.release();
    rmSync(scratch, { recursive: true, force: true });
  }
}
