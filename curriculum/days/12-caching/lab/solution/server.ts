// The process entry: serves the catalogue with its Redis cache, and shuts both down cleanly.
//   PORT                 port to listen on (default 3000)
//   REDIS_URL            default redis://127.0.0.1:6379
//   CACHE_PREFIX         default catalog:v1: (bump the version when the cached shape changes)
//   SHUTDOWN_TIMEOUT_MS  the longest a shutdown may take (default 10000)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createResponseCache } from './cache.js';
import { createMemoryStore } from './store.js';

const port = Number(process.env.PORT ?? 3000);
const drainMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);

// Returns even when Redis is down: the API answers from the store until the client reconnects.
const cache = await createResponseCache({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: process.env.CACHE_PREFIX ?? 'catalog:v1:',
});
const server = createServer(createApp({ store: createMemoryStore(), cache }));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  setTimeout(() => {
    console.error(`shutdown took longer than ${drainMs} ms: exiting anyway`);
    process.exit(1);
  }, drainMs).unref();
  // Stop accepting and let in-flight requests finish; they may still use the cache.
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await cache.close(); // then the Redis connection: pending writes get a moment, a stalled server does not hold us
  process.exitCode = 0; // nothing is left holding the event loop, so the process ends by itself
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

server.once('error', (err) => {
  console.error(err);
  process.exit(1);
});
server.listen(port, () => {
  console.log(`listening on port ${(server.address() as AddressInfo).port}`);
});
