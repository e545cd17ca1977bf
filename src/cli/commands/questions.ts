import { dayEntry, loadQuestions } from '../../core/curriculum/load.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { renderMarkdown } from '../markdown.js';
import { c, heading, json, out } from '../ui.js';

export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const plan = (await ctx.plan());
  const questions = loadQuestions(plan, day);
  if (opts.json) {
    json(questions);
    return;
  }
  const entry = dayEntry(plan, day);
  heading(`Day ${day} — ${entry.title}: ${questions.length} questions`);
  if (!questions.length) {
    out(c.dim(`The questions for day ${day} are coming in a later version of nodeprep.`));
    return;
  }
  questions.forEach((q, i) => {
    out();
    out(`${c.bold(`${i + 1}. ${q.prompt}`)}${q.seed ? c.cyan('  (the plan’s question)') : ''}`);
    out(c.dim(`   ${q.id} · ${q.level} · ${q.type} · ${q.tags.join(', ')}`));
    out();
    out(renderMarkdown(opts.short ? q.answer.short : `${q.answer.short}\n\n${q.answer.deep}`).trimEnd());
    out(c.bold('   Key points'));
    for (const k of q.keyPoints) out(`   • ${k.point}`);
    if (q.pitfalls.length) {
      out(c.bold('   Pitfalls'));
      for (const p of q.pitfalls) out(`   • ${p}`);
    }
    for (const f of q.followUps) out(`${c.bold('   Follow-up:')} ${f.prompt}`);
    out(c.dim(`   Sources: ${q.sources.map((s) => s.url).join('  ')}`));
  });
};
