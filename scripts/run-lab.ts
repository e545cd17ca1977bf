// Author tool until the CLI lands: `npx tsx scripts/run-lab.ts <day> <solution|starter|mutant:NAME>`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLabFile, loadPlan } from '../src/core/curriculum/load.js';
import { curriculumRoot } from '../src/core/paths.js';
import { runVerify } from '../src/core/labs/run.js';
import { materialize, parseTarget } from '../src/core/labs/targets.js';

const [dayText, targetText = 'solution'] = process.argv.slice(2);
const plan = loadPlan(curriculumRoot);
const day = Number(dayText);
const entry = plan.days[day - 1]!;
const lab = loadLabFile(plan, day);
const labDir = join(entry.dir, 'lab');
const scratch = mkdtempSync(join(tmpdir(), 'nodeprep-run-'));
try {
  const targetDir = materialize(labDir, parseTarget(targetText), scratch, '');
  const r = await runVerify({
    verifyDir: join(labDir, 'verify'), targetDir, timeoutMs: lab.timeout * 1000, checkTimeoutMs: lab.checkTimeout * 1000,
    services: {}, scratchDir: scratch,
    onCheck: (c) => console.log(`${c.state === 'passed' ? 'PASS' : c.state === 'failed' ? 'FAIL' : 'SKIP'} ${c.name}${c.message ? `\n     ${c.message}` : ''}`),
  });
  for (const e of r.errors) console.log(`ERROR ${e}`);
  console.log(r.ok ? `ok (${r.durationMs} ms)` : `NOT ok (${r.durationMs} ms)`);
  process.exitCode = r.ok ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
