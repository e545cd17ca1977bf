import { unlockSolution } from '../../core/labs/solution.js';
import { solutionDiff, solutionFiles, labRef } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';

function colourDiff(diff: string): string {
  return diff
    .split('\n')
    .map((l) => (l.startsWith('+') && !l.startsWith('+++') ? c.green(l) : l.startsWith('-') && !l.startsWith('---') ? c.red(l) : l.startsWith('@@') ? c.cyan(l) : l))
    .join('\n');
}

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const ref = labRef((await ctx.plan()), day);
  if (!unlockSolution(ctx.store(), day, !!opts.giveUp, ctx.now)) {
    out(`The reference solution opens once your copy passes \`nodeprep verify ${day}\`.`);
    out(c.dim(`Try \`nodeprep hint ${day}\` first, or see it now with \`nodeprep solution ${day} --give-up\`.`));
    return 1;
  }
  if (opts.full) {
    for (const { file, text } of solutionFiles(ref)) {
      out(c.bold(`── solution/${file}`));
      out(text);
    }
  } else {
    out(colourDiff(solutionDiff(ctx.home, ref)));
  }
  out(c.bold('Talking points'));
  for (const t of ref.spec.talkingPoints) out(`  • ${t}`);
};
