import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { curriculumRoot } from '../paths.js';
import { loadLesson, loadPlan, loadQuestions } from './load.js';
import { validateContent } from './validate.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nodeprep-curriculum-'));
  cpSync(join(curriculumRoot, 'curriculum.yaml'), join(root, 'curriculum.yaml'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const dayDir = (slug: string) => {
  const dir = join(root, 'days', slug);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const question = (over: string) => `- id: d08-versioning
  prompt: How do you version an API?
  seed: true
  level: senior
  type: concept
  tags: [rest]
  answer:
    short: In the URL or a header.
    deep: At length.
  keyPoints:
    - { point: a, match: [a] }
    - { point: b, match: [b] }
    - { point: c, match: [c] }
  pitfalls: [none]
  sources: [{ title: RFC 9110, url: "https://www.rfc-editor.org/rfc/rfc9110" }]
${over}`;

describe('loadPlan', () => {
  it('reads the 30 days of the real curriculum in 4 weeks, each with the plan question or null', () => {
    const plan = loadPlan(curriculumRoot);
    expect(plan.weeks).toHaveLength(4);
    expect(plan.days.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(plan.days[2]!.question).toBe('How does backpressure work in Node.js streams?');
    expect(plan.days.filter((d) => d.question === null).map((d) => d.day)).toEqual([7, 14, 21, 29, 30]);
  });

  it('names the file and the key path when curriculum.yaml is malformed', () => {
    writeFileSync(join(root, 'curriculum.yaml'), 'format_version: 1\nweeks: []\ndays: []\n');
    expect(() => loadPlan(root)).toThrowErrorMatchingInlineSnapshot(`[NodeprepError: curriculum.yaml: weeks: Too small: expected array to have exactly 4 items (and 1 more)]`);
  });

  it('reports invalid YAML with its line', () => {
    writeFileSync(join(root, 'curriculum.yaml'), 'weeks: [\n  - a\n');
    expect(() => loadPlan(root)).toThrow(/^curriculum\.yaml: line \d+: invalid YAML/);
  });
});

describe('loadQuestions', () => {
  it.each([
    ['a missing short answer', question('').replace('    short: In the URL or a header.\n', ''), 'days/08-rest-api/questions.yaml: 0.answer.short: Invalid input: expected string, received undefined'],
    ['an id from another day', question('').replace('d08-versioning', 'd03-versioning'), 'days/08-rest-api/questions.yaml: 0.id: "d03-versioning" must start with d08-'],
    ['a plain-http source', question('').replace('https://www.rfc', 'http://www.rfc'), 'days/08-rest-api/questions.yaml: 0.sources.0.url: Invalid URL'],
    ['an unknown field', question('  extra: 1'), 'days/08-rest-api/questions.yaml: 0: Unrecognized key: "extra"'],
  ])('rejects %s with the file and key path', (_what, yaml, message) => {
    writeFileSync(join(dayDir('08-rest-api'), 'questions.yaml'), yaml);
    expect(() => loadQuestions(loadPlan(root), 8)).toThrow(message);
  });

  it('still loads the rest of the curriculum when one file is broken', () => {
    writeFileSync(join(dayDir('08-rest-api'), 'questions.yaml'), 'not: [a list');
    writeFileSync(join(dayDir('09-graphql'), 'questions.yaml'), question('').replaceAll('d08-', 'd09-'));
    const plan = loadPlan(root);
    expect(loadQuestions(plan, 9)).toHaveLength(1);
    expect(validateContent(plan)).toEqual([
      expect.stringMatching(/^days\/08-rest-api\/questions\.yaml: line \d+: invalid YAML/),
      'days/09-graphql/questions.yaml: has 1 question(s), a day needs at least 8',
    ]);
  });

  it('returns no questions for a day whose content is still coming', () => {
    expect(loadQuestions(loadPlan(root), 12)).toEqual([]);
  });
});

describe('loadLesson', () => {
  it('checks the frontmatter against the day', () => {
    writeFileSync(join(dayDir('08-rest-api'), 'lesson.md'), '---\nday: 9\ntitle: REST\ntopics: [rest]\nminutes: 10\n---\n# Body\n');
    expect(() => loadLesson(loadPlan(root), 8)).toThrow('days/08-rest-api/lesson.md: day: expected 8');
  });

  it('splits frontmatter from the body', () => {
    writeFileSync(join(dayDir('08-rest-api'), 'lesson.md'), '---\nday: 8\ntitle: REST\ntopics: [rest]\nminutes: 10\n---\n# Body\n');
    expect(loadLesson(loadPlan(root), 8)).toEqual({ meta: { day: 8, title: 'REST', topics: ['rest'], minutes: 10 }, body: '# Body\n' });
  });
});

describe('validateContent', () => {
  it('flags a duplicate id and a seed question that is not first', () => {
    const q = question('');
    const second = q.replace('seed: true', 'seed: false');
    writeFileSync(join(dayDir('08-rest-api'), 'questions.yaml'), `${second}${q}`);
    expect(validateContent(loadPlan(root), [8])).toEqual([
      'days/08-rest-api/questions.yaml: id d08-versioning is also used on day 8',
      'days/08-rest-api/questions.yaml: has 2 question(s), a day needs at least 8',
      "days/08-rest-api/questions.yaml: the plan's question must come first, and be the only one with seed: true",
    ]);
  });
});
