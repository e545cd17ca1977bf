import { existsSync, readFileSync } from 'node:fs';
import type { Plan } from '../curriculum/load.js';
import { loadQuestions } from '../curriculum/questions.js';
import { localDate } from '../plan/dates.js';
import { notePath, noteTemplate } from './notes.js';

/** Paragraphs and code blocks, split on blank lines outside code fences, comments removed. */
function blocks(text: string): string[] {
  const result: string[] = [];
  let current: string[] = [];
  let fenced = false;
  for (const line of text.replace(/<!--[\s\S]*?-->/g, '').split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (!fenced && !line.trim()) {
      if (current.length) result.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  if (current.length) result.push(current.join('\n'));
  return result.map((b) => b.trimEnd());
}

/**
 * A note as it belongs in the cheat sheet: what the learner left of the template (`template`'s
 * paragraphs, comments, unfilled list items, placeholder code) removed, the title dropped,
 * headings nested under the day and sections left empty dropped.
 */
export function cleanNote(text: string, template = ''): string {
  const scaffold = new Set(blocks(template).filter((b) => !/^#{1,6} /.test(b)));
  const source = blocks(text)
    .filter((b) => !scaffold.has(b))
    .join('\n\n')
    .replace(/^```\w*\n(?:[ \t]*(?:\/\/.*)?\n)*```[ \t]*$/gm, '');
  const lines: Array<{ text: string; heading: boolean }> = [];
  let fenced = false;
  for (const line of source.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const prose = !fenced && !/^\s*```/.test(line);
    if (prose && (/^# /.test(line) || /^\s*(?:\d+\.|[-*])\s*$/.test(line) || /^\s*- \*\*[^*]+\*\*[^:*]*:\s*$/.test(line) || /^\s*- \*\*[^*]+:\*\*\s*$/.test(line))) continue;
    lines.push({ text: line, heading: prose && /^#{2,6} /.test(line) });
  }
  // Drop headings whose section is empty; nest the rest under the cheat sheet's "### My notes".
  const level = (l: { text: string }) => /^#+/.exec(l.text)![0].length;
  const kept = lines.filter((l, i) => {
    if (!l.heading) return true;
    const end = lines.findIndex((n, j) => j > i && n.heading && level(n) <= level(l));
    return lines.slice(i + 1, end < 0 ? undefined : end).some((n) => !n.heading && n.text.trim());
  });
  return kept
    .map((l) => (l.heading ? l.text.replace(/^(#+)/, '$1##') : l.text))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One Markdown cheat sheet: each day's notes (when written) and the key points of its questions. */
export function exportNotes(plan: Plan, home: string, now: Date): { markdown: string; notes: number; days: number } {
  const parts = [`# nodeprep cheat sheet\n\nExported ${localDate(now)}: your notes and every day's key points.`];
  let notes = 0;
  let days = 0;
  for (const d of plan.days) {
    const file = notePath(home, d.day);
    const raw = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const template = noteTemplate(plan, d.day, file);
    const note = raw && raw !== template ? cleanNote(raw, template) : '';
    const questions = loadQuestions(plan, d.day);
    if (!note && !questions.length) continue;
    days++;
    const section = [`## Day ${d.day}: ${d.title}`];
    if (note) {
      notes++;
      section.push(`### My notes\n\n${note}`);
    }
    if (questions.length) {
      section.push('### Key points');
      for (const q of questions) section.push(`**${q.prompt.trim()}**\n\n${q.keyPoints.map((k) => `- ${k.point}`).join('\n')}`);
    }
    parts.push(section.join('\n\n'));
  }
  return { markdown: `${parts.join('\n\n')}\n`, notes, days };
}
