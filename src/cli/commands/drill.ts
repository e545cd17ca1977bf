import { createInterface } from 'node:readline/promises';
import { loadDrills } from '../../core/curriculum/load.js';
import { acceptedOrders, parseOrder, runDrillOnce, sameOrder } from '../../core/drills/run.js';
import { notFound } from '../../core/errors.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { renderMarkdown } from '../markdown.js';
import { c, heading, out } from '../ui.js';

/** Asks for the printed order of each snippet, then runs it on the learner's own Node and compares. */
export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  let drills = loadDrills((await ctx.plan()), day);
  if (opts.id) drills = drills.filter((d) => d.id === opts.id);
  if (!drills.length) throw notFound(opts.id ? `Day ${day} has no drill "${String(opts.id)}".` : `Day ${day} has no drills.`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const lines = rl[Symbol.asyncIterator]();
  let right = 0;
  let asked = 0;
  try {
    for (const [i, drill] of drills.entries()) {
      heading(`Drill ${i + 1}/${drills.length} — ${drill.title} (${drill.module === 'esm' ? 'ES module' : 'CommonJS'})`);
      out(renderMarkdown(`\`\`\`js\n${drill.code}\n\`\`\``).trimEnd());
      process.stdout.write(c.bold('What does it print? (tokens in order, separated by spaces) > '));
      const next = await lines.next();
      if (next.done) break;
      asked++;
      const guess = parseOrder(String(next.value));
      const actual = await runDrillOnce(drill);
      const accepted = acceptedOrders(drill);
      const correct = accepted.some((a) => sameOrder(a, guess));
      if (correct) right++;
      out(correct ? c.green('✓ Right.') : c.red(`✗ Not quite. You said: ${guess.join(' ') || '(nothing)'}`));
      out(`Your Node ${process.version} printed: ${c.bold(actual.join(' '))}`);
      if (drill.nondeterministic) out(c.yellow(`Not deterministic: ${drill.nondeterministic} Accepted: ${accepted.map((a) => a.join(' ')).join('  |  ')}`));
      out(renderMarkdown(drill.explanation).trimEnd());
      out();
    }
  } finally {
    rl.close();
  }
  out(c.bold(`${right}/${asked} right.`));
  return asked > 0 && right === asked ? 0 : 1;
};
