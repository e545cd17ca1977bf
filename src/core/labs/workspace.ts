import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { dayEntry, loadLabFile, type Plan } from '../curriculum/load.js';
import type { LabFile } from '../curriculum/schema.js';
import { notFound } from '../errors.js';
import { projectRoot } from '../paths.js';
import { linkNodeModules, markAsEsm } from './targets.js';

export interface LabRef {
  day: number;
  slug: string;
  /** The lab folder in the curriculum. */
  dir: string;
  spec: LabFile;
}

/** The day's lab, or a not-found error that says what the day offers instead. */
export function labRef(plan: Plan, day: number): LabRef {
  const entry = dayEntry(plan, day);
  if (!entry.has.lab) {
    const why = entry.practice ? 'its lab is coming in a later version of nodeprep' : 'the plan names no practice for it';
    throw notFound(`Day ${day} has no lab (${why}). Try \`nodeprep day ${day}\` or \`nodeprep questions ${day}\`.`);
  }
  return { day, slug: entry.slug, dir: join(entry.dir, 'lab'), spec: loadLabFile(plan, day) };
}

/** The learner's copy of a lab inside the workspace. */
export const workspaceLabDir = (home: string, ref: LabRef) => join(home, 'labs', ref.slug);

/** Creates the workspace; outside the repository it gets a node_modules link so lab imports resolve. */
export function ensureWorkspace(home: string): void {
  mkdirSync(join(home, 'labs'), { recursive: true });
  markAsEsm(join(home, 'labs'));
  const rel = relative(projectRoot, home);
  if (rel.startsWith('..') || rel === home) linkNodeModules(home);
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name))],
  );
}

export interface CopyResult {
  dir: string;
  created: string[];
  /** Files the learner already had: never overwritten. */
  kept: string[];
}

/** Copies the starter into the workspace, file by file, never overwriting the learner's edits. */
export function copyStarter(home: string, ref: LabRef): CopyResult {
  ensureWorkspace(home);
  const dest = workspaceLabDir(home, ref);
  const created: string[] = [];
  const kept: string[] = [];
  for (const file of listFiles(join(ref.dir, 'starter'))) {
    const to = join(dest, file);
    if (existsSync(to)) {
      kept.push(file);
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(ref.dir, 'starter', file), to);
    created.push(file);
  }
  return { dir: dest, created, kept };
}

/** Moves the learner's copy to backups/ (never deletes it) and lays down a fresh starter. */
export function resetLab(home: string, ref: LabRef, now: Date): { backup: string | null; copy: CopyResult } {
  const dir = workspaceLabDir(home, ref);
  let backup: string | null = null;
  if (existsSync(dir)) {
    backup = join(home, 'backups', `${ref.slug}-${now.toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(dirname(backup), { recursive: true });
    renameSync(dir, backup);
  }
  return { backup, copy: copyStarter(home, ref) };
}

/** A unified diff from the learner's copy to the reference solution, one per learner file. */
export function solutionDiff(home: string, ref: LabRef): string {
  const mine = workspaceLabDir(home, ref);
  return ref.spec.files
    .map((file) => {
      const theirs = readFileSync(join(ref.dir, 'solution', file), 'utf8');
      const ours = existsSync(join(mine, file)) && statSync(join(mine, file)).isFile() ? readFileSync(join(mine, file), 'utf8') : '';
      return createTwoFilesPatch(`yours/${file}`, `solution/${file}`, ours, theirs, undefined, undefined, { context: 3 });
    })
    .join('\n');
}

/** The reference solution's learner files, verbatim. */
export function solutionFiles(ref: LabRef): Array<{ file: string; text: string }> {
  return ref.spec.files.map((file) => ({ file, text: readFileSync(join(ref.dir, 'solution', file), 'utf8') }));
}
