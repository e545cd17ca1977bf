import { parseTarget } from '../../core/labs/targets.js';
import { verifyLab } from '../../core/labs/verify.js';
import { labRef } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, json, out } from '../ui.js';
import { checkLine, printSummary } from './_verify-report.js';

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const target = parseTarget(String(opts.target ?? 'workspace'));
  const ref = labRef(ctx.plan(), day);
  const store = ctx.store();
  if (!opts.json) out(c.dim(`Running ${ref.spec.title} checks against ${opts.target}…`));
  const outcome = await verifyLab({
    ref,
    target,
    home: ctx.home,
    env: ctx.env,
    ...(opts.json ? {} : { onCheck: (check) => out(checkLine(check)) }),
  });
  if (!outcome.skipped) {
    store.recordVerify({
      day,
      target: outcome.target,
      ok: outcome.ok,
      passed: outcome.checks.filter((x) => x.state === 'passed').length,
      failed: outcome.checks.filter((x) => x.state === 'failed').length,
      failing: outcome.checks.filter((x) => x.state === 'failed').map((x) => x.name),
      durationMs: outcome.durationMs,
      at: ctx.now.toISOString(),
    });
  }
  if (opts.json) json(outcome);
  else printSummary(outcome, day);
  return outcome.ok ? 0 : 1;
};
