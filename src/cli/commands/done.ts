import { setDayDone } from '../../core/plan/actions.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const { done } = setDayDone(ctx.store(), day, !opts.undo, ctx.now);
  out(done ? `${c.green('✓')} Day ${day} done.` : `Day ${day} is no longer marked done.`);
};
