import { watch as chokidarWatch } from 'chokidar';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { notFound } from '../../core/errors.js';
import { recordOutcome } from '../../core/labs/record.js';
import { verifyLab } from '../../core/labs/verify.js';
import { labRef, workspaceLabDir } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';
import { checkLine, printSummary } from './_verify-report.js';

const DEBOUNCE_MS = 200;

/** Re-verifies the learner's copy of one lab on every save; saves during a run are ignored. */
export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const ref = labRef((await ctx.plan()), day);
  const dir = workspaceLabDir(ctx.home, ref);
  if (!existsSync(dir)) throw notFound(`You have no copy of lab ${day} yet: run \`nodeprep lab ${day}\` first.`);
  const store = ctx.store();
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  const verifyOnce = async () => {
    running = true;
    out(c.dim(`\nRunning ${ref.spec.title} checks…`));
    try {
      const outcome = await verifyLab({ ref, target: { kind: 'workspace' }, home: ctx.home, env: ctx.env, onCheck: (x) => out(checkLine(x)) });
      recordOutcome(store, outcome, new Date()); // a watch runs for hours: the time of this run
      printSummary(outcome, day);
    } finally {
      running = false;
      out(c.dim(`Watching ${relative(process.cwd(), dir) || '.'} — save a file to re-run, Ctrl-C to stop.`));
    }
  };

  const watcher = chokidarWatch(dir, {
    ignoreInitial: true,
    usePolling: Boolean(opts.poll),
    interval: 300,
    ignored: (path) => path.includes('node_modules') || /(^|\/)\.[^/]/.test(relative(dir, path)),
  });
  watcher.on('all', () => {
    if (running) return;
    clearTimeout(timer);
    timer = setTimeout(() => void verifyOnce(), DEBOUNCE_MS);
  });
  await verifyOnce();
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  clearTimeout(timer);
  await watcher.close();
  out('\nStopped watching.');
};
