import { check } from '../../core/labs/check.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, err, json, mark, out } from '../ui.js';

export const run: Run = async (ctx, _args, opts) => {
  const plan = (await ctx.plan());
  const days = opts.day !== undefined ? [parseDay(String(opts.day))] : undefined;
  const strict = ctx.env.CI === 'true';
  const progress = (text: string) => (opts.json ? err(text) : out(text));
  const report = await check({
    plan,
    home: ctx.home,
    env: ctx.env,
    strict,
    ...(days ? { days } : {}),
    onProgress: (e) => {
      if ('drill' in e) {
        progress(`  ${e.drill.ok ? mark.pass : mark.fail} day ${e.day} drill ${e.drill.id}${e.drill.ok ? '' : c.red(` printed an order it does not accept: ${e.drill.unexpected.map((o) => o.join(' ')).join(' / ')}`)}`);
        return;
      }
      const { outcome } = e;
      const expectPass = outcome.target === 'solution';
      const good = outcome.skipped ? !strict : outcome.ok === expectPass;
      const what = outcome.skipped ? `skipped: ${outcome.skipped.reason}` : `${outcome.ok ? 'passes' : 'fails'} (${outcome.checks.filter((x) => x.state === 'failed').length} failing, ${(outcome.durationMs / 1000).toFixed(1)} s)`;
      progress(`  ${outcome.skipped ? mark.skip : good ? mark.pass : mark.fail} day ${e.day} ${outcome.target} ${what}`);
    },
  });
  if (opts.json) {
    json({ ok: report.ok, labs: report.labs.map(({ day, lab, solution, starter, mutants, skipped }) => ({ day, lab, solution, starter, mutants, skipped })), drills: report.drills, content: report.content });
    return report.ok ? 0 : 1;
  }
  out();
  for (const p of report.content) out(`${mark.fail} ${p}`);
  for (const l of report.labs) for (const p of l.problems) out(`${mark.fail} day ${l.day}: ${p}`);
  const mutants = report.labs.reduce((n, l) => n + Object.keys(l.mutants).length, 0);
  const skipped = report.labs.filter((l) => l.skipped).length;
  const summary = `${report.labs.length} lab(s), ${mutants} mutant(s), ${report.drills.length} drill(s)${skipped ? `, ${skipped} skipped` : ''}`;
  out(report.ok ? c.green(`check passed: ${summary}`) : c.red(`check failed: ${summary}`));
  const items = [...report.labs.map((l) => l.ok), ...report.drills.map((d) => d.ok), ...report.content.map(() => false)];
  out(`check: ${items.filter(Boolean).length} passed, ${items.filter((x) => !x).length} failed`);
  return report.ok ? 0 : 1;
};
