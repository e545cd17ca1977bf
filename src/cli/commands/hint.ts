import { nextHint, unlockedHints, type Hint } from '../../core/labs/hints.js';
import { labRef } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { renderMarkdown } from '../markdown.js';
import { c, out } from '../ui.js';

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const ref = labRef((await ctx.plan()), day);
  const store = ctx.store();
  const show = (h: Hint) => {
    out(c.bold(`Hint ${h.rung}/3 — ${h.label}`));
    out(renderMarkdown(h.text).trimEnd());
    out();
  };
  if (opts.all) {
    const seen = unlockedHints(store, ref);
    if (!seen.length) out(c.dim(`No hints unlocked yet: \`nodeprep hint ${day}\` shows the first.`));
    seen.forEach(show);
    return;
  }
  const hint = nextHint(store, ref, ctx.now);
  show(hint);
  out(c.dim(!hint.last ? `Still stuck? \`nodeprep hint ${day}\` again gives the next rung.` : `That was the last rung. The reference solution opens after a pass, or with \`nodeprep solution ${day} --give-up\`.`));
};
