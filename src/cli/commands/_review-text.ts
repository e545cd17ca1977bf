import { interval } from '../../core/review/scheduler.js';
import { c } from '../ui.js';

// Review texts shared by the scriptable commands: no Markdown renderer or prompt library loaded.

/** Said once, when a card becomes a leech. */
export const leechNote = (lapses: number, day: number) =>
  c.yellow(`A leech: forgotten ${lapses} times. More repetition will not fix it: rewrite the answer in your own words (\`nodeprep notes ${day}\`); \`nodeprep weak\` keeps it listed.`);

/** "in 3d (Fri 4 Dec, 09:10)": when a card comes back, in the learner's time zone. */
export function when(due: Date, now: Date): string {
  const hh = String(due.getHours()).padStart(2, '0');
  const mm = String(due.getMinutes()).padStart(2, '0');
  const day = due.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
  return `in ${interval(due, now)} (${day}, ${hh}:${mm})`;
}
