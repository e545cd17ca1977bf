// The process entry: serves the app, and owns the process-level last resorts.
//   PORT                 port to listen on (default 3000)
//   SHUTDOWN_TIMEOUT_MS  how long in-flight requests may take once shutdown starts (default 10000)
//   DEBUG_ROUTES=1       mounts the debug routes (the checks use them)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { debugRoutes } from './debug-routes.js';

const port = Number(process.env.PORT ?? 3000);
const drainMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);

const app = createApp({ routes: process.env.DEBUG_ROUTES === '1' ? debugRoutes : undefined });
const server = createServer(app);

/** Stop accepting, let in-flight requests finish, exit with `code`; never wait past the deadline. */
function shutdown(code: number, reason: string): void {
  // TODO: once only; stop listening at once; exit with `code` when the last in-flight request is
  // done; and whatever happens, exit with `code` after drainMs (a timer that does not itself keep
  // the process alive).
  void [code, reason, drainMs];
  throw new Error('TODO: shutdown');
}

// TODO: 'uncaughtException' and 'unhandledRejection': write ONE JSON line to stderr
// ({"level":"fatal","origin":…,"message":…,"stack":…}), then shutdown(1).
// TODO: SIGTERM (and SIGINT): shutdown(0).

server.once('error', (err) => {
  console.error(err);
  process.exit(1);
});
server.listen(port, () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`listening on port ${actual}`);
});
