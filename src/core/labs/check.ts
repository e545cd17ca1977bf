import { loadDrills, type Plan } from '../curriculum/load.js';
import { validateContent } from '../curriculum/validate.js';
import { checkDrill, type DrillCheck } from '../drills/run.js';
import type { CheckResult } from './run.js';
import { verifyLab, type VerifyOutcome } from './verify.js';
import { labRef } from './workspace.js';

type PassFail = 'pass' | 'fail';

export interface LabCheck {
  day: number;
  lab: string;
  solution: PassFail;
  starter: PassFail;
  mutants: Record<string, PassFail>;
  /** Why the lab could not be checked (a missing service, with its install command), or null. */
  skipped: string | null;
  /** Whether this lab proves itself: solution passes, starter and every mutant fail. */
  ok: boolean;
  /** What went wrong, in words, for each target that behaved wrongly. */
  problems: string[];
}

export interface CheckReport {
  ok: boolean;
  labs: LabCheck[];
  drills: Array<{ day: number; id: string; ok: boolean }>;
  /** Content files that do not load or break a rule (ids, seeds, lab layout). */
  content: string[];
}

export interface CheckOptions {
  plan: Plan;
  days?: number[];
  home: string;
  env?: NodeJS.ProcessEnv;
  /** With CI=true a skipped lab is a failure. */
  strict: boolean;
  onProgress?: (event: { day: number; target: string; outcome: VerifyOutcome } | { day: number; drill: DrillCheck }) => void;
}

const failingNames = (checks: CheckResult[]) => checks.filter((c) => c.state === 'failed').map((c) => `${c.name}: ${c.message ?? ''}`);

function describe(outcome: VerifyOutcome): string {
  const why = [...failingNames(outcome.checks), ...outcome.errors];
  return why.length ? why.slice(0, 3).join(' | ') : 'no check ran';
}

/** Proves every lab (solution passes, starter fails, each mutant fails) and every drill. */
export async function check(opts: CheckOptions): Promise<CheckReport> {
  const days = opts.days ?? opts.plan.days.map((d) => d.day);
  const content = validateContent(opts.plan, days);
  const labs: LabCheck[] = [];
  const drills: CheckReport['drills'] = [];
  for (const day of days) {
    const entry = opts.plan.days[day - 1]!;
    if (entry.has.lab && !content.some((p) => p.startsWith(`days/${entry.slug}/lab/`))) {
      const ref = labRef(opts.plan, day);
      const run = async (target: Parameters<typeof verifyLab>[0]['target']) => {
        const outcome = await verifyLab({ ref, target, home: opts.home, ...(opts.env ? { env: opts.env } : {}) });
        opts.onProgress?.({ day, target: outcome.target, outcome });
        return outcome;
      };
      const problems: string[] = [];
      const solution = await run({ kind: 'solution' });
      if (solution.skipped) {
        labs.push({ day, lab: ref.spec.title, solution: 'fail', starter: 'fail', mutants: {}, skipped: solution.skipped.reason, ok: !opts.strict, problems: [] });
        continue;
      }
      if (!solution.ok) problems.push(`solution should pass but: ${describe(solution)}`);
      const starter = await run({ kind: 'starter' });
      if (starter.ok) problems.push('starter should fail but passed every check');
      const mutants: Record<string, PassFail> = {};
      for (const name of Object.keys(ref.spec.mutants)) {
        const outcome = await run({ kind: 'mutant', name });
        mutants[name] = outcome.ok ? 'pass' : 'fail';
        if (outcome.ok) problems.push(`mutant ${name} should fail but passed every check`);
      }
      labs.push({
        day,
        lab: ref.spec.title,
        solution: solution.ok ? 'pass' : 'fail',
        starter: starter.ok ? 'pass' : 'fail',
        mutants,
        skipped: null,
        ok: problems.length === 0,
        problems,
      });
    }
    let dayDrills: ReturnType<typeof loadDrills> = [];
    try {
      dayDrills = loadDrills(opts.plan, day);
    } catch {
      // already reported by validateContent
    }
    for (const drill of dayDrills) {
      const result = await checkDrill(drill);
      opts.onProgress?.({ day, drill: result });
      drills.push({ day, id: drill.id, ok: result.ok });
    }
  }
  const ok = content.length === 0 && labs.every((l) => l.ok) && drills.every((d) => d.ok);
  return { ok, labs, drills, content };
}
