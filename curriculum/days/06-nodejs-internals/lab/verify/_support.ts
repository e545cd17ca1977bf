// Helpers shared by the verify tests (not a test file itself).
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { freePort, spawnTarget, type Spawned } from 'nodeprep/testkit';

/** What GET /metrics/loop answers (see loop-monitor.ts). */
export interface LoopDelayReport {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  count: number;
  windowMs: number;
}

/** The service's configuration in these tests: small enough to be quick, big enough to hurt. */
export const ORDERS = 20_000;
export const ITERATIONS = 100_000;
/** Orders per POST /orders/import body under load (about 12 MB of JSON; the limit is 16 MiB). */
export const IMPORT_ORDERS = 96_000;

export interface Service {
  base: string;
  proc: Spawned;
  /** The last lines the server wrote to stderr, for failure messages. */
  stderrTail(): string;
}

/** Starts server.ts on a free loopback port and waits for its `listening on` line. */
export async function startService(): Promise<Service> {
  const port = await freePort();
  const proc = spawnTarget('server.ts', {
    env: { PORT: String(port), HOST: '127.0.0.1', ORDERS: String(ORDERS), PBKDF2_ITERATIONS: String(ITERATIONS) },
  });
  try {
    await proc.waitForLine(/listening on/, 40_000);
  } catch (err) {
    throw new Error(`server.ts never printed "listening on …". It listens only once the import worker is ready: does orders-worker.ts post { type: 'ready' } when it has loaded? ${(err as Error).message}`);
  }
  return {
    base: `http://127.0.0.1:${port}`,
    proc,
    stderrTail() {
      const lines = proc.stderr().trim().split('\n').filter(Boolean);
      const error = lines.find((l) => /\b\w*Error\b/.test(l));
      return error ? ` (server stderr: ${error.trim()})` : '';
    },
  };
}

export interface Reply {
  status: number;
  text: string;
  ms: number;
  timedOut: boolean;
}

/** One HTTP request; a reply that does not come within `timeoutMs` is `{ status: 0, timedOut: true }`. */
export async function call(base: string, method: string, path: string, body?: string | Buffer, timeoutMs = 10_000): Promise<Reply> {
  const started = performance.now();
  try {
    const res = await fetch(base + path, {
      method,
      body,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(Math.round(timeoutMs)),
    });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - started, timedOut: false };
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') return { status: 0, text: '', ms: performance.now() - started, timedOut: true };
    throw err;
  }
}

export function json<T>(reply: Reply, what: string): T {
  try {
    return JSON.parse(reply.text) as T;
  } catch {
    throw new Error(`${what} must answer JSON, got status ${reply.status}: ${JSON.stringify(reply.text.slice(0, 120))}`);
  }
}

/** GET /metrics/loop, parsed; throws a clear error when the endpoint does not work. */
export async function readLoop(service: Service, timeoutMs = 10_000): Promise<LoopDelayReport> {
  const reply = await call(service.base, 'GET', '/metrics/loop', undefined, timeoutMs);
  if (reply.status !== 200) {
    throw new Error(`GET /metrics/loop must answer 200 with the loop-delay report, got ${reply.timedOut ? 'no answer' : reply.status}${service.stderrTail()}`);
  }
  return json<LoopDelayReport>(reply, 'GET /metrics/loop');
}

/** The `p`-th percentile (0–100) of `values`, nearest-rank; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number) => Math.round(n);

/**
 * A health-check-like probe: starts a GET /ping every `everyMs`, whether or not the previous one
 * has answered, and records each round trip. Probing on a fixed schedule matters: a probe that
 * waits for each answer sends one ping per stall, so a loop that is blocked most of the time
 * would still show mostly quick pings ("coordinated omission").
 */
export function startPingProbe(base: string, everyMs = 100, timeoutMs = 5000) {
  const samples: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const fire = () => {
    const p: Promise<void> = call(base, 'GET', '/ping', undefined, timeoutMs)
      .then((reply) => void samples.push(reply.timedOut ? timeoutMs : reply.ms), () => void samples.push(timeoutMs))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  fire();
  const timer = setInterval(fire, everyMs);
  return {
    /** Stops probing and resolves, once every ping has answered or timed out, with the round trips in ms. */
    async stop(): Promise<number[]> {
      clearInterval(timer);
      await Promise.all(inFlight);
      return samples;
    },
  };
}

export interface LoadOutcome {
  /** autocannon's summary of the load. */
  result: autocannon.Result;
  /** Round trips of the /ping probe during the load, in ms. */
  pings: number[];
  /** What the server itself reported for the window of the load, or the error reading it. */
  loop: LoopDelayReport | Error;
}

export const LOAD_SECONDS = 3;
export const LOAD_CONNECTIONS = 10;

/**
 * Puts `requests` (cycled per connection) on the server from LOAD_CONNECTIONS loopback
 * connections for LOAD_SECONDS, with the /ping probe running alongside. The server's loop-delay
 * window is reset just before and read just after, so it covers the load only.
 */
export async function underLoad(service: Service, requests: autocannon.Request[]): Promise<LoadOutcome> {
  await settle(service);
  await readLoop(service).catch(() => undefined); // start a fresh window (reads reset it)
  const probe = startPingProbe(service.base);
  const result = await autocannon({
    url: service.base,
    connections: LOAD_CONNECTIONS,
    duration: LOAD_SECONDS,
    timeout: 10,
    requests,
  });
  const pings = await probe.stop();
  const loop = await readLoop(service).catch((err: unknown) => err as Error);
  return { result, pings, loop };
}

/**
 * Waits (at most `ms`) until GET /ping answers within 50 ms, so that requests a blocking server
 * still had queued from an earlier load do not count against the next one.
 */
export async function settle(service: Service, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const ping = await call(service.base, 'GET', '/ping', undefined, Math.max(1, Math.round(deadline - performance.now())));
    if (!ping.timedOut && ping.ms < 50) return;
    await sleep(100);
  }
}

/** A one-line account of a load run for failure messages. */
export function describeLoad({ result, pings, loop }: LoadOutcome): string {
  const server = loop instanceof Error ? `the server's report failed: ${loop.message}` : `server p99 ${loop.p99} ms, max ${loop.max} ms over ${loop.count} samples`;
  return `${result['2xx']} responses 2xx, ${result.non2xx} non-2xx, ${(result.throughput.total / 1e6).toFixed(1)} MB sent back, ${result.errors} errors in ${LOAD_SECONDS} s; /ping p50 ${round(percentile(pings, 50))} ms, p90 ${round(percentile(pings, 90))} ms over ${pings.length} pings sent every 100 ms; ${server}`;
}
