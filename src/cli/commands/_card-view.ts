import type { Question } from '../../core/curriculum/schema.js';
import type { Coverage } from '../../core/interview/key-points.js';
import { interval, preview, RATINGS, type Card, type RatingName } from '../../core/review/scheduler.js';
import { renderMarkdown } from '../markdown.js';
import { c, out } from '../ui.js';
import { CANCELLED, chooseKey } from './_interactive.js';

/** Wraps `text` to the terminal (at most 100 columns), the first line after `bullet`, the rest under it. */
export function bulleted(bullet: string, text: string, indent = 4): string {
  const width = Math.max(40, Math.min(process.stdout.columns || 100, 100) - indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  const pad = ' '.repeat(indent);
  return lines.map((l, i) => (i === 0 ? `${`  ${bullet} `.padEnd(indent + bullet.length - visible(bullet))}${l}` : `${pad}${l}`)).join('\n');
}

/** Length of a string without its colour codes. */
const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/** The question as the interviewer asks it (Markdown, for prompts with code), under a dim line of where it comes from. */
export function showQuestion(position: string, q: Question, note = ''): void {
  out();
  out(c.dim(`${position} · ${q.id} · ${q.level} ${q.type} · ${q.tags.join(', ')}`) + note);
  out(promptText(q.prompt));
}

/** A prompt in bold, or rendered as Markdown when it carries code. */
export function promptText(prompt: string): string {
  const p = prompt.trim();
  return /\n|`/.test(p) ? renderMarkdown(p).trimEnd() : c.bold(p);
}

/** The model answer, then the key points (ticked against the answer when there is one), then the pitfalls. */
export function showFeedback(q: Question, cov: Coverage | null): void {
  out();
  out(c.bold('Model answer'));
  out(renderMarkdown(q.answer.short).trimEnd());
  out();
  out(c.bold(cov ? `Key points: ${cov.covered.length}/${q.keyPoints.length} covered` : 'Key points'));
  const said = new Map(cov?.covered.map((k) => [k.point, k.matched]));
  for (const k of q.keyPoints) {
    if (!cov) out(bulleted('•', k.point));
    else if (said.has(k.point)) out(bulleted(c.green('✓'), `${k.point} ${c.dim(`(you said "${said.get(k.point)}")`)}`));
    else out(bulleted(c.red('✗'), k.point));
  }
  out(c.bold('Pitfalls'));
  for (const p of q.pitfalls) out(bulleted(c.yellow('!'), p));
}

export function showDeep(q: Question): void {
  out();
  out(c.bold('The deep answer'));
  out(renderMarkdown(q.answer.deep).trimEnd());
  for (const f of q.followUps) out(c.dim(bulleted('↳', `Follow-up an interviewer may ask: ${f.prompt.trim()}`, 4)));
}

/** A starting point for the rating from the key points covered; the learner decides. */
export function suggestedRating(cov: Coverage | null): RatingName | null {
  if (!cov) return null;
  return cov.score < 0.34 ? 'again' : cov.score < 0.67 ? 'hard' : cov.score < 0.9 ? 'good' : 'easy';
}

export type RateChoice = RatingName | 'deep' | 'undo' | 'stop';

/** 1-4 rate the card (each shows when it comes back); d shows the deep answer; u undoes; q stops. */
export async function askRating(card: Card, now: Date, opts: { suggested: RatingName | null; canUndo: boolean; deepShown: boolean }): Promise<RateChoice> {
  const next = preview(card, now);
  const options: Array<{ value: string; label: string; hint?: string }> = RATINGS.map((r, i) => ({
    value: String(i + 1),
    label: r === opts.suggested ? c.bold(r) : r,
    hint: `${interval(next[r], now)}${r === opts.suggested ? ', suggested by your key points' : ''}`,
  }));
  if (!opts.deepShown) options.push({ value: 'd', label: 'show the deep answer' });
  if (opts.canUndo) options.push({ value: 'u', label: 'undo the previous rating' });
  options.push({ value: 'q', label: 'stop here (every rating so far is saved)' });
  const v = await chooseKey('How well did you recall it?', options);
  if (v === CANCELLED || v === 'q') return 'stop';
  if (v === 'd') return 'deep';
  if (v === 'u') return 'undo';
  return RATINGS[Number(v) - 1]!;
}
