// The process entry: serves the app, and owns the process-level last resorts.
//   PORT                 port to listen on (default 3000)
//   SHUTDOWN_TIMEOUT_MS  how long in-flight requests may take once shutdown starts (default 10000)
//   DEBUG_ROUTES=1       mounts the debug routes (the checks use them)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { createApp } from './app.js';
import { debugRoutes } from './debug-routes.js';

const port = Number(process.env.PORT ?? 3000);
const drainMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);

const app = createApp({ routes: process.env.DEBUG_ROUTES === '1' ? debugRoutes : undefined });
const server = createServer(app);

/** One JSON line on stderr, written synchronously (stderr is synchronous for files, pipes on Linux, TTYs). */
function logLine(fields: Record<string, unknown>): void {
  try {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...fields })}\n`);
  } catch {
    // nowhere left to report to
  }
}

function logFatal(origin: string, err: unknown): void {
  const e = err instanceof Error ? err : undefined;
  logLine({ level: 'fatal', origin, name: e?.name, message: e ? e.message : inspect(err), stack: e?.stack });
}

let stopping = false;
/** Stop accepting, let in-flight requests finish, exit with `code`; never wait past the deadline. */
function shutdown(code: number, reason: string): void {
  if (stopping) return; // a second fatal error or signal during the drain changes nothing
  stopping = true;
  process.exitCode = code;
  logLine({ level: code === 0 ? 'info' : 'warn', msg: `shutting down (${reason})`, drainMs });
  server.close(() => process.exit(code)); // stops listening now; calls back when the last connection ends
  server.closeIdleConnections(); // idle keep-alive sockets would otherwise hold close() open
  setTimeout(() => {
    logLine({ level: 'error', msg: `requests still running after ${drainMs} ms: exiting anyway` });
    server.closeAllConnections();
    process.exit(code);
  }, drainMs).unref();
}

// The process state is unknown after either of these: log, stop taking work, drain briefly, exit 1.
process.on('uncaughtException', (err, origin) => {
  logFatal(origin, err);
  shutdown(1, origin);
});
process.on('unhandledRejection', (reason) => {
  logFatal('unhandledRejection', reason);
  shutdown(1, 'unhandledRejection');
});
process.on('SIGTERM', () => shutdown(0, 'SIGTERM'));
process.on('SIGINT', () => shutdown(0, 'SIGINT'));

server.once('error', (err) => {
  logFatal('listen', err);
  process.exit(1);
});
server.listen(port, () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`listening on port ${actual}`);
});
