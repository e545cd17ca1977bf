// `npm run bench`: each figure beside its anchor, as a ratio (<= 1 meets the target).
import { cliStartup, type Figure } from './cli-startup.js';

const figures: Figure[] = [
  { ...cliStartup(['--version'], 250), name: 'node + nodeprep --version (floor: Node start-up)' },
  cliStartup(['plan'], 250),
  cliStartup(['plan', '--json'], 250),
  cliStartup(['today'], 250),
];

let failed = false;
for (const f of figures) {
  const ratio = f.value / f.anchor;
  failed ||= ratio > 1;
  console.log(`${f.name.padEnd(52)} ${String(f.value).padStart(6)} ${f.unit}   anchor ${f.anchor} ${f.unit}   ratio ${ratio.toFixed(2)}${ratio > 1 ? '  OVER' : ''}`);
}
process.exitCode = failed ? 1 : 0;
