import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { threadId } from 'node:worker_threads';
import { SHUTDOWN, type Config } from './config.js';
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
  // TODO (pool): create a WorkerPool<number, FibResult> of config.cpuThreads threads running
  // new URL('./fib-thread.mjs', import.meta.url), and close it when the server has closed
  // (its threads would otherwise keep this process alive).
  let draining = false;

  const server = createServer();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      route(req, res);
    } catch (err) {
      console.error(`worker ${process.pid}:`, err);
      send(res, 500, { error: 'internal error' });
    }
  });
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
        // TODO (pool): this blocks the event loop for the whole computation: no other request to
        // this worker is answered meanwhile (try /health while /cpu?n=40 runs). Run it on the pool
        // instead, answer { n, fib, thread, pid }, and cancel the task (AbortSignal) when the client
        // hangs up before the answer (res 'close' before the response finished).
        send(res, 200, { n, fib: fibOnTheEventLoop(n), thread: threadId, pid: process.pid });
        return;
      }
      default:
        send(res, 404, { error: 'not found' });
    }
  }

  // TODO (drain): on the SHUTDOWN message from the primary (process.on('message')), and on SIGTERM
  // and SIGINT, drain once:
  //   - set `draining`; stop accepting and let in-flight requests finish: in a cluster worker,
  //     cluster.worker.disconnect() closes its servers, waits for them, then closes the IPC channel;
  //   - close idle keep-alive connections now, and each one whose response finishes while draining
  //     (server.closeIdleConnections() on every response's 'finish');
  //   - once the server has closed, close the pool, so the process can exit by itself.

  server.listen(config.port, config.host);
}

function fibOnTheEventLoop(n: number): number {
  return n < 2 ? n : fibOnTheEventLoop(n - 1) + fibOnTheEventLoop(n - 2);
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
