import type { ServiceName } from '../curriculum/schema.js';
import { hostPort, reachable } from './_probe.js';
import { SERVICES } from './catalog.js';
import { startLocalPostgres, startLocalRedis, startPglite, type Started } from './local.js';

/** How a service was found: the ladder ARCHITECTURE.md describes, in order. */
export type Source = 'env' | 'default-port' | 'local-binary' | 'pglite';

export interface Found {
  name: ServiceName;
  url: string;
  source: Source;
}

export interface Missing {
  name: ServiceName;
  /** What to run to get it. */
  install: string;
}

export interface Acquired {
  found: Found[];
  missing: Missing[];
  urls: Record<string, string>;
  /** Stops whatever this call started. */
  release(): Promise<void>;
}

const starters: Partial<Record<ServiceName, () => Promise<Started | undefined>>> = {
  redis: startLocalRedis,
  postgres: startLocalPostgres,
};

/** Finds one service without starting anything: the environment URL, then the default local port. */
export async function probe(name: ServiceName, env: NodeJS.ProcessEnv = process.env): Promise<Found | undefined> {
  const spec = SERVICES[name];
  const fromEnv = env[spec.env];
  if (fromEnv) {
    const { host, port } = hostPort(fromEnv, spec.port);
    return (await reachable(host, port)) ? { name, url: fromEnv, source: 'env' } : undefined;
  }
  return (await reachable('127.0.0.1', spec.port)) ? { name, url: spec.localUrl, source: 'default-port' } : undefined;
}

export interface AcquireOptions {
  /** Whether embedded PGlite may stand in for PostgreSQL (labs that do not test locking or isolation). */
  pglite?: boolean;
}

/**
 * Finds or starts each service: the environment URL, the default local port, a local binary on a
 * free port, then (where allowed) embedded PGlite. What cannot be had is returned in `missing` with
 * the command that gets it.
 */
export async function acquire(names: readonly ServiceName[], env: NodeJS.ProcessEnv = process.env, options: AcquireOptions = {}): Promise<Acquired> {
  const found: Found[] = [];
  const missing: Missing[] = [];
  const started: Started[] = [];
  for (const name of names) {
    const fromEnv = env[SERVICES[name].env];
    const hit = await probe(name, env);
    if (!hit && fromEnv) {
      missing.push({ name, install: `start the server at ${SERVICES[name].env}=${fromEnv}, or unset ${SERVICES[name].env} to use a local one` });
      continue;
    }
    if (hit) {
      found.push(hit);
      continue;
    }
    const local = await starters[name]?.();
    const embedded = !local && name === 'postgres' && options.pglite ? await startPglite() : undefined;
    if (local ?? embedded) {
      started.push((local ?? embedded)!);
      found.push({ name, url: (local ?? embedded)!.url, source: local ? 'local-binary' : 'pglite' });
    } else {
      missing.push({ name, install: SERVICES[name].install });
    }
  }
  return {
    found,
    missing,
    urls: Object.fromEntries(found.map((f) => [f.name, f.url])),
    release: async () => {
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}
