import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs.js';
import { curriculumRoot } from '../paths.js';
import { loadPlan, type Plan } from './load.js';
import { openPlan } from './open.js';
import { loadQuestions } from './questions.js';

const tempDir = tempDirs('nodeprep-open-');

function curriculumCopy(): { root: string; index: string; questions: string } {
  const dir = tempDir();
  const root = join(dir, 'curriculum');
  mkdirSync(join(root, 'days', '03-streams-buffers', 'lab'), { recursive: true });
  cpSync(join(curriculumRoot, 'curriculum.yaml'), join(root, 'curriculum.yaml'));
  for (const file of ['lab/lab.yaml', 'lesson.md', 'questions.yaml']) cpSync(join(curriculumRoot, 'days', '03-streams-buffers', file), join(root, 'days', '03-streams-buffers', file));
  return { root, index: join(dir, 'index.json'), questions: join(dir, 'questions') };
}

const touch = (file: string, text: string) => {
  writeFileSync(file, text);
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
};

/** The plan's data, without the parser function a full load carries. */
const data = ({ parseQuestions: _, questionBanks: __, ...rest }: Plan) => rest;

describe('openPlan', () => {
  it('gives the same plan as a full load, and writes an index for the next start', async () => {
    const { root, index } = curriculumCopy();
    const plan = await openPlan(root, index);
    expect(data(plan)).toEqual(data(loadPlan(root)));
    expect(plan.lessonTopics[3]).toContain('backpressure');
    expect(existsSync(index)).toBe(true);
    expect(data(await openPlan(root, index))).toEqual(data(plan));
  });

  it('reloads when a lesson changes (its topics are in the index)', async () => {
    const { root, index } = curriculumCopy();
    await openPlan(root, index);
    const file = join(root, 'days', '03-streams-buffers', 'lesson.md');
    touch(file, readFileSync(file, 'utf8').replace(/^topics: .*$/m, 'topics: [one-topic]'));
    expect((await openPlan(root, index)).lessonTopics[3]).toEqual(['one-topic']);
  });
});

describe('question banks', () => {
  it('come from the index without the parser while questions.yaml is unchanged, the same as a full load', async () => {
    const { root, index, questions } = curriculumCopy();
    const first = await openPlan(root, index, questions);
    expect(existsSync(questions)).toBe(true);
    const second = await openPlan(root, index, questions);
    expect(second.parseQuestions).toBeUndefined();
    expect(second.questionBanks?.size ?? 0, 'nothing is read before a day is asked for').toBe(0);
    expect(loadQuestions(second, 3)).toEqual(loadQuestions(loadPlan(root), 3));
    expect(loadQuestions(first, 3)).toEqual(loadQuestions(second, 3));
  });

  it('are parsed again when questions.yaml changes, and a broken file fails only when its day is used', async () => {
    const { root, index, questions } = curriculumCopy();
    await openPlan(root, index, questions);
    const file = join(root, 'days', '03-streams-buffers', 'questions.yaml');
    const text = readFileSync(file, 'utf8');
    touch(file, text.replace('How does backpressure work in Node.js streams?', 'How does backpressure work?'));
    const changed = await openPlan(root, index, questions);
    expect(loadQuestions(changed, 3)[0]!.prompt).toBe('How does backpressure work?');
    expect(readdirSync(questions).filter((f) => f.startsWith('d03.')), 'the old bank is replaced, not kept').toHaveLength(1);
    touch(file, 'prompt: [broken');
    const broken = await openPlan(root, index, questions);
    expect(loadQuestions(broken, 1)).toEqual([]);
    expect(() => loadQuestions(broken, 3)).toThrow(/questions\.yaml/);
  });
});

describe('openPlan, continued', () => {

  it('serves from the index while nothing changed', async () => {
    const { root, index } = curriculumCopy();
    await openPlan(root, index);
    const stale = JSON.parse(readFileSync(index, 'utf8')) as { labTitles: Record<string, string> };
    stale.labTitles['3'] = 'from the index';
    writeFileSync(index, JSON.stringify(stale));
    expect((await openPlan(root, index)).labTitles[3]).toBe('from the index');
  });

  it('reloads when a lab.yaml changes, and reports one that no longer loads', async () => {
    const { root, index } = curriculumCopy();
    await openPlan(root, index);
    touch(join(root, 'days', '03-streams-buffers', 'lab', 'lab.yaml'), 'title: [broken');
    const plan = await openPlan(root, index);
    expect(plan.labTitles[3]).toBeNull();
    expect(plan.problems).toEqual([expect.stringMatching(/^days\/03-streams-buffers\/lab\/lab\.yaml: line \d+: invalid YAML/)]);
  });

  it('reloads when curriculum.yaml changes', async () => {
    const { root, index } = curriculumCopy();
    await openPlan(root, index);
    const file = join(root, 'curriculum.yaml');
    touch(file, readFileSync(file, 'utf8').replace('title: Event loop deep dive', 'title: The event loop'));
    expect((await openPlan(root, index)).days[0]!.title).toBe('The event loop');
  });
});
