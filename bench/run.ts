// `npm run bench`: each figure beside its anchor, as a ratio (<= 1 meets the target).
import { cliStartup, type Figure } from './cli-startup.js';
import { apiLatency } from './api-latency.js';
import { DECK_NOW, prepareDeck } from './review-deck.js';
import { firstLoadJs } from './web-budget.js';

const deck = { prepare: prepareDeck, env: { NODEPREP_NOW: DECK_NOW } };

const figures: Figure[] = [
  { ...cliStartup(['--version'], 250), name: 'node + nodeprep --version (floor: Node start-up)' },
  cliStartup(['plan'], 250),
  cliStartup(['plan', '--json'], 250),
  cliStartup(['today'], 250),
  { ...cliStartup(['review', '--json'], 250, 21, deck), name: 'nodeprep review --json, 3-week deck (median of 21)' },
  { ...cliStartup(['today'], 250, 21, deck), name: 'nodeprep today, 3-week deck (median of 21)' },
  { ...cliStartup(['weak', '--json'], 250, 21, deck), name: 'nodeprep weak --json, 3-week deck (median of 21)' },
  ...(await apiLatency(['/api/plan', '/api/days/3'], 20)),
  firstLoadJs(250),
];

let failed = false;
for (const f of figures) {
  const ratio = f.value / f.anchor;
  failed ||= ratio > 1;
  console.log(`${f.name.padEnd(52)} ${String(f.value).padStart(6)} ${f.unit}   anchor ${f.anchor} ${f.unit}   ratio ${ratio.toFixed(2)}${ratio > 1 ? '  OVER' : ''}`);
}
process.exitCode = failed ? 1 : 0;
