import { nextDay, planView } from '../../core/plan/status.js';
import { deckSize, hasEvidence } from '../../core/review/probe.js';
import type { Context } from '../context.js';
import type { Run } from '../main.js';
import { c, err, heading, out } from '../ui.js';

/** Cards due and the weakest topic, each only when there is something to say (loaded only then). */
async function practice(ctx: Context): Promise<string[]> {
  const store = ctx.store();
  const lines: string[] = [];
  if (store.startDate() || deckSize(store)) {
    const { dueQueue } = await import('../../core/review/session.js');
    const due = dueQueue(store, (await ctx.plan()), ctx.now).cards.length;
    if (due) lines.push(`${c.bold('Review:')} ${due} card${due === 1 ? '' : 's'} due  ${c.cyan('nodeprep review')}`);
  }
  if (hasEvidence(store)) {
    const { weakAreas } = await import('../../core/interview/weak-evidence.js');
    const [weakest] = weakAreas(store, (await ctx.plan()), ctx.now, 0);
    if (weakest) lines.push(`${c.bold('Weakest topic:')} ${weakest.tag} (${Math.round(weakest.mastery * 100)}% mastery)  ${c.cyan('nodeprep weak')} says what to do next`);
  }
  return lines;
}

export const run: Run = async (ctx) => {
  const extra = await practice(ctx);
  const printExtra = () => {
    if (!extra.length) return;
    out();
    for (const line of extra) out(line);
  };
  const plan = (await ctx.plan());
  const store = ctx.store();
  const view = planView(plan, store, ctx.now);
  for (const p of view.problems) err(`${c.yellow('warning:')} ${p}`);
  const { position } = view;
  const done = view.days.filter((d) => d.status === 'done').length;
  if (!position.startDate) {
    heading('nodeprep — 30 days to a senior Node.js interview');
    out('You have not started the plan yet.');
    out(`  ${c.cyan('nodeprep start')}            start today (or --date YYYY-MM-DD)`);
    out(`  ${c.cyan('nodeprep plan')}             see the 30 days`);
    out(`  ${c.cyan('nodeprep day 1')}            read day 1 now`);
    printExtra();
    return;
  }
  const today = position.today;
  heading(today === null ? `The plan starts on ${position.startDate}` : `Day ${today} of 30 — ${view.days[today - 1]!.title}`);
  out(`${done}/30 days done.${position.elapsed !== null && position.elapsed >= 30 ? ' The 30-day calendar is over: finish what is left at your pace.' : ''}`);
  const catchUp = view.days.filter((d) => d.status === 'catch-up');
  if (catchUp.length) out(`${c.yellow('Catch-up:')} ${catchUp.map((d) => `day ${d.day}`).join(', ')} — missed days wait for you, nothing is lost.`);
  const next = nextDay(view);
  if (!next) {
    out(c.green('Every day is done. Keep your answers fresh with spaced review.'));
    printExtra();
    return;
  }
  out();
  out(`${c.bold('Next:')} day ${next.day} — ${next.title}${next.content === 'coming' ? c.dim(' (its material is coming in a later version)') : ''}`);
  for (const s of next.study) out(`  ${c.dim('study')}     ${s}`);
  if (next.practice) out(`  ${c.dim('practice')}  ${next.practice}`);
  if (next.question) out(`  ${c.dim('question')}  ${next.question}`);
  out();
  out(`  ${c.cyan(`nodeprep day ${next.day}`)}        read the lesson`);
  out(`  ${c.cyan(`nodeprep questions ${next.day}`)}  the interview questions`);
  if (next.lab) {
    const passed = store.labPassed(next.day);
    out(`  ${c.cyan(`nodeprep lab ${next.day}`)}        ${next.lab}${passed ? c.green(' (passed)') : ''}`);
  }
  out(`  ${c.cyan(`nodeprep done ${next.day}`)}       mark the day done`);
  printExtra();
};
