// server.ts as a real process, with Redis reached through a proxy the checks can stall or take down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isolatedPrefix, spawnTarget, waitForPort, waitForPortClosed, type Spawned } from 'nodeprep/testkit';
import { adminClient, call, deleteUnder, startRedisProxy, until, type Admin, type RedisProxy } from './_helpers.js';

const ROOT = isolatedPrefix('d12-srv');
let admin: Admin;
beforeAll(async () => {
  admin = await adminClient();
});
afterAll(async () => {
  await deleteUnder(admin, ROOT);
  admin.destroy();
});
const proxies: RedisProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
});

const tail = (text: string) => JSON.stringify(text.trim().split('\n').slice(-3).join(' | ') || '(empty)');

let seq = 0;
async function start(proxy: RedisProxy): Promise<{ p: Spawned; base: string; port: number }> {
  const port = await freePort();
  const p = spawnTarget('server.ts', {
    env: { PORT: String(port), REDIS_URL: proxy.url, CACHE_PREFIX: `${ROOT}s${++seq}:`, SHUTDOWN_TIMEOUT_MS: '20000' },
  });
  const exitedEarly = p.exited(30_000).then(
    (e) => Promise.reject(new Error(`server.ts exited (${e.signal ?? `code ${e.code}`}) before listening on PORT=${port}; stderr: ${tail(p.stderr())}`)),
    () => new Promise<never>(() => {}),
  );
  await Promise.race([
    waitForPort(port, 15_000).catch(() => {
      throw new Error(`server.ts did not listen on PORT=${port} within 15 s${proxy.connections() === 0 ? ' (is it waiting for Redis to connect? start without it: the cache is optional)' : ''}; stderr: ${tail(p.stderr())}`);
    }),
    exitedEarly,
  ]);
  return { p, base: `http://127.0.0.1:${port}`, port };
}

async function expectCleanExit(p: Spawned, port: number, proxy: RedisProxy, what: string): Promise<void> {
  p.kill('SIGTERM');
  await waitForPortClosed(port, 3000).catch(() => {
    throw new Error(`${what}: the server still accepts connections 3 s after SIGTERM: stop listening first`);
  });
  const exit = await p.exited(6000).catch(() => {
    throw new Error(`${what}: the process was still running 6 s after SIGTERM: close the server AND the Redis client (an open client keeps the event loop alive; a stalled one needs a deadline on close); stderr: ${tail(p.stderr())}`);
  });
  expect(exit, `${what}: SIGTERM is a normal stop: exit code 0`).toEqual({ code: 0, signal: null });
  expect(proxy.connections(), `${what}: the Redis connection is closed`).toBe(0);
}

describe('server.ts: the process', () => {
  it('serves the API with the cache (MISS, then HIT) and on SIGTERM closes the server and the Redis client, exit 0', async () => {
    const proxy = await startRedisProxy();
    proxies.push(proxy);
    const { p, base, port } = await start(proxy);
    const first = await call(base, '/products/1');
    expect([first.status, first.cache], 'GET /products/1 from the real server: 200, X-Cache: MISS').toEqual([200, 'MISS']);
    await until(async () => (await call(base, '/products/1')).cache === 'HIT', 3000, 'GET /products/1 never became a hit on the real server (REDIS_URL, CACHE_PREFIX)');
    await expectCleanExit(p, port, proxy, 'SIGTERM');
  });

  it('starts and answers while Redis is down, and caches once Redis is up', async () => {
    const proxy = await startRedisProxy();
    proxies.push(proxy);
    await proxy.down();
    const { p, base, port } = await start(proxy);
    const r = await call(base, '/products/2', { hangHint: 'Redis is down: the request must not wait for it' });
    expect(r.status, 'Redis down at startup: the API still answers from the store').toBe(200);
    await proxy.up();
    await until(async () => (await call(base, '/products/2')).cache === 'HIT', 12_000, 'Redis came up but the server never cached within 12 s: keep reconnecting in the background', 250);
    await expectCleanExit(p, port, proxy, 'SIGTERM after Redis recovered');
  });

  it('when Redis stalls, requests still answer and SIGTERM still exits 0 promptly', async () => {
    const proxy = await startRedisProxy();
    proxies.push(proxy);
    const { p, base, port } = await start(proxy);
    await until(async () => (await call(base, '/products/3')).cache === 'HIT', 3000, 'GET /products/3 never became a hit');
    proxy.stall();
    const r = await call(base, '/products/4', { hangHint: 'Redis stalled and the real server waited for it: a deadline on every cache call' });
    expect(r.status, 'a stalled Redis: the API answers from the store').toBe(200);
    await expectCleanExit(p, port, proxy, 'SIGTERM with Redis stalled');
  });
});
