// Cold start of the CLI: a fresh `node bin/nodeprep.js <command>` process, timed end to end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/core/paths.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target; the ratio value / anchor must stay at or below 1. */
  anchor: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** `prepare` fills the temporary workspace first (e.g. a deck with a review history); `env` adds variables. */
export function cliStartup(args: string[], anchorMs: number, runs = 21, opts: { prepare?: (home: string) => void; env?: Record<string, string> } = {}): Figure {
  const home = mkdtempSync(join(tmpdir(), 'nodeprep-bench-'));
  const bin = join(projectRoot, 'bin', 'nodeprep.js');
  const env = { ...process.env, NODEPREP_HOME: home, NO_COLOR: '1', ...opts.env };
  try {
    opts.prepare?.(home);
    spawnSync(process.execPath, [bin, ...args], { env }); // first run creates the database
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [bin, ...args], { env, stdio: 'ignore' });
      times.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`nodeprep ${args.join(' ')} exited ${r.status}`);
    }
    return { name: `nodeprep ${args.join(' ')} cold start (median of ${runs})`, value: Math.round(median(times)), unit: 'ms', anchor: anchorMs };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
