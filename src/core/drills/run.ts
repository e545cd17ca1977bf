import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Drill } from '../curriculum/schema.js';

const run = promisify(execFile);

/** The orders a drill accepts: its stored output and any listed alternatives. */
export const acceptedOrders = (drill: Drill): string[][] => [drill.output, ...drill.alternatives];

/** Splits a learner's answer ("a b c", "a, b, c" or one per line) into tokens. */
export function parseOrder(text: string): string[] {
  return text.split(/[\s,>]+/).map((t) => t.trim()).filter(Boolean);
}

export const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** Runs the drill's snippet once on this machine's Node and returns its stdout lines. */
export async function runDrillOnce(drill: Drill, timeoutMs = 10_000): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nodeprep-drill-'));
  const file = join(dir, drill.module === 'esm' ? 'drill.mjs' : 'drill.cjs');
  try {
    writeFileSync(file, drill.code);
    const { stdout } = await run(process.execPath, [file], { cwd: dir, timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: '' } });
    return stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface DrillCheck {
  id: string;
  ok: boolean;
  /** Each distinct order seen, with how often. */
  observed: Array<{ order: string[]; count: number }>;
  /** Orders seen that the drill does not accept. */
  unexpected: string[][];
}

/**
 * Proves a drill's stored answer against real runs: every order observed must be one the drill
 * accepts. Drills that admit several orders are run more often to catch one not listed.
 */
export async function checkDrill(drill: Drill, runs = drill.alternatives.length ? 12 : 3): Promise<DrillCheck> {
  const observed: Array<{ order: string[]; count: number }> = [];
  for (let i = 0; i < runs; i++) {
    const order = await runDrillOnce(drill);
    const seen = observed.find((o) => sameOrder(o.order, order));
    if (seen) seen.count++;
    else observed.push({ order, count: 1 });
  }
  const accepted = acceptedOrders(drill);
  const unexpected = observed.map((o) => o.order).filter((o) => !accepted.some((a) => sameOrder(a, o)));
  return { id: drill.id, ok: unexpected.length === 0, observed, unexpected };
}
