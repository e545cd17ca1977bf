import type { CheckResult } from '../../core/labs/run.js';
import type { VerifyOutcome } from '../../core/labs/verify.js';
import { c, mark, out } from '../ui.js';

/** One live line per finished check. */
export function checkLine(check: CheckResult): string {
  const m = check.state === 'passed' ? mark.pass : check.state === 'failed' ? mark.fail : mark.skip;
  return `  ${m} ${check.name}${c.dim(` ${check.durationMs} ms`)}`;
}

/** The summary after a run: what failed and what was expected, then what to do next. */
export function printSummary(outcome: VerifyOutcome, day: number): void {
  out();
  if (outcome.skipped) {
    out(`${mark.skip} Not run: ${outcome.skipped.reason}`);
    return;
  }
  const failed = outcome.checks.filter((x) => x.state === 'failed');
  const passed = outcome.checks.filter((x) => x.state === 'passed').length;
  for (const f of failed) {
    out(`${c.red('✗')} ${c.bold(f.name)}`);
    if (f.message) out(`    ${f.message}`);
  }
  for (const e of outcome.errors) out(`${c.red('!')} ${e}`);
  const secs = (outcome.durationMs / 1000).toFixed(1);
  if (outcome.ok) {
    out(c.green(`All ${passed} checks pass (${secs} s).`));
    if (outcome.target === 'workspace') out(c.dim(`Compare with the reference: nodeprep solution ${day} · then: nodeprep done ${day}`));
  } else {
    out(`${c.red(`${failed.length} of ${outcome.checks.length} checks fail`)}${outcome.errors.length ? c.red(`, ${outcome.errors.length} error(s)`) : ''} (${secs} s).`);
    if (outcome.target === 'workspace') out(c.dim(`Stuck? nodeprep hint ${day}`));
  }
}
