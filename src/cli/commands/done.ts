import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const store = ctx.store();
  if (opts.undo) {
    store.unmarkDone(day);
    out(`Day ${day} is no longer marked done.`);
    return;
  }
  store.markDone(day, ctx.now.toISOString());
  out(`${c.green('✓')} Day ${day} done.`);
};
