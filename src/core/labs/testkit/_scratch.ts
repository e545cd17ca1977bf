import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV } from './_target.js';

/** A fresh empty directory for a test's files; the runner deletes the whole scratch area afterwards. */
export function scratchDir(prefix = 't-'): string {
  const base = process.env[ENV.scratch] ?? tmpdir();
  return mkdtempSync(join(base, prefix));
}
