import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../labs/testkit/_net.js';
import { reachable, which } from './_probe.js';

/** A service this process started for one run; `stop` ends it and removes its files. */
export interface Started {
  url: string;
  stop(): Promise<void>;
}

async function waitUntilReachable(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await reachable('127.0.0.1', port, 200)) return true;
    await sleep(100);
  }
  return false;
}

/** Starts `redis-server` on a free port in a temporary directory, keeping nothing on disk. */
export async function startLocalRedis(): Promise<Started | undefined> {
  const bin = which('redis-server');
  if (!bin) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'nodeprep-redis-'));
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const cleanup = async () => {
    if (child.exitCode === null) {
      const closed = new Promise((r) => child.once('close', r));
      child.kill('SIGKILL');
      await closed;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  if (!(await waitUntilReachable(port, 5000))) {
    await cleanup();
    return undefined;
  }
  return { url: `redis://127.0.0.1:${port}`, stop: cleanup };
}

function postgresBinDir(): string | undefined {
  if (which('initdb') && which('pg_ctl')) return undefined; // on PATH already
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(base, v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
}

/** Creates a throwaway cluster with `initdb` and starts it with `pg_ctl` on a free port. */
export async function startLocalPostgres(): Promise<Started | undefined> {
  const extra = postgresBinDir();
  const initdb = which('initdb', extra ? [extra] : []);
  const pgCtl = which('pg_ctl', extra ? [extra] : []);
  if (!initdb || !pgCtl || process.getuid?.() === 0) return undefined; // initdb refuses to run as root
  const dir = mkdtempSync(join(tmpdir(), 'nodeprep-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const stop = async () => {
    try {
      execFileSync(pgCtl, ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync(initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], { stdio: 'ignore' });
    execFileSync(pgCtl, ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'], { stdio: 'ignore' });
  } catch {
    await stop();
    return undefined;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/**
 * Embedded PostgreSQL (PGlite, WASM) behind a wire-protocol socket on a free port. Queries from all
 * connections are serialized, so labs that test locking or isolation must not use it.
 */
export async function startPglite(): Promise<Started | undefined> {
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create();
    const port = await freePort();
    // The default of one connection would make a second client (a pool, a test) wait forever.
    const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
    await server.start();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await server.stop();
        await db.close();
      },
    };
  } catch {
    return undefined;
  }
}
