import { localDate, parseDate } from '../../core/plan/dates.js';
import { position } from '../../core/plan/status.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';

export const run: Run = async (ctx, _args, opts) => {
  const date = opts.date ? parseDate(String(opts.date)) : localDate(ctx.now);
  const store = ctx.store();
  const previous = store.startDate();
  store.setStartDate(date);
  const pos = position(date, ctx.now);
  out(`Plan starts ${c.bold(date)}${previous && previous !== date ? c.dim(` (was ${previous})`) : ''}.`);
  if (pos.today === null) out(`Day 1 is ${date}: until then, read ahead with \`nodeprep day 1\`.`);
  else out(`Today is day ${c.bold(String(pos.today))}. Earlier days you have not done are waiting as catch-up: \`nodeprep today\`.`);
};
