import { recordOutcome } from '../../core/labs/record.js';
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
  const ref = labRef((await ctx.plan()), day);
  const store = ctx.store();
  if (!opts.json) out(c.dim(`Running ${ref.spec.title} checks against ${opts.target}…`));
  const outcome = await verifyLab({
    ref,
    target,
    home: ctx.home,
    env: ctx.env,
    ...(opts.json ? {} : { onCheck: (check) => out(checkLine(check)) }),
  });
  recordOutcome(store, outcome, ctx.now);
  if (opts.json) json(outcome);
  else printSummary(outcome, day);
  return outcome.ok ? 0 : 1;
};
