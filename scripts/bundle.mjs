// Bundles the CLI into dist/cli-bundle/: one module graph per command instead of ~150 small files,
// which is most of the CLI's start-up time on Node's ES module loader. tsc still emits dist/ for
// everything else (the Vitest child, the test kit's types).
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

const commands = readdirSync('src/cli/commands')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts'))
  .map((f) => `src/cli/commands/${f}`);

await build({
  entryPoints: ['src/cli/main.ts', ...commands],
  outbase: 'src/cli',
  outdir: 'dist/cli-bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons and packages that locate their own files at run time stay external.
  external: ['better-sqlite3', 'vitest', 'vitest/*', 'tsx', '@electric-sql/*', 'chokidar', 'fsevents'],
  banner: { js: "import { createRequire as __nodeprepCreateRequire } from 'node:module'; const require = __nodeprepCreateRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
