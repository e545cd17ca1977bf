import { cpSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs.js';
import { curriculumRoot } from '../paths.js';
import { loadPlan } from './load.js';
import { openPlan } from './open.js';

const tempDir = tempDirs('nodeprep-open-');

function curriculumCopy(): { root: string; index: string } {
  const dir = tempDir();
  const root = join(dir, 'curriculum');
  mkdirSync(join(root, 'days', '03-streams-buffers', 'lab'), { recursive: true });
  cpSync(join(curriculumRoot, 'curriculum.yaml'), join(root, 'curriculum.yaml'));
  cpSync(join(curriculumRoot, 'days', '03-streams-buffers', 'lab', 'lab.yaml'), join(root, 'days', '03-streams-buffers', 'lab', 'lab.yaml'));
  return { root, index: join(dir, 'index.json') };
}

const touch = (file: string, text: string) => {
  writeFileSync(file, text);
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
};

describe('openPlan', () => {
  it('gives the same plan as a full load, and writes an index for the next start', async () => {
    const { root, index } = curriculumCopy();
    const plan = await openPlan(root, index);
    expect(plan).toEqual(loadPlan(root));
    expect(existsSync(index)).toBe(true);
    expect(await openPlan(root, index)).toEqual(plan);
  });

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
