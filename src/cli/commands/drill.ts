import { createInterface } from 'node:readline/promises';
import { dayDrills, judgeDrill } from '../../core/drills/judge.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { renderMarkdown } from '../markdown.js';
import { c, heading, out } from '../ui.js';

/** Asks for the printed order of each snippet, then runs it on the learner's own Node and compares. */
export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const drills = dayDrills((await ctx.plan()), day, opts.id ? String(opts.id) : undefined);
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
      const r = await judgeDrill(drill, String(next.value));
      if (r.correct) right++;
      out(r.correct ? c.green('✓ Right.') : c.red(`✗ Not quite. You said: ${r.prediction.join(' ') || '(nothing)'}`));
      out(`Your Node ${r.node} printed: ${c.bold(r.actual.join(' '))}`);
      if (r.nondeterministic) out(c.yellow(`Not deterministic: ${r.nondeterministic} Accepted: ${r.accepted.map((a) => a.join(' ')).join('  |  ')}`));
      out(renderMarkdown(r.explanation).trimEnd());
      out();
    }
  } finally {
    rl.close();
  }
  out(c.bold(`${right}/${asked} right.`));
  return asked > 0 && right === asked ? 0 : 1;
};
