import { relative } from 'node:path';
import { labCopyDir, watchLab } from '../../core/labs/watch.js';
import { labRef } from '../../core/labs/workspace.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, out } from '../ui.js';
import { checkLine, printSummary } from './_verify-report.js';

/** Re-verifies the learner's copy of one lab on every save until Ctrl-C; an error that stops a run stops the watch. */
export const run: Run = async (ctx, args, opts) => {
  const day = parseDay(args[0]!);
  const ref = labRef(await ctx.plan(), day);
  const dir = labCopyDir(ctx.home, ref);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  let failure: { err: unknown } | undefined;
  try {
    await watchLab({
      ref,
      home: ctx.home,
      store: ctx.store(),
      env: ctx.env,
      poll: Boolean(opts.poll),
      signal: stop.signal,
      now: () => new Date(),
      onRunStart: () => out(c.dim(`\nRunning ${ref.spec.title} checks…`)),
      onCheck: (x) => out(checkLine(x)),
      onOutcome: (outcome) => {
        printSummary(outcome, day);
        out(c.dim(`Watching ${relative(process.cwd(), dir) || '.'} — save a file to re-run, Ctrl-C to stop.`));
      },
      onError: (err) => {
        failure ??= { err };
        stop.abort();
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (failure) throw failure.err; // main prints it
  out('\nStopped watching.');
};
