// Author tool: `npx tsx scripts/make-mutant.ts <lab dir> <name> <edited dir>` writes
// <lab dir>/mutants/<name>.patch: the diff from solution/ to the files in <edited dir> (a copy of
// solution/ with one real mistake in it). Only files that differ go into the patch.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';

const [labDir, name, edited] = process.argv.slice(2);
if (!labDir || !name || !edited) {
  console.error('usage: npx tsx scripts/make-mutant.ts <lab dir> <name> <edited dir>');
  process.exit(1);
}
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? (f === 'node_modules' ? [] : files(join(dir, f))) : [join(dir, f)]));
const patches = files(edited)
  .map((full) => relative(edited, full))
  .filter((file) => file !== 'package.json')
  .flatMap((file) => {
    const before = existsSync(join(labDir, 'solution', file)) ? readFileSync(join(labDir, 'solution', file), 'utf8') : '';
    const after = readFileSync(join(edited, file), 'utf8');
    return before === after ? [] : [createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 })];
  });
if (!patches.length) {
  console.error(`${edited} is identical to solution/: a mutant must change something.`);
  process.exit(1);
}
mkdirSync(join(labDir, 'mutants'), { recursive: true });
writeFileSync(join(labDir, 'mutants', `${name}.patch`), patches.join(''));
console.log(`wrote mutants/${name}.patch (${patches.length} file(s))`);
