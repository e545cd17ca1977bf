import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { projectRoot } from '../../src/core/paths.js';

/** util-linux `script` gives the CLI a real terminal, so interactive prompts run as a learner sees them. */
export const hasPty = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]|\r/g, '');

export interface Pty {
  /** Types into the terminal. */
  write(keys: string): void;
  /** Resolves once the screen output (colour and cursor codes removed) matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Everything printed so far, codes removed. */
  output(): string;
  /** The nodeprep process itself (the child of `script`). */
  pid(): number;
  exited: Promise<number | null>;
}

const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => running.splice(0).forEach((p) => p.kill('SIGKILL')));

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Runs the built CLI in a pseudo-terminal with colour off, an injected clock and a temp home. */
export function pty(args: string[], opts: { home: string; now?: string; env?: Record<string, string> }): Pty {
  const command = `stty cols 120 rows 40; exec ${quote(process.execPath)} ${quote(join(projectRoot, 'bin', 'nodeprep.js'))} ${args.map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: opts.home,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NODEPREP_HOME: opts.home, ...(opts.now ? { NODEPREP_NOW: opts.now } : {}), ...opts.env },
  });
  running.push(child);
  let text = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    text += d;
    for (const w of waiters) w();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (text += d));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    write: (keys) => child.stdin.write(keys),
    output: () => strip(text),
    pid: () => Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]),
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(strip(text))) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; the screen so far:\n${strip(text).slice(-2000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
