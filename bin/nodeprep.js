#!/usr/bin/env node
// The CLI runs the compiled JavaScript in dist/ (no TypeScript loader at start-up).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli-bundle/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('nodeprep: dist/ is missing: run `npm install` (it builds) or `npm run build`.');
  process.exit(1);
}
await import(main.href);
