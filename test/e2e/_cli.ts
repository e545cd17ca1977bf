import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/core/paths.js';
import { tempDirs } from '../helpers/temp-dirs.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh NODEPREP_HOME outside the repository, removed after the test. */
export const tempHome = tempDirs('nodeprep-home-');

/** Runs the built CLI as a learner would, with colour off and an injected clock. */
export function cli(args: string[], opts: { home: string; now?: string; env?: Record<string, string>; input?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'nodeprep.js'), ...args], {
      cwd: opts.home,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NODEPREP_HOME: opts.home, ...(opts.now ? { NODEPREP_NOW: opts.now } : {}), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end(opts.input ?? '');
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
