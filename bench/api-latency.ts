// API latency on loopback: sequential requests to a real server over a temp workspace, p99.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlan } from '../src/core/curriculum/load.js';
import { curriculumRoot } from '../src/core/paths.js';
import { ProgressStore } from '../src/core/progress/store.js';
import { startServer } from '../src/server/server.js';
import type { Figure } from './cli-startup.js';

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function get(agent: Agent, origin: string, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${origin}${path}`, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume().on('end', () => (res.statusCode === 200 ? resolve(res.statusCode) : reject(new Error(`GET ${path}: ${res.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}

/** p99 of `runs` sequential GETs of each path (after a warm-up), one figure per path. */
export async function apiLatency(paths: string[], anchorMs: number, runs = 200): Promise<Figure[]> {
  const home = mkdtempSync(join(tmpdir(), 'nodeprep-bench-'));
  const store = ProgressStore.open(join(home, 'nodeprep.db'));
  const server = await startServer({ plan: loadPlan(curriculumRoot), store, home, env: { ...process.env, NODEPREP_HOME: home }, now: () => new Date(), port: 0, onError: (e) => console.error(e) });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const figures: Figure[] = [];
    for (const path of paths) {
      for (let i = 0; i < 20; i++) await get(agent, server.origin, path, server.token);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await get(agent, server.origin, path, server.token);
        times.push(performance.now() - t0);
      }
      figures.push({ name: `API GET ${path} p99 (${runs} sequential, loopback)`, value: Math.round(percentile(times, 99) * 10) / 10, unit: 'ms', anchor: anchorMs });
    }
    return figures;
  } finally {
    agent.destroy();
    await server.close();
    store.close();
    rmSync(home, { recursive: true, force: true });
  }
}
