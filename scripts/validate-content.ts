// Author tool: `npx tsx scripts/validate-content.ts [day…]` prints every content problem.
import { resolve } from 'node:path';
import { loadPlan } from '../src/core/curriculum/load.js';
import { validateContent } from '../src/core/curriculum/validate.js';

const plan = loadPlan(resolve(import.meta.dirname, '../curriculum'));
const days = process.argv.slice(2).map(Number);
const problems = validateContent(plan, days.length ? days : undefined);
for (const p of problems) console.log(p);
console.log(problems.length ? `${problems.length} problem(s)` : 'content OK');
process.exitCode = problems.length ? 1 : 0;
