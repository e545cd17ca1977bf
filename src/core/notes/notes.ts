import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { contentError, dayEntry, type Plan } from '../curriculum/load.js';

/** workspace/notes/day03.md */
export function notePath(home: string, day: number): string {
  return join(home, 'notes', `day${String(day).padStart(2, '0')}.md`);
}

/** `../03-streams-buffers/lesson.md` in a curriculum template, made relative to the notes file. */
function relinkLessons(text: string, plan: Plan, file: string): string {
  const daysDir = join(plan.root, 'days');
  return text.replace(/\]\(\.\.\/([^)\s]+)\)/g, (_m, target: string) => `](${relative(dirname(file), join(daysDir, target)).split(sep).join('/')})`);
}

/**
 * The day's section of a mock day's mini-notes template (Day 7's covers days 1-6): its guidance
 * becomes a comment, its "## Day N: Title" the page title, its "###" sections the page's "##".
 */
function fromMockTemplate(plan: Plan, day: number): string | null {
  const mock = plan.days.find((d) => d.kind === 'mock' && d.covers.includes(day) && existsSync(join(d.dir, 'notes-template.md')));
  if (!mock) return null;
  const file = join(mock.dir, 'notes-template.md');
  const [preamble = '', ...sections] = readFileSync(file, 'utf8').split(/^---\s*$/m);
  const section = sections.find((s) => new RegExp(`^\\s*## Day ${day}\\b`).test(s));
  if (!section) return null;
  const guidance = preamble.replace(/^# .*\n/, '').trim().replaceAll('--', '—');
  const body = section.trim().replace(/^## Day (\d+):?\s*(.*)$/m, '# Day $1 notes: $2').replace(/^### /gm, '## ');
  if (!body.startsWith('# Day')) throw contentError(plan.root, file, `the day ${day} section must start with "## Day ${day}: <title>"`);
  const [title, ...rest] = body.split('\n');
  return `${title}\n\n<!--\n${guidance}\n-->\n${rest.join('\n')}\n`;
}

/** curriculum/notes-template.md with the day's title, study items and question filled in. */
function fromGenericTemplate(plan: Plan, day: number): string {
  const file = join(plan.root, 'notes-template.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw contentError(plan.root, file, 'cannot be read', cause);
  }
  const d = dayEntry(plan, day);
  const values: Record<string, string | null> = { day: String(day), title: d.title, study: d.study.join(' '), question: d.question };
  return text
    .split('\n')
    .filter((line) => !/\{\{(\w+)\}\}/.test(line) || [...line.matchAll(/\{\{(\w+)\}\}/g)].every((m) => values[m[1]!] !== null))
    .map((line) => line.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m))
    .join('\n');
}

/** The starting page for a day's notes, with lesson links that work from `file`. */
export function noteTemplate(plan: Plan, day: number, file: string): string {
  return relinkLessons(fromMockTemplate(plan, day) ?? fromGenericTemplate(plan, day), plan, file);
}

/** The day's notes file, created from its template when missing. */
export function ensureNote(plan: Plan, home: string, day: number): { path: string; created: boolean; content: string } {
  const path = notePath(home, day);
  if (existsSync(path)) return { path, created: false, content: readFileSync(path, 'utf8') };
  const content = noteTemplate(plan, day, path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { flag: 'wx' });
  return { path, created: true, content };
}

/** The day's notes as saved, or its template when there are none yet (nothing is written). */
export function readNote(plan: Plan, home: string, day: number): { path: string; saved: boolean; content: string } {
  dayEntry(plan, day);
  const path = notePath(home, day);
  if (existsSync(path)) return { path, saved: true, content: readFileSync(path, 'utf8') };
  return { path, saved: false, content: noteTemplate(plan, day, path) };
}

/** Replaces the day's notes with `content`. */
export function saveNote(plan: Plan, home: string, day: number, content: string): { path: string } {
  dayEntry(plan, day);
  const path = notePath(home, day);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return { path };
}
