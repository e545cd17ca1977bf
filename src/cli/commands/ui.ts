import { parseQuestionsOf } from '../../core/curriculum/load.js';
import { usageError } from '../../core/errors.js';
import { projectRoot, webDistDir } from '../../core/paths.js';
import { startServer } from '../../server/index.js';
import type { Run } from '../main.js';
import { c, err, out } from '../ui.js';
import { openBrowser } from './_open-browser.js';

function parsePort(text: string): number {
  const port = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw usageError(`"${text}" is not a port: use a number from 1 to 65535, or 0 for any free port.`);
  return port;
}

/** Serves the trainer on 127.0.0.1 until Ctrl+C (or SIGTERM), then closes the server and the store. */
export const run: Run = async (ctx, _args, opts) => {
  const port = parsePort(String(opts.port ?? '4730'));
  const t0 = Date.now();
  const plan = await ctx.plan();
  // A server runs for hours: questions edited meanwhile are parsed again instead of served from the bank.
  plan.parseQuestions ??= (day) => parseQuestionsOf(plan, day);
  let running;
  try {
    running = await startServer({
      plan,
      store: ctx.store(),
      home: ctx.home,
      webDir: webDistDir(projectRoot),
      env: ctx.env,
      now: () => new Date(ctx.now.getTime() + Date.now() - t0),
      port,
      onError: (e) => err(`${c.red('nodeprep ui: unexpected error:')} ${ctx.env.NODEPREP_DEBUG ? String((e as Error).stack) : ((e as Error).message ?? String(e))}`),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw usageError(`Port ${port} is in use: pick another with --port, or --port 0 for any free one.`);
    throw e;
  }
  out(`nodeprep ui: ${c.bold(running.url)}`);
  out(c.dim('The token in the address is new each run; keep it to yourself. Ctrl+C stops the server.'));
  if (opts.open !== false) openBrowser(running.url);
  let stop!: (s: NodeJS.Signals) => void;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    stop = resolve;
    process.on('SIGINT', stop).on('SIGTERM', stop);
  });
  process.off('SIGINT', stop).off('SIGTERM', stop);
  await running.close();
  out(c.dim(`Stopped (${signal}).`));
};
