// Helpers shared by this lab's checks (not a test file: vitest only runs *.test.ts).
import { readFileSync } from 'node:fs';
import { request, type Agent, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, spawnTarget, type SpawnOptions, type Spawned } from 'nodeprep/testkit';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
  /** Milliseconds from sending the request to the end of the response. */
  ms: number;
  socket: Socket;
}

export interface GetOptions {
  /** false (the default): a fresh connection with `Connection: close`, so the cluster hands it to a worker anew. */
  agent?: Agent | false;
  method?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One HTTP request to 127.0.0.1; rejects on a network error or when no full response came within `timeoutMs`. */
export function get(port: number, path: string, { agent = false, method = 'GET', timeoutMs = 5_000, signal }: GetOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, path, method, agent, ...(signal ? { signal } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json, ms: performance.now() - started, socket: req.socket! });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${path} got no complete answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => (clearTimeout(timer), reject(err)));
    req.end();
  });
}

/** Settles a request into its reply or its error, and records when it settled. */
export function track(reply: Promise<Reply>) {
  const state: { done: boolean; at: number; reply?: Reply; error?: Error } = { done: false, at: 0 };
  const settled = reply.then(
    (r) => Object.assign(state, { done: true, at: Date.now(), reply: r }),
    (e: Error) => Object.assign(state, { done: true, at: Date.now(), error: e }),
  );
  return { state, settled };
}

export const describeOutcome = (s: { reply?: Reply; error?: Error }) =>
  s.reply ? `HTTP ${s.reply.status} ${s.reply.body.trim()}` : `error: ${s.error?.message ?? 'still pending'}`;

/** Whether a process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  return true;
}

/** The pids among `pids` still alive after waiting up to `ms` for all of them to go. */
export async function stillAlive(pids: Iterable<number>, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = [...pids].filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(50);
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** A running server.ts: the primary, its port, and every worker pid any request has reported. */
export interface Cluster {
  port: number;
  primary: Spawned;
  workers: Set<number>;
  /** GET /pid `n` times on fresh connections; returns the pids in order (and remembers them). */
  pids(n: number): Promise<number[]>;
  /** Kills the primary and every worker seen, so nothing keeps burning CPU after a failed check. */
  kill(): Promise<void>;
}

/** Starts server.ts with PORT set to a free port and waits for its `listening on <port>` line. */
export async function startCluster(env: Record<string, string>, options: Pick<SpawnOptions, 'nodeArgs'> = {}): Promise<Cluster> {
  const port = await freePort();
  const primary = spawnTarget('server.ts', { env: { PORT: String(port), ...env }, ...options });
  const workers = new Set<number>();
  const cluster: Cluster = {
    port,
    primary,
    workers,
    async pids(n) {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = await get(port, '/pid');
        if (r.status !== 200 || !Number.isInteger(r.json?.pid)) {
          throw new Error(`GET /pid must answer 200 with {"pid": <the worker's process.pid>}, got ${r.status} ${r.body.trim()}`);
        }
        seen.push(r.json.pid);
        workers.add(r.json.pid);
      }
      return seen;
    },
    async kill() {
      primary.kill('SIGKILL');
      for (const pid of workers) {
        try {
          if (pid !== primary.pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
        } catch {
          // gone already, or no longer ours
        }
      }
      await primary.exited(10_000).catch(() => undefined);
    },
  };
  try {
    await primary.waitForLine(new RegExp(`listening on\\b.*\\b${port}\\b`), 30_000);
  } catch (err) {
    await cluster.kill();
    throw err;
  }
  return cluster;
}

/** Starts a cluster on first use and hands the same one to every later caller (or the same failure). */
export function shared(start: () => Promise<Cluster>): { get(): Promise<Cluster>; kill(): Promise<void> } {
  let started: Promise<Cluster> | undefined;
  return {
    get: () => (started ??= start()),
    async kill() {
      if (started) await started.then((c) => c.kill(), () => undefined);
    },
  };
}

export const distinct = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function fib(n: number): number {
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}
