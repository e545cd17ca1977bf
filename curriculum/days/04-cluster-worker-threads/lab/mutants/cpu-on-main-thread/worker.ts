import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SHUTDOWN, type Config } from './config.js';
import { threadId } from 'node:worker_threads';
import { WorkerPool } from './pool.js';

/** What fib-thread.mjs answers for a task `n`. */
export interface FibResult {
  n: number;
  fib: number;
  /** The worker_threads threadId that computed it (0 would be the main thread). */
  thread: number;
}

export const MAX_FIB_N = 45;
export const MAX_SLOW_MS = 60_000;

export function startWorker(config: Config): void {
  const pool = new WorkerPool<number, FibResult>(new URL('./fib-thread.mjs', import.meta.url), config.cpuThreads);
  let draining = false;

  const server = createServer();
  // Registered before the router, so it is in place before any response can finish. A keep-alive
  // socket whose response ends while we drain would otherwise stay open until keepAliveTimeout.
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    res.once('finish', () => draining && server.closeIdleConnections());
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      route(req, res);
    } catch (err) {
      console.error(`worker ${process.pid}:`, err);
      send(res, 500, { error: 'internal error' });
    }
  });
  server.once('close', () => void pool.close()); // the threads would keep this process alive
  server.on('error', (err) => {
    console.error(`worker ${process.pid}: ${err.message}`);
    process.exit(1); // e.g. EADDRINUSE: a crash the primary restarts with backoff
  });

  function route(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case '/health':
        if (draining) send(res, 503, { status: 'draining', pid: process.pid });
        else send(res, 200, { status: 'ok', pid: process.pid });
        return;
      case '/pid':
        send(res, 200, { pid: process.pid });
        return;
      case '/slow': {
        const ms = intParam(url, 'ms', MAX_SLOW_MS);
        if (ms === undefined) return send(res, 400, { error: `ms must be an integer from 0 to ${MAX_SLOW_MS}` });
        const timer = setTimeout(() => send(res, 200, { pid: process.pid, waitedMs: ms }), ms);
        res.once('close', () => clearTimeout(timer)); // the client went away: stop waiting
        return;
      }
      case '/cpu': {
        const n = intParam(url, 'n', MAX_FIB_N);
        if (n === undefined) return send(res, 400, { error: `n must be an integer from 0 to ${MAX_FIB_N}` });
        // MUTANT: "fib is quick for the n we see": compute it right here, on the event loop.
        send(res, 200, { n, fib: fib(n), thread: threadId, pid: process.pid });
        return;
      }
      default:
        send(res, 404, { error: 'not found' });
    }
  }

  const drain = (): void => {
    if (draining) return;
    draining = true;
    server.closeIdleConnections();
    // In a worker, disconnect() closes its servers (stop accepting; 'close' once in-flight requests
    // are done), then the IPC channel. With the server and the pool closed the process exits.
    if (cluster.worker) cluster.worker.disconnect();
    else server.close();
  };
  process.on('message', (msg) => msg === SHUTDOWN && drain());
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);

  server.listen(config.port, config.host);
}

function intParam(url: URL, name: string, max: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || !/^\d{1,9}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value <= max ? value : undefined;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
