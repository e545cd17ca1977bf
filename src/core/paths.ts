import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above `from` that holds nodeprep's package.json. */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'curriculum'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '../..');
  }
}

/** The repository root (holds package.json, curriculum/ and node_modules/), from src/, dist/ or the bundle. */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Where the curriculum data lives. */
export const curriculumRoot = join(projectRoot, 'curriculum');

/** The learner's workspace: labs, notes and the progress database. `NODEPREP_HOME` moves it. */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.NODEPREP_HOME ? resolve(env.NODEPREP_HOME) : join(projectRoot, 'workspace');
}

/** Where `npm run build` puts the web app (served by `nodeprep ui`), under the project `root`. */
export function webDistDir(root: string): string {
  return join(root, 'web', 'dist');
}

/** The test kit's source: verify tests import it as `nodeprep/testkit`. */
export const testkitEntry = join(projectRoot, 'src', 'core', 'labs', 'testkit', 'index.ts');

/** The compiled Vitest child the runner spawns. */
export function vitestChildEntry(): string {
  const built = join(projectRoot, 'dist', 'core', 'labs', '_vitest-child.js');
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first.');
  return built;
}
