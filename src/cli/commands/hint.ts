import { labRef } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { renderMarkdown } from '../markdown.js';
import { c, out } from '../ui.js';

const RUNGS = ['Nudge', 'Concept', 'Near-solution'] as const;

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const ref = labRef(ctx.plan(), day);
  const store = ctx.store();
  const seen = store.hintRung(day);
  const show = (i: number) => {
    out(c.bold(`Hint ${i + 1}/3 — ${RUNGS[i]}`));
    out(renderMarkdown(ref.spec.hints[i]!).trimEnd());
    out();
  };
  if (opts.all) {
    if (seen === 0) out(c.dim(`No hints unlocked yet: \`nodeprep hint ${day}\` shows the first.`));
    for (let i = 0; i < seen; i++) show(i);
    return;
  }
  const rung = Math.min(seen, 2);
  show(rung);
  if (seen < 3) store.setHintRung(day, rung + 1, ctx.now.toISOString());
  out(c.dim(rung < 2 ? `Still stuck? \`nodeprep hint ${day}\` again gives the next rung.` : `That was the last rung. The reference solution opens after a pass, or with \`nodeprep solution ${day} --give-up\`.`));
};
