import type { MockReport } from '../../core/interview/mock-report.js';
import type { SessionSummary } from '../../core/interview/mock-session.js';
import { bandLabel, type Band } from '../../core/interview/rubric.js';
import { localDate } from '../../core/plan/dates.js';
import { c, heading, out } from '../ui.js';

const BAND_COLOUR: Record<Band, (s: string) => string> = {
  'strong-no-hire': c.red,
  'leaning-no-hire': c.yellow,
  'leaning-hire': c.cyan,
  'strong-hire': c.green,
};

export const band = (b: Band) => BAND_COLOUR[b](bandLabel(b));
const pct = (n: number) => `${Math.round(n * 100)}%`.padStart(4);
const bar = (n: number) => {
  const filled = Math.round(n * 10);
  return `${c.green('█'.repeat(filled))}${c.dim('░'.repeat(10 - filled))}`;
};

export function printReport(r: MockReport): void {
  heading(`${r.title}: ${bandLabel(r.overall.band)} (${pct(r.overall.score).trim()})`);
  out(`${r.answered} of ${r.asked} answered in ${r.usedMinutes} of ${r.minutes} minutes${r.overTime ? c.yellow(' (over time)') : ''}.`);
  out();
  out(c.bold('By topic, weakest first'));
  const tagWidth = Math.max(...r.topics.map((t) => t.tag.length), 10);
  for (const t of r.topics) out(`  ${t.tag.padEnd(tagWidth)}  ${bar(t.score)} ${pct(t.score)}  ${band(t.band)}`);
  out();
  out(c.bold('By rubric dimension'));
  for (const d of r.rubric) {
    if (d.score === null || !d.band) out(`  ${d.label.padEnd(26)}  ${c.dim('no evidence in this session')}`);
    else out(`  ${d.label.padEnd(26)}  ${bar(d.score)} ${pct(d.score)}  ${band(d.band)}${d.self ? c.dim(`  (you: ${bandLabel(d.self)})`) : ''}`);
  }
  out();
  out(c.bold('Answers'));
  for (const p of r.parts) {
    const label = p.round === 'follow-up' ? `  ↳ ${p.part}` : p.round === 'design' ? `design ${p.part}` : p.part;
    if (!p.answered) {
      out(`  ${c.red('✗')} ${label}  ${c.dim('not answered')}`);
      continue;
    }
    out(`  ${p.coverage >= 0.5 ? c.green('✓') : c.yellow('~')} ${label}  ${pct(p.coverage).trim()} of key points, ${band(p.band)}`);
    if (p.missed.length) out(c.dim(`      missed: ${p.missed.join(' · ')}`));
  }
  if (r.design) {
    out();
    out(`${c.bold('Design round steps:')} ${r.design.steps.map((s) => `${s.covered ? c.green('✓') : c.red('✗')} ${s.title}`).join('  ')}`);
  }
  out();
  out(c.dim(`Saved as ${r.session}: \`nodeprep mock history ${r.session}\` shows it again; \`nodeprep weak\` folds it into your weak areas.`));
}

export function printHistory(sessions: SessionSummary[], weekOf: (day: number) => string): void {
  if (!sessions.length) {
    out('No mock interviews yet: `nodeprep mock --week 1` starts one.');
    return;
  }
  heading('Mock interviews, newest first');
  for (const s of sessions) {
    const t = new Date(s.startedAt);
    const when = `${localDate(t)} ${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
    const result = s.overall ? `${band(s.overall.band)} ${pct(s.overall.score).trim()}` : c.yellow(`in progress: \`nodeprep mock ${weekOf(s.day)}\` resumes it`);
    out(`  ${s.session.padEnd(14)} ${c.dim(when)}  ${s.title}  ${s.answered}/${s.asked}  ${result}`);
  }
}
