import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';
import { targetDir, targetPath } from './_target.js';

const live = new Set<ChildProcess>();
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const peakRssHook = pathToFileURL(join(fileURLToPath(new URL('.', import.meta.url)), '_peak-rss.ts')).href;

function killAll(signal: NodeJS.Signals = 'SIGKILL') {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}
// Every process a test file starts dies with the file, whatever the test did.
afterAll(async () => {
  const waiting = [...live].map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('close', r)) : null));
  killAll();
  await Promise.all(waiting);
});
process.once('exit', () => killAll());

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first line of stdout (or stderr) matching `re`; rejects after `ms` or when the process exits. */
  waitForLine(re: RegExp, ms?: number, from?: 'stdout' | 'stderr'): Promise<string>;
  /** Resolves when the process has exited; rejects after `ms`. */
  exited(ms?: number): Promise<Exit>;
  /** Peak resident set size in KiB, once the process has exited (needs `measureMemory: true`). */
  peakRssKb(): number | undefined;
  /** Sends a signal (the process is still force-killed after the test file). */
  kill(signal?: NodeJS.Signals): void;
}

export interface SpawnOptions {
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Extra node flags, e.g. ['--max-old-space-size=64']. */
  nodeArgs?: string[];
  stdin?: 'ignore' | 'pipe';
  /** Record the process's peak memory; read it with `peakRssKb()` after exit. */
  measureMemory?: boolean;
}

/**
 * Runs a file of the code under test (TypeScript or JavaScript) in its own Node process.
 * The process is killed when the test file ends, even if the test forgot to.
 */
export function spawnTarget(file: string, options: SpawnOptions = {}): Spawned {
  const script = targetPath(file);
  const peakFile = options.measureMemory ? join(mkdtempSync(join(tmpdir(), 'np-rss-')), 'peak') : undefined;
  const hooks = peakFile ? ['--import', tsxLoader, '--import', peakRssHook] : ['--import', tsxLoader];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...hooks, script, ...(options.args ?? [])], {
    cwd: options.cwd ?? targetDir(),
    env: { ...process.env, NODE_OPTIONS: '', ...(peakFile ? { NODEPREP_PEAK_RSS_FILE: peakFile } : {}), ...options.env },
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<Exit>((resolve) => child.once('close', (code, signal) => {
    live.delete(child);
    resolve({ code, signal });
  }));
  const timeout = <T>(p: Promise<T>, ms: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${what} within ${ms} ms.${tail(err)}`)), ms);
      p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)));
    });
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited: (ms = 10_000) => timeout(exit, ms, `${file} did not exit`),
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    peakRssKb: () => (peakFile && existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8')) : undefined),
    waitForLine(re, ms = 10_000, from = 'stdout') {
      const stream = from === 'stdout' ? child.stdout! : child.stderr!;
      const text = () => (from === 'stdout' ? out : err);
      const found = new Promise<string>((resolve, reject) => {
        const scan = () => {
          const line = text().split('\n').find((l) => re.test(l));
          if (line !== undefined) {
            stream.off('data', scan);
            resolve(line);
          }
        };
        stream.on('data', scan);
        scan();
        void exit.then(({ code, signal }) => reject(new Error(`${file} exited (${signal ?? `code ${code}`}) before printing ${re} on ${from}.${tail(err)}`)));
      });
      return timeout(found, ms, `${file} did not print a line matching ${re} on ${from}`);
    },
  };
}

function tail(stderr: string): string {
  const lines = stderr.trim().split('\n').filter(Boolean).slice(-5);
  return lines.length ? `\nIts stderr ends with:\n${lines.join('\n')}` : '';
}
