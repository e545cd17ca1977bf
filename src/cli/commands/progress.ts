import { progressStats, type LabProgress, type ProgressStats } from '../../core/progress/stats.js';
import type { Run } from '../main.js';
import { c, heading, json, out } from '../ui.js';

const WEAKEST = 5;
const pct = (n: number) => `${Math.round(n * 100)}%`;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function streakLine({ current, longest }: ProgressStats['streak']): string {
  if (!longest) return `${c.bold('Streak:')} none yet: a review, a lab run, a mock answer or a finished day starts one.`;
  return `${c.bold('Streak:')} ${plural(current, 'day')} ${c.dim(`(longest ${plural(longest, 'day')})`)}`;
}

function retentionLine(r: ProgressStats['retention']): string {
  if (r.rate === null) return `${c.bold('Retention:')} no recall tested in the last ${r.windowDays} days yet.`;
  const weeks = r.byWeek.map((w) => (w.rate === null ? '–' : pct(w.rate))).join(' ');
  return `${c.bold('Retention:')} ${pct(r.rate)} of ${plural(r.reviews, 'review')} recalled in the last ${r.windowDays} days ${c.dim(`(by week, oldest first: ${weeks})`)}`;
}

function weakestLine(mastery: ProgressStats['mastery']): string {
  if (!mastery.length) return `${c.bold('Weakest topics:')} no evidence yet.`;
  return `${c.bold('Weakest topics:')} ${mastery.slice(0, WEAKEST).map((t) => `${t.tag} ${pct(t.mastery)}`).join(' · ')}`;
}

function labStatus(l: LabProgress): string {
  if (l.passed) return c.green('passed'.padEnd(9));
  if (l.gaveUp) return c.yellow('gave up'.padEnd(9));
  if (l.runs) return c.red('failing'.padEnd(9));
  return c.dim('not run'.padEnd(9));
}

function printLabs(labs: readonly LabProgress[]): void {
  out(c.bold('Labs'));
  const width = Math.min(40, Math.max(3, ...labs.map((l) => l.title.length)));
  out(c.dim(`  ${'Day'.padStart(3)}  ${'Lab'.padEnd(width)}  ${'Runs'.padStart(4)}  ${'Status'.padEnd(9)}  ${'Hints'.padStart(5)}  Best`));
  for (const l of labs) {
    const title = l.title.length > width ? `${l.title.slice(0, width - 1)}…` : l.title.padEnd(width);
    const best = l.bestMs === null ? '–' : `${(l.bestMs / 1000).toFixed(1)} s`;
    out(`  ${String(l.day).padStart(3)}  ${title}  ${String(l.runs).padStart(4)}  ${labStatus(l)}  ${String(l.hintsUsed).padStart(5)}  ${best}`);
  }
}

/** Streak, the review forecast, retention, weakest topics and every lab; `--json` for the full record. */
export const run: Run = async (ctx, _args, opts) => {
  const stats = progressStats(ctx.store(), await ctx.plan(), ctx.now);
  if (opts.json) {
    json(stats);
    return;
  }
  heading('Progress');
  out(streakLine(stats.streak));
  out(`${c.bold('Due, next 14 days')} ${c.dim('(today first)')}: ${stats.forecast.map((f) => String(f.due)).join(' ')}`);
  out(retentionLine(stats.retention));
  out(weakestLine(stats.mastery));
  out();
  printLabs(stats.labs);
  out();
  out(c.dim(`${plural(stats.reviewsTotal, 'rating')} given, ${plural(stats.cardsInDeck, 'card')} in your deck (${stats.newCards} not studied yet), ${plural(stats.mocksFinished, 'mock')} finished.`));
};
