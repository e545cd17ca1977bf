import { weakAreas } from '../../core/interview/weak-evidence.js';
import type { WeakTopic } from '../../core/interview/weak-areas.js';
import type { Run } from '../main.js';
import { c, heading, json, out } from '../ui.js';

const SHOWN = 8;
const pct = (n: number | null) => (n === null ? null : `${Math.round(n * 100)}%`);

function evidenceLine(t: WeakTopic): string {
  const e = t.evidence;
  const parts = [
    e.cards && `${e.cards} card${e.cards === 1 ? '' : 's'}${e.leeches ? c.red(` (${e.leeches} leech${e.leeches > 1 ? 'es' : ''})`) : ''}`,
    t.signals.recall !== null && `recall ${pct(t.signals.recall)}`,
    t.signals.coverage !== null && `answers cover ${pct(t.signals.coverage)} of key points`,
    t.signals.mock !== null && `mock ${pct(t.signals.mock)}`,
    t.signals.lab !== null && (t.next.some((a) => a.kind === 'lab') ? c.red('lab failing') : 'lab passed'),
  ].filter(Boolean);
  return parts.join(' · ');
}

/** Topics ranked by mastery from every piece of evidence, with what to do next for each. */
export const run: Run = async (ctx, _args, opts) => {
  const topics = weakAreas(ctx.store(), (await ctx.plan()), ctx.now);
  if (opts.json) {
    json(topics);
    return;
  }
  if (!topics.length) {
    out('No evidence yet. Weak areas come from your reviews (`nodeprep review`), quizzes (`nodeprep quiz <day>`), mock interviews (`nodeprep mock --week 1`) and lab runs (`nodeprep verify <day>`).');
    return;
  }
  heading('Weak areas, weakest first');
  const width = Math.max(...topics.slice(0, SHOWN).map((t) => t.tag.length));
  for (const [i, t] of topics.slice(0, SHOWN).entries()) {
    const colour = t.mastery < 0.5 ? c.red : t.mastery < 0.75 ? c.yellow : c.green;
    out(`${String(i + 1).padStart(2)}. ${c.bold(t.tag.padEnd(width))}  ${colour(`${pct(t.mastery)!.padStart(4)} mastery`)}  ${c.dim(evidenceLine(t))}`);
    for (const a of t.next) out(`      ${c.dim('→')} ${a.why}: ${c.cyan(a.command)}`);
  }
  if (topics.length > SHOWN) out(c.dim(`\n${topics.length - SHOWN} stronger topic${topics.length - SHOWN === 1 ? '' : 's'} not shown: \`nodeprep weak --json\` lists all.`));
};
