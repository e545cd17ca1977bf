import { accessSync, constants, existsSync } from 'node:fs';
import { ServiceName } from '../../core/curriculum/schema.js';
import { SERVICES } from '../../core/services/catalog.js';
import { probe } from '../../core/services/resolve.js';
import type { Run } from '../main.js';
import { c, heading, mark, out } from '../ui.js';

const MIN = [20, 19] as const;

export const run: Run = async (ctx) => {
  heading('nodeprep doctor');
  let ok = true;
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  const nodeOk = major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
  ok &&= nodeOk;
  out(`${nodeOk ? mark.pass : mark.fail} Node.js ${process.versions.node}${nodeOk ? '' : ` — nodeprep needs ${MIN.join('.')} or newer: install a current LTS (https://nodejs.org/en/download)`}`);
  let writable = true;
  try {
    if (existsSync(ctx.home)) accessSync(ctx.home, constants.W_OK);
  } catch {
    writable = false;
  }
  ok &&= writable;
  out(`${writable ? mark.pass : mark.fail} workspace ${ctx.home}${writable ? '' : ' is not writable: fix its permissions or set NODEPREP_HOME'}`);
  try {
    const start = ctx.store().startDate();
    out(`${mark.pass} progress database${start ? `, plan started ${start}` : ', plan not started yet'}`);
  } catch (e) {
    ok = false;
    out(`${mark.fail} progress database: ${(e as Error).message}`);
  }
  out(c.bold('Services (labs that need a missing one are skipped and say so)'));
  for (const name of ServiceName.options) {
    const found = await probe(name, ctx.env);
    const spec = SERVICES[name];
    out(found ? `  ${mark.pass} ${name} at ${found.url}${c.dim(found.source === 'env' ? ` (from ${spec.env})` : '')}` : `  ${mark.skip} ${name}: not found — ${spec.install}`);
  }
  return ok ? 0 : 1;
};
