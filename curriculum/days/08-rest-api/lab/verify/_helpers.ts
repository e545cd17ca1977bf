// Shared by the checks (not a test file: vitest only runs *.test.ts). Each test file gets its own
// PostgreSQL schema, drops it when it ends, and closes every pool and server it opened.
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import request from 'supertest';
import { expect } from 'vitest';
import { importTarget, isolatedPrefix, serviceUrl } from 'nodeprep/testkit';

type DbModule = typeof import('../solution/db.js');
type AppModule = typeof import('../solution/app.js');

export const DB_URL = serviceUrl('postgres');
const db = await importTarget<DbModule>('db.ts');

export interface TestDb {
  schema: string;
  /** The checks' own connections: seeding, counting and holding locks. */
  admin: pg.Pool;
  /** A pool as the app gets it (db.ts's createPool), its connections named `appName`. */
  appPool: pg.Pool;
  appName: string;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh schema named after this run (isolatedPrefix), with the tasks table in it. */
export async function createTestDb(label: string): Promise<TestDb> {
  const schema = isolatedPrefix(`d08_${label}`).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/_+$/, '');
  const admin = new pg.Pool({ connectionString: DB_URL, options: `-c search_path=${schema}`, max: 4, application_name: 'nodeprep-verify-d08' });
  await db.migrate(admin, schema);
  const appName = `d08-app-${randomBytes(4).toString('hex')}`;
  const appPool = db.createPool({ connectionString: DB_URL, schema, applicationName: appName });
  return {
    schema,
    admin,
    appPool,
    appName,
    reset: async () => void (await admin.query('TRUNCATE tasks RESTART IDENTITY')),
    close: async () => {
      await appPool.end().catch(() => {});
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await admin.end();
    },
  };
}

export interface SeedRow {
  title?: string;
  status?: 'todo' | 'doing' | 'done';
  priority?: number;
  /** A timestamptz literal, e.g. '2020-01-01 10:00:00.123456+00'. Default: now(). */
  created_at?: string;
}

/** Inserts rows straight into the table, in order; returns their ids (strings, as bigint comes back). */
export async function seed(admin: pg.Pool, rows: SeedRow[]): Promise<string[]> {
  const ids: string[] = [];
  const client = await admin.connect();
  try {
    await client.query('BEGIN');
    for (const [i, r] of rows.entries()) {
      const { rows: out } = await client.query<{ id: string }>(
        `INSERT INTO tasks (title, status, priority, created_at, updated_at)
         VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()), COALESCE($4::timestamptz, now())) RETURNING id::text AS id`,
        [r.title ?? `task ${i + 1}`, r.status ?? 'todo', r.priority ?? 3, r.created_at ?? null],
      );
      ids.push(out[0]!.id);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return ids;
}

export const countRows = async (admin: pg.Pool): Promise<number> =>
  (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks')).rows[0]!.n;

/** Serves the app (createApp with the test pool) on an ephemeral port of 127.0.0.1. */
export async function serveApp(pool: pg.Pool): Promise<{ base: string; close(): Promise<void> }> {
  const { createApp } = await importTarget<AppModule>('app.ts');
  return serve(createApp({ pool }));
}

export async function serve(app: RequestListener): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON, checked by each test
  text: string;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json unless headers say otherwise). */
  json?: unknown;
  /** A raw body, sent as it is. */
  raw?: string;
}

const NO_ANSWER_MS = 8000;

/** One request; a request that gets no answer fails with a clear message rather than the check's timeout. */
export async function call(base: string, method: 'get' | 'post' | 'patch' | 'delete', path: string, opts: CallOptions = {}): Promise<Reply> {
  let req = request(base)[method](path).timeout({ deadline: NO_ANSWER_MS }).buffer(true);
  for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.set(k, v);
  if (opts.raw !== undefined) req = req.send(opts.raw);
  else if (opts.json !== undefined) req = req.send(opts.json as object);
  try {
    const res = await req;
    const text = res.text ?? '';
    let body: unknown = res.body;
    if (/json/i.test(String(res.headers['content-type'] ?? '')) && text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = {};
      }
    }
    return { status: res.status, headers: res.headers as Reply['headers'], body: body ?? {}, text };
  } catch (err) {
    const e = err as { timeout?: number; code?: string; message?: string };
    if (e.timeout) throw new Error(`${method.toUpperCase()} ${path} got no response within ${NO_ANSWER_MS / 1000} s`);
    throw new Error(`${method.toUpperCase()} ${path} failed at the socket level (${e.code ?? e.message})`);
  }
}

const PROBLEM_TYPE = /^application\/problem\+json\s*(;|$)/i;
const STATUS_PHRASES: Record<number, string[]> = {
  413: ['Payload Too Large', 'Content Too Large'],
  422: ['Unprocessable Entity', 'Unprocessable Content'],
};

