import { startPlan } from '../../core/plan/actions.js';
import { parseDate } from '../../core/plan/dates.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';

export const run: Run = async (ctx, _args, opts) => {
  // A bad date is refused before the progress database is opened.
  const wanted = opts.date ? parseDate(String(opts.date)) : undefined;
  const { startDate: date, previous, today } = startPlan(ctx.store(), ctx.now, wanted);
  out(`Plan starts ${c.bold(date)}${previous && previous !== date ? c.dim(` (was ${previous})`) : ''}.`);
  if (today === null) out(`Day 1 is ${date}: until then, read ahead with \`nodeprep day 1\`.`);
  else out(`Today is day ${c.bold(String(today))}. Earlier days you have not done are waiting as catch-up: \`nodeprep today\`.`);
};
