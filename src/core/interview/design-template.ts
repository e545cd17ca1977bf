import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { contentError, splitFrontmatter, validate } from '../curriculum/load.js';
import { KeyPoint } from '../curriculum/schema.js';

/** curriculum/design-template.md: the steps of the final mock's system-design round. */
export const DesignTemplateMeta = z.strictObject({
  steps: z
    .array(
      z.strictObject({
        /** The step's name, written as a heading in the answer. */
        title: z.string().trim().min(1),
        /** What the step must say, shown as guidance. */
        covers: z.string().trim().min(1),
        /** Phrases that show the step was done (alternatives, as in a key point). */
        match: KeyPoint.shape.match,
      }),
    )
    .min(3),
});

export interface DesignTemplate {
  steps: Array<z.infer<typeof DesignTemplateMeta>['steps'][number]>;
  /** How to run the round, Markdown. */
  body: string;
}

/** Reads the design template; a malformed file is a content error naming the key path. */
export function loadDesignTemplate(curriculumRoot: string): DesignTemplate {
  const file = join(curriculumRoot, 'design-template.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw contentError(curriculumRoot, file, 'cannot be read', cause);
  }
  const { raw, body } = splitFrontmatter(text, curriculumRoot, file);
  const meta = validate(DesignTemplateMeta, raw, curriculumRoot, file);
  return { steps: meta.steps, body: body.trim() };
}

/** The steps as key points, so the round is scored by the same coverage as any answer. */
export function stepKeyPoints(template: DesignTemplate): KeyPoint[] {
  return template.steps.map((s) => ({ point: s.title, match: s.match }));
}

/** A Markdown skeleton for the answer: one heading per step with its guidance as a comment. */
export function answerSkeleton(template: DesignTemplate, prompt: string): string {
  const steps = template.steps.map((s, i) => `## ${i + 1}. ${s.title}\n\n<!-- ${s.covers} -->\n`);
  return `<!-- ${prompt} -->\n\n${steps.join('\n')}`;
}
