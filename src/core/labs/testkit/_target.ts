import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The environment variables the lab runner hands to verify tests. */
export const ENV = {
  target: 'NODEPREP_TARGET',
  services: 'NODEPREP_SERVICES',
  scratch: 'NODEPREP_SCRATCH',
} as const;

/** The directory of the code under test: the learner's copy, the solution, the starter or a mutant. */
export function targetDir(): string {
  const dir = process.env[ENV.target];
  if (!dir) throw new Error(`${ENV.target} is not set: run verify tests through \`nodeprep verify\`, not vitest directly.`);
  return dir;
}

/** Absolute path of a file of the code under test; refuses paths that leave the target. */
export function targetPath(file: string): string {
  const dir = targetDir();
  const full = join(dir, file);
  const rel = relative(dir, full);
  if (isAbsolute(file) || rel.startsWith('..')) throw new Error(`${file} is outside the lab's folder`);
  return full;
}

/**
 * Imports a module of the code under test (TypeScript allowed), e.g.
 * `const { compress } = await importTarget<typeof import('../solution/compress.js')>('compress.ts')`.
 */
export async function importTarget<T = Record<string, unknown>>(file: string): Promise<T> {
  const full = targetPath(file);
  if (!existsSync(full)) throw new Error(`${file} is missing from your lab folder: restore it with \`nodeprep reset\`.`);
  return (await import(/* @vite-ignore */ pathToFileURL(full).href)) as T;
}
