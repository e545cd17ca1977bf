// Helpers shared by the checks (not a test file: vitest only runs *.test.ts).
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { freePort, serviceUrl } from 'nodeprep/testkit';
import { expect } from 'vitest';

// ---------------------------------------------------------------------------------------------
// A TCP proxy between the code under test and the real Redis. It records every command the code
// sends, and can make Redis stall (the server accepted the bytes and never answers) or go down
// (connections cut, new ones refused), which a shared Redis must not be made to do for real.
// ---------------------------------------------------------------------------------------------

export interface RedisProxy {
  /** The URL to hand to the code under test. */
  url: string;
  /** Every command sent through the proxy, as [NAME, ...args] (args cut at 200 characters). */
  commands(): string[][];
  /** Forgets the commands seen so far. */
  clearLog(): void;
  /** From now on nothing reaches Redis and nothing comes back, on open and new connections. */
  stall(): void;
  /** Delivers everything held during the stall, both ways, and forwards normally again. */
  resume(): void;
  /** Cuts every connection and refuses new ones. */
  down(): Promise<void>;
  /** Accepts connections again on the same port. */
  up(): Promise<void>;
  /** Client connections currently open. */
  connections(): number;
  close(): Promise<void>;
}

/** Splits a RESP stream of client commands into [name, ...args] arrays. */
class CommandLog {
  private buf: Buffer = Buffer.alloc(0);
  readonly seen: string[][] = [];
  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const parsed = parseCommand(this.buf);
      if (!parsed) return;
      if (parsed.args.length) this.seen.push([parsed.args[0]!.toUpperCase(), ...parsed.args.slice(1)]);
      this.buf = this.buf.subarray(parsed.end);
    }
  }
}

function parseCommand(b: Buffer): { args: string[]; end: number } | null {
  if (b.length === 0) return null;
  const eol = b.indexOf('\r\n');
  if (eol < 0) return null;
  if (b[0] !== 0x2a /* '*' */) {
    // inline command
    return { args: b.toString('utf8', 0, eol).trim().split(/\s+/).filter(Boolean), end: eol + 2 };
  }
  const n = Number(b.toString('latin1', 1, eol));
  let p = eol + 2;
  const args: string[] = [];
  for (let i = 0; i < n; i++) {
    if (p >= b.length) return null;
    const e = b.indexOf('\r\n', p);
    if (e < 0) return null;
    const len = Number(b.toString('latin1', p + 1, e));
    const start = e + 2;
    if (start + len + 2 > b.length) return null;
    args.push(b.toString('utf8', start, start + Math.min(len, 200)));
    p = start + len + 2;
  }
  return { args, end: p };
}

export async function startRedisProxy(): Promise<RedisProxy> {
  const target = new URL(serviceUrl('redis'));
  const targetPort = Number(target.port || 6379);
  const targetHost = target.hostname || '127.0.0.1';
  const port = await freePort();
  const log = new CommandLog();
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const held: Array<{ to: Socket; data: Buffer }> = [];
  let stalled = false;
  let server: Server | undefined;

  const forward = (to: Socket, data: Buffer) => {
    if (stalled) held.push({ to, data });
    else if (!to.destroyed) to.write(data);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const srv = createServer((client) => {
        const upstream = connect(targetPort, targetHost);
        const pair = { client, upstream };
        pairs.add(pair);
        const end = () => {
          pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        client.on('data', (d: Buffer) => {
          log.push(d);
          forward(upstream, d);
        });
        upstream.on('data', (d: Buffer) => forward(client, d));
        client.on('close', end).on('error', end);
        upstream.on('close', end).on('error', end);
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        server = srv;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const srv = server;
      server = undefined;
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      held.length = 0;
      if (!srv) return resolve();
      srv.close(() => resolve());
    });

  await listen();
  return {
    url: `redis://127.0.0.1:${port}`,
    commands: () => log.seen.map((c) => [...c]),
    clearLog: () => void (log.seen.length = 0),
    stall: () => void (stalled = true),
    resume() {
      stalled = false;
      for (const { to, data } of held.splice(0)) if (!to.destroyed) to.write(data);
    },
    down: stop,
    async up() {
      stalled = false;
      if (!server) await listen();
    },
    connections: () => pairs.size,
    close: stop,
  };
}

// ---------------------------------------------------------------------------------------------
// The checks' own Redis connection (direct, not through a proxy): to look at and clean up keys.
// ---------------------------------------------------------------------------------------------

const newAdmin = () => createClient({ url: serviceUrl('redis') });
export type Admin = ReturnType<typeof newAdmin>;

export async function adminClient(): Promise<Admin> {
  const client = newAdmin();
  client.on('error', () => {});
  await client.connect();
  return client;
}

export const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/** Every key whose name starts with `prefix` (SCAN, never KEYS: the Redis is shared). */
export async function keysUnder(admin: Admin, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const keys of admin.scanIterator({ MATCH: `${escapeGlob(prefix)}*`, COUNT: 1000 })) out.push(...keys);
  return out;
}

export async function deleteUnder(admin: Admin, prefix: string): Promise<void> {
  const keys = await keysUnder(admin, prefix);
  for (let i = 0; i < keys.length; i += 500) await admin.unlink(keys.slice(i, i + 500));
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

export async function serve(app: RequestListener): Promise<{ base: string; port: number; close(): Promise<void> }> {
  const server = createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // a hung request (a broken target) must not hold the file open
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  status: number;
  /** X-Cache: HIT, MISS or BYPASS. */
  cache: string | null;
  headers: Headers;
  body: unknown;
  text: string;
}

export const NO_ANSWER_MS = 4000;

/** One request; a request that gets no answer in 4 s fails with `hangHint`. */
export async function call(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; json?: unknown; hangHint?: string } = {},
): Promise<Reply> {
  const method = opts.method ?? 'GET';
  let res: globalThis.Response;
  try {
    res = await fetch(base + path, {
      method,
      headers: { ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      ...(opts.json !== undefined ? { body: JSON.stringify(opts.json) } : {}),
      signal: AbortSignal.timeout(NO_ANSWER_MS),
    });
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    if (e.name === 'TimeoutError') {
      throw new Error(`${method} ${shorten(path)} got no response within ${NO_ANSWER_MS / 1000} s: ${opts.hangHint ?? 'the request hung'}`);
    }
    throw new Error(`${method} ${shorten(path)} failed: ${e.cause?.code ?? e.message}`);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, cache: res.headers.get('x-cache'), headers: res.headers, body, text };
}

const shorten = (path: string) => (path.length > 80 ? `${path.slice(0, 77)}...` : path);

/** Polls `fn` until it returns true; fails with `message` after `ms`. */
export async function until(fn: () => boolean | Promise<boolean>, ms: number, message: string, every = 50): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) expect.fail(message);
    await sleep(every);
  }
}

/** A promise the test resolves by hand: holds a fake database call half-way. */
export interface Gate {
  /** Resolves when the held call has reached the gate. */
  reached: Promise<void>;
  release(): void;
  /** Used by the held call. */
  wait(): Promise<void>;
}

export function gate(): Gate {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const opened = new Promise<void>((r) => (open = r));
  return {
    reached,
    release: () => open(),
    wait: () => {
      reach();
      return opened;
    },
  };
}
