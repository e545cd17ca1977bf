import { dayEntry, loadLesson } from '../../core/curriculum/load.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { renderMarkdown } from '../markdown.js';
import { c, heading, out } from '../ui.js';

export const run: Run = async (ctx, args) => {
  const day = parseDay(args[0]!);
  const plan = (await ctx.plan());
  const entry = dayEntry(plan, day);
  const lesson = loadLesson(plan, day);
  heading(`Day ${day} — ${entry.title}`);
  for (const s of entry.study) out(`${c.dim('study')}     ${s}`);
  if (entry.practice) out(`${c.dim('practice')}  ${entry.practice}`);
  if (entry.question) out(`${c.dim('question')}  ${entry.question}`);
  out();
  if (!lesson) {
    out(c.dim(`The lesson for day ${day} is coming in a later version of nodeprep.`));
    return;
  }
  out(renderMarkdown(lesson.body));
  const next = [entry.has.questions && `nodeprep questions ${day}`, entry.has.drills && `nodeprep drill ${day}`, entry.has.lab && `nodeprep lab ${day}`].filter(Boolean);
  if (next.length) out(c.dim(`Next: ${next.join('  ·  ')}`));
};
