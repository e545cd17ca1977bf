import { doctor } from '../../core/doctor.js';
import { SERVICES } from '../../core/services/catalog.js';
import type { Run } from '../main.js';
import { c, heading, mark, out } from '../ui.js';

export const run: Run = async (ctx) => {
  heading('nodeprep doctor');
  const r = await doctor({ home: ctx.home, env: ctx.env, store: () => ctx.store() });
  out(`${r.node.ok ? mark.pass : mark.fail} Node.js ${r.node.version}${r.node.ok ? '' : ` — nodeprep needs ${r.node.needs} or newer: install a current LTS (https://nodejs.org/en/download)`}`);
  out(`${r.workspace.writable ? mark.pass : mark.fail} workspace ${r.workspace.dir}${r.workspace.writable ? '' : ' is not writable: fix its permissions or set NODEPREP_HOME'}`);
  if (r.store.ok) out(`${mark.pass} progress database${r.store.startDate ? `, plan started ${r.store.startDate}` : ', plan not started yet'}`);
  else out(`${mark.fail} progress database: ${r.store.error}`);
  out(c.bold('Services (labs that need a missing one are skipped and say so)'));
  for (const s of r.services) {
    out(s.url ? `  ${mark.pass} ${s.name} at ${s.url}${c.dim(s.source === 'env' ? ` (from ${SERVICES[s.name].env})` : '')}` : `  ${mark.skip} ${s.name}: not found — ${s.install}`);
  }
  return r.ok ? 0 : 1;
};
