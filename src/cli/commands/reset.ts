import { createInterface } from 'node:readline/promises';
import { relative } from 'node:path';
import { usageError } from '../../core/errors.js';
import { labRef, resetLab } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw usageError('reset needs a confirmation: run it in a terminal, or pass --yes.');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const ref = labRef((await ctx.plan()), day);
  if (!opts.yes && !(await confirm(`Start lab ${day} over? Your copy is moved to backups/, not deleted. [y/N] `))) {
    out('Nothing changed.');
    return 1;
  }
  const { backup, copy } = resetLab(ctx.home, ref, ctx.now);
  if (backup) out(`Your previous copy is in ${c.bold(relative(process.cwd(), backup))}.`);
  out(`Fresh starter in ${c.bold(relative(process.cwd(), copy.dir))}.`);
};
