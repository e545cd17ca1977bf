import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs.js';
import { loadPlan, loadQuestions } from '../curriculum/load.js';
import { curriculumRoot } from '../paths.js';
import { cleanNote, exportNotes } from './export.js';
import { ensureNote, notePath, noteTemplate } from './notes.js';

const plan = loadPlan(curriculumRoot);
const tempHome = tempDirs('nodeprep-notes-');
const now = new Date('2026-12-07T09:00:00Z');

describe('noteTemplate', () => {
  it('gives days 1-6 their section of Day 7’s mini-notes template, guidance as a comment', () => {
    const file = notePath(tempHome(), 3);
    const t = noteTemplate(plan, 3, file);
    expect(t.split('\n')[0]).toBe('# Day 3 notes: Streams and Buffers');
    expect(t).toMatch(/<!--\nOne page per day\./);
    expect(t).toMatch(/^## Mental model$/m);
    expect(t).not.toMatch(/## Day 4/);
    const link = /\]\(([^)]+lesson\.md)\)/.exec(t)![1]!;
    expect(existsSync(resolve(dirname(file), link)), `${link} resolves from the notes folder`).toBe(true);
  });

  it('fills the generic template for other days, leaving out a question the plan does not ask', () => {
    // A day with a plan question that no mock's mini-notes template covers (those days use the mock's).
    const covered = (day: number) => plan.days.some((m) => m.kind === 'mock' && m.covers.includes(day) && existsSync(join(m.dir, 'notes-template.md')));
    const d = plan.days.find((x) => x.question && !covered(x.day))!;
    const page = noteTemplate(plan, d.day, notePath(tempHome(), d.day));
    expect(page.split('\n')[0]).toBe(`# Day ${d.day} notes: ${d.title}`);
    expect(page).toContain(`Question of the day: ${d.question}`);
    expect(page).not.toMatch(/\{\{/);
    const seven = noteTemplate(plan, 7, notePath(tempHome(), 7));
    expect(seven).not.toMatch(/Question of the day/);
  });
});

describe('ensureNote', () => {
  it('creates the file once and never overwrites the learner’s words', () => {
    const home = tempHome();
    const first = ensureNote(plan, home, 3);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(home, 'notes', 'day03.md'));
    writeFileSync(first.path, '# mine\n');
    expect(ensureNote(plan, home, 3)).toMatchObject({ created: false, content: '# mine\n' });
  });
});

describe('cleanNote', () => {
  it.each([
    ['drops comments and the title', '# Day 3 notes\n<!-- guide -->\n## Mental model\n\nA threshold.', '#### Mental model\n\nA threshold.'],
    ['drops sections left empty', '## 5 key facts\n\n1.\n2.\n\n## Mental model\n\nText.', '#### Mental model\n\nText.'],
    ['drops placeholder code blocks, keeps real ones', '## Code\n\n```js\n// to do\n```\n\n```js\nawait once(w, "drain");\n```', '#### Code\n\n```js\nawait once(w, "drain");\n```'],
    ['keeps lines starting with # inside code', '## Code\n\n```sh\n# a shell comment\nnode x.mjs\n```', '#### Code\n\n```sh\n# a shell comment\nnode x.mjs\n```'],
    ['drops unfilled prompts', '## Fumbled\n\n- **Prompt:**\n- **What I said:** that it drops data', '#### Fumbled\n\n- **What I said:** that it drops data'],
  ])('%s', (_name, input, expected) => {
    expect(cleanNote(input)).toBe(expected);
  });
});

describe('exportNotes', () => {
  it('writes every day’s key points and the notes the learner wrote, skipping untouched templates', () => {
    const home = tempHome();
    const three = ensureNote(plan, home, 3);
    writeFileSync(three.path, three.content.replace('## Mental model\n', '## Mental model\n\nhighWaterMark is a threshold, not a cap.\n'));
    ensureNote(plan, home, 4);
    const { markdown, notes, days } = exportNotes(plan, home, now);
    expect(notes).toBe(1);
    expect(days).toBe(plan.days.filter((d) => loadQuestions(plan, d.day).length || d.day === 3).length);
    expect(markdown).toMatch(/^# nodeprep cheat sheet/);
    expect(markdown).toMatch(/## Day 3: Streams & Buffers\n\n### My notes\n\n[\s\S]*highWaterMark is a threshold, not a cap\./);
    expect(markdown).not.toMatch(/## Day 4: [^\n]*\n\n### My notes/);
    const q = loadQuestions(plan, 3)[0]!;
    expect(markdown).toContain(`**${q.prompt.trim()}**\n\n- ${q.keyPoints[0]!.point}`);
    expect(readFileSync(three.path, 'utf8')).toMatch(/threshold/);
  });
});