/** Checks an RFC 9457 problem response: status, media type, and the members every problem has. */
export function expectProblem(res: Reply, status: number, context: string): Record<string, unknown> {
  if (res.status === 500) {
    expect.fail(`${context}: expected a ${status} problem, got a 500 (${String(res.body?.detail ?? res.text).slice(0, 120)}) — a request the client got wrong is a 4xx: validate ids, bodies and parameters before anything reaches PostgreSQL`);
  }
  expect(res.status, `${context}: expected HTTP ${status}`).toBe(status);
  expect(String(res.headers['content-type'] ?? ''), `${context}: errors are RFC 9457 problems, sent as application/problem+json`).toMatch(PROBLEM_TYPE);
  const b = res.body as Record<string, unknown>;
  expect(b.status, `${context}: the problem's "status" member repeats the HTTP status`).toBe(status);
  expect(typeof b.type === 'string' && b.type.length > 0, `${context}: "type" is a URI reference ("about:blank" when you have no problem-type URI)`).toBe(true);
  if (b.type === 'about:blank') {
    expect(STATUS_PHRASES[status] ?? [STATUS_CODES[status]], `${context}: with type "about:blank" the "title" is the HTTP status phrase (RFC 9457 §4.2.1)`).toContain(b.title);
  }
  expect(typeof b.detail === 'string' && b.detail.length > 0, `${context}: "detail" explains this occurrence in words`).toBe(true);
  return b;
}

/** The Link header as { rel: target }. Several Link fields arrive joined with ", ". */
export function links(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (header ?? '').matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? '')?.[1];
    if (rel) for (const r of rel.trim().split(/\s+/)) out[r.toLowerCase()] = m[1]!;
  }
  return out;
}

/** The path and query of a link target, resolved against the API's base (relative or absolute). */
export function linkPath(base: string, target: string): string {
  const u = new URL(target, `${base}/v2/tasks`);
  return `${u.pathname}${u.search}`;
}

export interface Walk {
  pages: string[][];
  ids: string[];
}

/**
 * Follows next_cursor from `path` until it is null, calling `between(pageNumber)` after each page.
 * Stops after `maxPages` (a cursor that never advances would loop forever).
 */
export async function walk(base: string, path: string, opts: { maxPages?: number; between?: (page: number) => Promise<void> } = {}): Promise<Walk> {
  const pages: string[][] = [];
  const max = opts.maxPages ?? 30;
  let next: string | null = path;
  while (next) {
    if (pages.length >= max) {
      expect.fail(`GET ${path}: still returning a next_cursor after ${max} pages (pages so far: ${JSON.stringify(pages)}) — the cursor does not move past the last row of the page`);
    }
    const res = await call(base, 'get', next);
    if (res.status !== 200) expect.fail(`GET ${next} (page ${pages.length + 1}) answered ${res.status}: ${res.text.slice(0, 300)}`);
    expect(Array.isArray(res.body.data), `GET ${next}: a list answers { data: [...], next_cursor }`).toBe(true);
    pages.push((res.body.data as Array<{ id: unknown }>).map((t) => String(t.id)));
    const cursor: unknown = res.body.next_cursor;
    expect(cursor === null || typeof cursor === 'string', `GET ${next}: next_cursor is a string, or null on the last page`).toBe(true);
    if (opts.between) await opts.between(pages.length);
    next = typeof cursor === 'string' ? withCursor(path, cursor) : null;
  }
  return { pages, ids: pages.flat() };
}

export function withCursor(path: string, cursor: string): string {
  const u = new URL(path, 'http://x');
  u.searchParams.set('cursor', cursor);
  return `${u.pathname}${u.search}`;
}

/** Ids that appear more than once. */
export const repeated = (ids: string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/**
 * Waits until `n` connections named `appName` are waiting for a lock (the app's queries queued behind
 * a row lock the check holds). Returns how many were seen; never throws: the checks judge results.
 */
export async function waitBlocked(admin: pg.Pool, appName: string, n: number, ms = 5000): Promise<number> {
  const deadline = Date.now() + ms;
  let seen = 0;
  while (Date.now() < deadline) {
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
      [appName],
    );
    seen = rows[0]!.n;
    if (seen >= n) return seen;
    await sleep(25);
  }
  return seen;
}

/** Holds a row lock (SELECT … FOR UPDATE) on a task in an open transaction until `release()`. */
export async function lockRow(admin: pg.Pool, id: string): Promise<{ release(): Promise<void> }> {
  const client = await admin.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [id]);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      try {
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
  };
}

/** Connections whose application_name is `name`, as PostgreSQL sees them. */
export async function connectionsNamed(admin: pg.Pool, name: string): Promise<number> {
  const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name]);
  return rows[0]!.n;
}

/** Polls until no connection is named `name`; returns how many are left after `ms`. */
export async function connectionsGone(admin: pg.Pool, name: string, ms = 3000): Promise<number> {
  const deadline = Date.now() + ms;
  let left = await connectionsNamed(admin, name);
  while (left > 0 && Date.now() < deadline) {
    await sleep(50);
    left = await connectionsNamed(admin, name);
  }
  return left;
}
