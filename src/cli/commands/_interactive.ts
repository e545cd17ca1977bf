import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { usageError } from '../../core/errors.js';
import { c } from '../ui.js';

/** Prompts need a terminal on both ends: keys in, redrawn frames out. */
export function isInteractive(): boolean {
  const tty = !!process.stdin.isTTY && !!process.stdout.isTTY;
  // A pseudo-terminal nobody sized (script, expect) reports 0 columns: prompts would wrap every character.
  if (tty && !process.stdout.columns) process.stdout.columns = 80;
  return tty;
}

/** The one-line error for an interactive command run from a script or a pipe. */
export function requireInteractive(command: string, instead: string): void {
  if (!isInteractive()) throw usageError(`${command} is interactive and this is not a terminal: ${instead}`);
}

/** $VISUAL, else $EDITOR (either may carry arguments, e.g. "code --wait"). */
export const editorOf = (env: NodeJS.ProcessEnv) => env.VISUAL?.trim() || env.EDITOR?.trim() || undefined;

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Opens `file` in the learner's editor and waits for it to close, as git does (through the shell). */
export function openInEditor(editor: string, file: string): void {
  const r = spawnSync(`${editor} ${shellQuote(file)}`, { shell: true, stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    throw usageError(`The editor \`${editor}\` ${r.error ? `did not start (${r.error.message})` : `exited with ${r.status ?? r.signal}`}: check $VISUAL / $EDITOR. Your text is in ${file}.`);
  }
}

/**
 * An answer written in the editor: `draft` starts with `header` (kept when it already exists, so a
 * crash mid-answer keeps the text) and is removed once read.
 */
export function answerInEditor(env: NodeJS.ProcessEnv, draft: string, header: string): string {
  const editor = editorOf(env);
  if (!editor) throw usageError('No editor: set $VISUAL or $EDITOR (e.g. export EDITOR=vim), or type the answer in the terminal.');
  if (!existsSync(draft)) {
    mkdirSync(dirname(draft), { recursive: true });
    writeFileSync(draft, header);
  }
  openInEditor(editor, draft);
  const text = readFileSync(draft, 'utf8');
  rmSync(draft, { force: true });
  return text.replace(/<!--[\s\S]*?-->/g, '').trim();
}

export const CANCELLED = Symbol('cancelled');

/** SGR parameters minus colours (30-49, 90-107, 38;5;n, 38;2;r;g;b): bold, dim and inverse stay, so the prompt's cursor still shows. */
export function withoutColours(params: string): string {
  if (!params) return '0'; // ESC[m is a reset
  const ps = params.split(';');
  const kept: string[] = [];
  for (let i = 0; i < ps.length; i++) {
    const n = Number(ps[i]);
    if (n === 38 || n === 48) i += ps[i + 1] === '2' ? 4 : 2;
    else if (!((n >= 30 && n <= 49) || (n >= 90 && n <= 107))) kept.push(ps[i]!);
  }
  return kept.join(';');
}

/**
 * The prompts colour through node:util styleText, which ignores NO_COLOR on Node 20: when colour is
 * off (picocolors' rules), they write through this, which drops the colours and keeps the rest.
 */
class PlainOutput extends Writable {
  readonly isTTY = true;
  constructor() {
    super({ decodeStrings: false });
    process.stdout.on('resize', () => this.emit('resize'));
  }
  get columns() {
    return process.stdout.columns;
  }
  get rows() {
    return process.stdout.rows;
  }
  override _write(chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    // Synchronous, so prompt frames and our own output never reorder.
    process.stdout.write(String(chunk).replace(/\x1b\[([0-9;]*)m/g, (_m, params: string) => {
      const kept = withoutColours(params);
      return kept ? `\x1b[${kept}m` : '';
    }));
    done();
  }
}

let plain: PlainOutput | undefined;
const output = (): NodeJS.WritableStream & Writable => (c.isColorSupported ? process.stdout : (plain ??= new PlainOutput()));

/**
 * Asks for a multi-line answer in the terminal (Tab then Enter submits; pasted blank lines are
 * safe). Typing `:e` alone opens $EDITOR instead. Resolves CANCELLED on Esc or Ctrl-C.
 */
export async function askAnswer(opts: { env: NodeJS.ProcessEnv; draft: string; header: string; useEditor: boolean; emptyMeans: string }): Promise<string | typeof CANCELLED> {
  if (opts.useEditor) return answerInEditor(opts.env, opts.draft, opts.header);
  const { isCancel, multiline } = await import('@clack/prompts');
  const text = await multiline({
    message: 'Your answer',
    placeholder: `Tab then Enter submits · :e opens $EDITOR · empty ${opts.emptyMeans}`,
    showSubmit: true,
    output: output(),
  });
  if (isCancel(text)) return CANCELLED;
  if (text.trim() === ':e') return answerInEditor(opts.env, opts.draft, opts.header);
  return text.trim();
}

/** A select of single-key choices: resolves the chosen value, or CANCELLED on Esc or Ctrl-C. */
export async function choose<V extends string>(message: string, options: Array<{ value: V; label: string; hint?: string }>, initial?: V): Promise<V | typeof CANCELLED> {
  const { isCancel, select } = await import('@clack/prompts');
  // clack types options through a conditional type TypeScript cannot resolve for a generic V.
  const v = await select<V>({ message, options: options as Parameters<typeof select<V>>[0]['options'], initialValue: initial, output: output() });
  return isCancel(v) ? CANCELLED : (v as V);
}

/** Single-key choices (the key is each option's value): resolves the key, or CANCELLED on Esc or Ctrl-C. */
export async function chooseKey(message: string, options: Array<{ value: string; label: string; hint?: string }>): Promise<string | typeof CANCELLED> {
  const { isCancel, selectKey } = await import('@clack/prompts');
  const v = await selectKey({ message, options, output: output() });
  return isCancel(v) ? CANCELLED : v;
}
