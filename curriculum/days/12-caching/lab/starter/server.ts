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

// TODO: must return even when Redis is down: the API answers from the store until it is back.
const cache = await createResponseCache({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: process.env.CACHE_PREFIX ?? 'catalog:v1:',
});
const server = createServer(createApp({ store: createMemoryStore(), cache }));

// TODO: on SIGTERM / SIGINT: stop accepting, let in-flight requests finish, close the cache's Redis
// client, and exit 0. Never take longer than drainMs, even when Redis stalls.
void drainMs;

server.once('error', (err) => {
  console.error(err);
  process.exit(1);
});
server.listen(port, () => {
  console.log(`listening on port ${(server.address() as AddressInfo).port}`);
});
