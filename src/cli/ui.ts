import pc from 'picocolors';

/** Colours follow picocolors' rules: NO_COLOR, FORCE_COLOR and whether stdout is a terminal. */
export const c = pc;

export const out = (text = '') => process.stdout.write(`${text}\n`);
export const err = (text: string) => process.stderr.write(`${text}\n`);
export const json = (value: unknown) => out(JSON.stringify(value, null, 2));

export const mark = {
  pass: c.green('✓'),
  fail: c.red('✗'),
  skip: c.yellow('○'),
};

/** A bold heading line with a dim rule under it. */
export function heading(text: string): void {
  out(c.bold(text));
  out(c.dim('─'.repeat(Math.min(text.length, 72))));
}
