import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import { projectRoot } from '../paths.js';
import { NodeprepError, usageError } from '../errors.js';

/** What a verify run checks: the learner's copy, the reference solution, the starter, or a known-wrong mutant. */
export type Target = { kind: 'workspace' } | { kind: 'solution' } | { kind: 'starter' } | { kind: 'mutant'; name: string };

export function parseTarget(text: string): Target {
  if (text === 'workspace' || text === 'solution' || text === 'starter') return { kind: text };
  const m = /^mutant:([a-z0-9-]+)$/.exec(text);
  if (m) return { kind: 'mutant', name: m[1]! };
  throw usageError(`Unknown target "${text}": use workspace, solution, starter or mutant:NAME.`);
}

export const targetLabel = (t: Target) => (t.kind === 'mutant' ? `mutant:${t.name}` : t.kind);

/** Makes a directory's bare imports resolve to the project's packages when it lives outside the repo. */
export function linkNodeModules(dir: string): void {
  const link = join(dir, 'node_modules');
  if (!existsSync(link)) symlinkSync(join(projectRoot, 'node_modules'), link, 'dir');
}

/** The lab's mutants: one unified diff against solution/ each, `mutants/<name>.patch`. */
export function mutantNames(labDir: string): string[] {
  const dir = join(labDir, 'mutants');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.patch')).map((f) => f.slice(0, -'.patch'.length)).sort() : [];
}

/** Lays a mutant's diff over a copy of the solution; a diff that no longer applies is a lab bug. */
export function applyMutant(patchFile: string, dir: string): void {
  for (const patch of parsePatch(readFileSync(patchFile, 'utf8'))) {
    const file = (patch.newFileName ?? '').replace(/^[ab]\//, '');
    const path = join(dir, file);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const after = applyPatch(before, patch);
    if (after === false) throw new NodeprepError('LAB', `${patchFile}: no longer applies to solution/${file}; regenerate it with scripts/make-mutant.ts.`);
    writeFileSync(path, after);
  }
}

/**
 * Lab code is ES modules wherever it runs: outside the repository there is no package.json above it
 * to say so, and TypeScript run by tsx would otherwise be treated as CommonJS.
 */
export function markAsEsm(dir: string): void {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);
}

/**
 * The directory to run checks against. Solution and starter run in place; a mutant is the solution
 * with the mutant's files laid over it, in a fresh directory under `scratch`.
 */
export function materialize(labDir: string, target: Target, scratch: string, workspaceDir: string): string {
  switch (target.kind) {
    case 'solution':
    case 'starter':
      return join(labDir, target.kind);
    case 'workspace':
      if (!existsSync(workspaceDir)) throw new NodeprepError('NOT_FOUND', `You have no copy of this lab yet: run \`nodeprep lab <day>\` first.`);
      return workspaceDir;
    case 'mutant': {
      const patch = join(labDir, 'mutants', `${target.name}.patch`);
      if (!existsSync(patch)) throw usageError(`This lab has no mutant "${target.name}" (it has: ${mutantNames(labDir).join(', ') || 'none'}).`);
      const dir = mkdtempSync(join(scratch, `mutant-${target.name}-`));
      cpSync(join(labDir, 'solution'), dir, { recursive: true });
      applyMutant(patch, dir);
      linkNodeModules(dir);
      markAsEsm(dir);
      return dir;
    }
  }
}
