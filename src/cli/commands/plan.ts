import { planJson, planView, type DayView } from '../../core/plan/status.js';
import type { Run } from '../main.js';
import { c, err, json, out } from '../ui.js';

const STATUS: Record<DayView['status'], (s: string) => string> = {
  done: c.green,
  today: (s) => c.bold(c.cyan(s)),
  'catch-up': c.yellow,
  upcoming: c.dim,
  unscheduled: (s) => s,
};

/** One line per day: number, status, title, and what the day offers. */
export function dayLine(d: DayView): string {
  const parts = [d.lab ? 'lab' : null, d.content === 'coming' ? c.dim('coming') : d.content === 'partial' ? c.dim('partly ready') : null].filter(Boolean);
  const status = d.status === 'unscheduled' ? '' : STATUS[d.status](`[${d.status}]`.padEnd(11));
  return `  ${String(d.day).padStart(2)}  ${status}${d.title}${parts.length ? c.dim(` · ${parts.join(' · ')}`) : ''}`;
}

export const run: Run = async (ctx, _args, opts) => {
  const plan = (await ctx.plan());
  const view = planView(plan, ctx.store(), ctx.now);
  for (const p of view.problems) err(`${c.yellow('warning:')} ${p}`);
  if (opts.json) {
    json(planJson(plan, view));
    return;
  }
  for (const week of plan.weeks) {
    out(`${c.bold(`Week ${week.week} — ${week.title}`)}  ${c.dim(week.goal)}`);
    for (const d of view.days.filter((x) => x.week === week.week)) out(dayLine(d));
    out();
  }
  if (!view.position.startDate) out(c.dim('No start date yet: `nodeprep start` begins the plan today.'));
};
