import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DayEntry } from './load.js';
import type { PlanDay } from './schema.js';

/** A plan day with its folder and what the folder holds (existence checks only). */
export function dayEntryOf(root: string, d: PlanDay): DayEntry {
  const dir = join(root, 'days', d.slug);
  return {
    ...d,
    dir,
    has: {
      lesson: existsSync(join(dir, 'lesson.md')),
      questions: existsSync(join(dir, 'questions.yaml')),
      drills: existsSync(join(dir, 'drills.yaml')),
      lab: existsSync(join(dir, 'lab', 'lab.yaml')),
      mock: existsSync(join(dir, 'mock.yaml')),
    },
  };
}
