import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { copyStarter, labRef } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { renderMarkdown } from '../markdown.js';
import { c, heading, out } from '../ui.js';

export const run: Run = async (ctx, args) => {
  const day = parseDay(args[0]!);
  const ref = labRef((await ctx.plan()), day);
  const copy = copyStarter(ctx.home, ref);
  heading(`Lab ${day} — ${ref.spec.title}`);
  out(renderMarkdown(readFileSync(join(ref.dir, 'README.md'), 'utf8')).trimEnd());
  out();
  const where = relative(process.cwd(), copy.dir) || '.';
  out(c.bold(`Your copy: ${where}`));
  if (copy.created.length) out(c.dim(`  created ${copy.created.length} file(s) from the starter`));
  if (copy.kept.length) out(c.dim(`  kept your ${copy.kept.length} existing file(s) untouched`));
  out(c.bold('Edit:'));
  for (const f of ref.spec.files) out(`  ${join(where, f)}`);
  out();
  out(`  ${c.cyan(`nodeprep verify ${day}`)}   run the checks    ${c.cyan(`nodeprep watch ${day}`)}   re-run on save`);
  out(`  ${c.cyan(`nodeprep hint ${day}`)}     next hint         ${c.cyan(`nodeprep reset ${day}`)}   start over`);
};
