// cache.ts on its own: a test-made Express app whose routes count their calls, in front of a real
// Redis reached through a proxy that records commands and can stall or drop the connection.
import express, { type ErrorRequestHandler, type Express } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importTarget, isolatedPrefix } from 'nodeprep/testkit';
import { adminClient, call, deleteUnder, keysUnder, NO_ANSWER_MS, serve, startRedisProxy, until, type Admin, type RedisProxy } from './_helpers.js';

type CacheModule = typeof import('../solution/cache.js');
type ResponseCache = Awaited<ReturnType<CacheModule['createResponseCache']>>;
type CacheOptions = Parameters<CacheModule['createResponseCache']>[0];

const { createResponseCache } = await importTarget<CacheModule>('cache.ts');
const ROOT = isolatedPrefix('d12-cache');

let admin: Admin;
beforeAll(async () => {
  admin = await adminClient();
});
afterAll(async () => {
  await deleteUnder(admin, ROOT);
  admin.destroy();
});

interface Harness {
  base: string;
  prefix: string;
  cache: ResponseCache;
  proxy: RedisProxy;
  errors: Error[];
  /** How many times each route ran, by path (and user where the route is per user). */
  origin: Map<string, number>;
  ran(path: string): number;
}

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close().catch(() => {});
});

let seq = 0;
/** A cache (through a fresh proxy) in front of the test routes below, under its own prefix. */
async function harness(options: Partial<CacheOptions> = {}): Promise<Harness> {
  const proxy = await startRedisProxy();
  open.push(() => proxy.close());
  const prefix = options.prefix ?? `${ROOT}h${++seq}:`;
  const errors: Error[] = [];
  const cache = await createResponseCache({ url: proxy.url, prefix, ttlSeconds: 60, timeoutMs: 1000, onError: (e) => errors.push(e), ...options });
  open.push(() => cache.close());
  const origin = new Map<string, number>();
  const srv = await serve(testApp(cache, origin));
  open.push(() => srv.close());
  return { base: srv.base, prefix, cache, proxy, errors, origin, ran: (path) => origin.get(path) ?? 0 };
}

function testApp(cache: ResponseCache, origin: Map<string, number>): Express {
  const count = (key: string) => {
    const n = (origin.get(key) ?? 0) + 1;
    origin.set(key, n);
    return n;
  };
  const app = express();
  // Stands in for real authentication: X-User becomes the caller.
  app.use((req, res, next) => {
    res.locals.userId = req.get('x-user') || undefined;
    next();
  });
  app.get('/items', cache.route({ tags: () => ['items'] }), async (req, res) => {
    const n = count('/items');
    await sleep(10);
    res.json({ query: req.query, load: n });
  });
  app.get('/slow', cache.route({ tags: () => ['slow'] }), async (_req, res) => {
    const n = count('/slow');
    await sleep(500);
    res.json({ load: n, at: Date.now() });
  });
  app.get('/me', cache.route({ scope: 'user', tags: () => ['profiles'] }), async (_req, res) => {
    const user = res.locals.userId as string | undefined;
    count(`/me ${user ?? 'anonymous'}`);
    if (!user) return void res.status(401).json({ error: 'who are you?' });
    res.set('Cache-Control', 'private, max-age=0').json({ user, secret: `${user}'s data` });
  });
  // A public route whose responses are personal and say so: they must reach only their own caller.
  app.get('/whoami', cache.route({ tags: () => ['who'] }), async (req, res) => {
    count('/whoami');
    await sleep(300);
    res.set('Cache-Control', 'private').json({ user: req.get('x-user') ?? null });
  });
  // 500 sent, thrown error, 503, 404, then finally a 200.
  app.get('/flaky', cache.route({ tags: () => ['flaky'] }), async (_req, res) => {
    const n = count('/flaky');
    if (n === 1) return void res.status(500).json({ error: 'database timeout' });
    if (n === 2) throw new Error('connection reset by peer');
    if (n === 3) return void res.status(503).set('Retry-After', '1').json({ error: 'overloaded' });
    if (n === 4) return void res.status(404).json({ error: 'not yet' });
    res.json({ ok: true, load: n });
  });
  app.get('/cc/:kind', cache.route({ tags: (req) => [`cc:${String(req.params.kind)}`] }), (req, res) => {
    const kind = String(req.params.kind);
    const n = count(`/cc/${kind}`);
    if (kind === 'private') res.set('Cache-Control', 'max-age=60, Private');
    if (kind === 'no-store') res.set('Cache-Control', 'no-store');
    if (kind === 'no-cache') res.set('Cache-Control', 'no-cache');
    if (kind === 'cookie') res.cookie('sid', `session-${n}`, { httpOnly: true });
    if (kind === 'big') return void res.json({ blob: 'x'.repeat(100 * 1024), load: n });
    res.json({ kind, load: n });
  });
  app.get('/ttl/:n', cache.route(), (req, res) => {
    count('/ttl');
    res.json({ n: req.params.n });
  });
  const onError: ErrorRequestHandler = (_err, _req, res, _next) => {
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);
  return app;
}

const entries = (h: Harness) => keysUnder(admin, `${h.prefix}res:`);

describe('cache.ts: cache-aside for GET responses', () => {
  it('a second GET is served from Redis: the route runs once, the body and content type are the same', async () => {
    const h = await harness();
    const first = await call(h.base, '/items?color=red');
    expect(first.status, 'GET /items answers 200').toBe(200);
    expect(first.cache, 'the first request runs the route: X-Cache: MISS').toBe('MISS');
    await until(async () => (await entries(h)).length > 0, 3000, `nothing was stored under ${h.prefix}res: after a cacheable 200 (store response entries under <prefix>res:)`);
    const second = await call(h.base, '/items?color=red');
    expect(second.cache, 'the second request is served from the cache: X-Cache: HIT').toBe('HIT');
    expect(h.ran('/items'), 'the route ran once for two identical GETs').toBe(1);
    expect([second.status, second.text, second.headers.get('content-type')], 'a hit replays the status, the body and the Content-Type').toEqual([200, first.text, first.headers.get('content-type')]);
  });

  it('the key is canonical: query order does not matter, different queries never collide', async () => {
    const h = await harness();
    await call(h.base, '/items?b=2&a=1');
    await until(async () => (await entries(h)).length === 1, 3000, 'the first response was not stored');
    const swapped = await call(h.base, '/items?a=1&b=2');
    expect([swapped.cache, h.ran('/items')], '?a=1&b=2 is the same request as ?b=2&a=1: sort the query parameters by name before building the key').toEqual(['HIT', 1]);
    const spaces = await call(h.base, '/items?a=1&b=2&q=x+y');
    await until(async () => (await entries(h)).length === 2, 3000, 'the response for ?q=x+y was not stored');
    expect((await call(h.base, '/items?q=x%20y&b=2&a=1')).cache, 'q=x+y and q=x%20y decode to the same value (Express sees the same req.query): one entry').toBe('HIT');
    expect(spaces.status).toBe(200);
    const encoded = await call(h.base, '/items?a=1%26b%3D2');
    expect(encoded.body, '?a=1%26b%3D2 is ONE parameter a="1&b=2": it must not be served the response for ?a=1&b=2 (encode names and values in the key)').toMatchObject({ query: { a: '1&b=2' } });
    const other = await call(h.base, '/items?a=1&b=3');
    expect(other.body, '?a=1&b=3 is a different request from ?a=1&b=2').toMatchObject({ query: { a: '1', b: '3' } });
    expect(h.ran('/items'), 'four distinct requests, four route runs').toBe(4);
  });

  it('keys are bounded: a 6 KB query string becomes a short key under <prefix>res:', async () => {
    const h = await harness();
    const long = `/items?q=${'z'.repeat(6000)}`;
    expect((await call(h.base, long)).status).toBe(200);
    await until(async () => (await entries(h)).length === 1, 3000, `the response was not stored under ${h.prefix}res:`);
    const [key] = await entries(h);
    expect(key!.length, `the key is ${key!.length} characters: hash the request's identity (e.g. SHA-256) instead of putting the raw URL in the key, so a client cannot choose the size of your keys`).toBeLessThanOrEqual(h.prefix.length + 'res:'.length + 128);
    expect((await call(h.base, long)).cache, 'and the same long URL is still a hit').toBe('HIT');
  });

  it("scope 'user': each user gets their own entry, never someone else's; anonymous requests bypass", async () => {
    const h = await harness();
    const alice = await call(h.base, '/me', { headers: { 'x-user': 'alice' } });
    expect(alice.body, "alice gets alice's data").toMatchObject({ user: 'alice' });
    await until(async () => (await entries(h)).length === 1, 3000, "alice's response was not stored: in a 'user'-scoped route, Cache-Control: private is allowed (the entry is keyed by the user); only no-store/no-cache are not");
    const bob = await call(h.base, '/me', { headers: { 'x-user': 'bob' } });
    expect(bob.body, "bob must get bob's data, never alice's cached response: a per-user route's key must include the user").toMatchObject({ user: 'bob' });
    const again = await call(h.base, '/me', { headers: { 'x-user': 'alice' } });
    expect([again.cache, (again.body as { user?: string }).user], "alice's second request is a hit on her own entry").toEqual(['HIT', 'alice']);
    expect([h.ran('/me alice'), h.ran('/me bob')], 'one route run per user').toEqual([1, 1]);
    for (let i = 0; i < 2; i++) expect((await call(h.base, '/me')).status, 'no user: the route answers 401').toBe(401);
    expect(h.ran('/me anonymous'), "a 'user' route without a user bypasses the cache: every anonymous request reaches the route").toBe(2);
  });

  it('each entry gets a TTL no longer than ttlSeconds, randomly shortened by up to `jitter` (entries written together do not expire together)', async () => {
    const h = await harness({ ttlSeconds: 100, jitter: 0.2 });
    for (let i = 0; i < 40; i++) expect((await call(h.base, `/ttl/${i}`)).status).toBe(200);
    await until(async () => (await entries(h)).length === 40, 3000, `expected 40 entries under ${h.prefix}res: after 40 distinct GETs`);
    const ttls = await Promise.all((await entries(h)).map((k) => admin.pTTL(k)));
    const noTtl = ttls.filter((t) => t < 0).length;
    expect(noTtl, `${noTtl} of 40 entries have no TTL: every entry must expire (SET ... PX), the TTL is the staleness bound when all else fails`).toBe(0);
    const [min, max] = [Math.min(...ttls), Math.max(...ttls)];
    expect(max, `an entry lives ${max} ms with ttlSeconds=100: jitter shortens the TTL, never lengthens it past the bound you promised`).toBeLessThanOrEqual(100_000);
    expect(min, `an entry lives only ${min} ms with ttlSeconds=100, jitter=0.2: the TTL must stay within [80 s, 100 s]`).toBeGreaterThanOrEqual(70_000);
    expect(max - min, `40 entries written within a second expire within ${max - min} ms of each other: add random jitter to the TTL so they do not all expire (and reload) at once`).toBeGreaterThanOrEqual(4000);
  });

  it('30 concurrent misses on one key run the route once and all get its response (single-flight)', async () => {
    const h = await harness();
    const replies = await Promise.all(Array.from({ length: 30 }, () => call(h.base, '/slow')));
    expect(replies.map((r) => r.status), 'all 30 requests answer 200').toEqual(Array(30).fill(200));
    expect(h.ran('/slow'), `30 concurrent requests for a cold key ran the route ${h.ran('/slow')} times: the first miss must load, and the other 29 wait for its result (an in-process map of in-flight loads by key)`).toBe(1);
    expect(new Set(replies.map((r) => r.text)).size, 'and they all got the same response').toBe(1);
  });

  it("concurrent requests never receive another request's uncacheable response", async () => {
    const h = await harness();
    const users = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    const replies = await Promise.all(users.map((u) => call(h.base, '/whoami', { headers: { 'x-user': u } })));
    replies.forEach((r, i) => {
      expect(r.body, `a request that waited on another's in-flight load got that load's Cache-Control: private response (${r.text}): only a response that may be stored may be shared; otherwise each waiter runs the route itself`).toEqual({ user: users[i] });
    });
    expect(await entries(h), 'and nothing was stored').toEqual([]);
  });

  it('error responses are never stored: 500 (sent or thrown), 503 and 404 all reach the route again', async () => {
    const h = await harness();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(h.base, '/flaky')).status);
    expect(statuses, `each request must reach the route while it fails (got ${statuses.join(', ')}): a cached error outlives its cause, so store only 200s`).toEqual([500, 500, 503, 404, 200]);
    await until(async () => (await entries(h)).length === 1, 3000, 'the 200 that followed the errors was not stored');
    expect([(await call(h.base, '/flaky')).cache, h.ran('/flaky')], 'and the first 200 is then cached as usual').toEqual(['HIT', 5]);
  });

  it('responses that must not be stored are not: private (public route), no-store, no-cache, Set-Cookie, too large', async () => {
    const h = await harness({ maxEntryBytes: 64 * 1024 });
    const why: Record<string, string> = {
      private: 'Cache-Control "max-age=60, Private" (directives are case-insensitive) on a public route: one entry for everyone would hand it to other users',
      'no-store': 'Cache-Control: no-store means do not store it anywhere',
      'no-cache': 'Cache-Control: no-cache means revalidate before every use, which this cache cannot do',
      cookie: 'a response with Set-Cookie would hand one session cookie to every caller',
      big: 'a 100 KB body with maxEntryBytes = 64 KiB',
    };
    for (const kind of Object.keys(why)) {
      for (let i = 0; i < 2; i++) expect((await call(h.base, `/cc/${kind}`)).status).toBe(200);
      expect(h.ran(`/cc/${kind}`), `${why[kind]}: both requests must reach the route`).toBe(2);
    }
    await sleep(200);
    expect(await entries(h), 'none of them may be in Redis').toEqual([]);
    await call(h.base, '/cc/plain');
    await until(async () => (await entries(h)).length === 1, 3000, 'a plain 200 from the same route must still be stored');
  });

  it('Redis stalls (accepts commands, never answers): GETs and invalidate() still finish quickly, from the route', async () => {
    const h = await harness({ timeoutMs: 200 });
    await call(h.base, '/items?warm=1');
    h.proxy.stall();
    const reply = await call(h.base, '/items?during=stall', {
      hangHint: 'Redis stalled and the request waited for it: put a deadline on every Redis call a request waits for (node-redis does not time out a command it has already sent) and serve from the route when it passes',
    });
    expect(reply.status, 'a stalled cache must not take the API down: the route answers').toBe(200);
    expect(h.ran('/items'), 'the request was served by the route').toBe(2);
    const started = Date.now();
    const done = await Promise.race([h.cache.invalidate(['items']).then(() => true), sleep(NO_ANSWER_MS).then(() => false)]);
    expect(done, 'invalidate() did not settle within 4 s while Redis stalled: a write must not hang on the cache either').toBe(true);
    expect(Date.now() - started).toBeLessThan(NO_ANSWER_MS);
    expect(h.errors.length, 'the failures must be reported through onError (fail open, but visibly)').toBeGreaterThan(0);
    h.proxy.resume();
  });

  it('Redis goes down: requests are answered by the route at once; when it is back, responses are cached again', async () => {
    const h = await harness({ timeoutMs: 300 });
    await call(h.base, '/items?phase=before');
    await h.proxy.down();
    for (let i = 0; i < 3; i++) {
      const r = await call(h.base, '/items?phase=down', { hangHint: 'Redis is down and the request waited for it (an offline queue without a deadline?)' });
      expect(r.status, 'Redis down: the route still answers').toBe(200);
    }
    expect(h.ran('/items'), 'each request while Redis is down reaches the route').toBe(4);
    await h.proxy.up();
    await until(async () => (await call(h.base, '/items?phase=after')).cache === 'HIT', 10_000, 'Redis came back but /items?phase=after never became a hit within 10 s: the client must reconnect (and the cache use it again)', 200);
  });

  it('purge() removes every key under the prefix with SCAN (never KEYS), and only those', async () => {
    const h = await harness({ prefix: `${ROOT}p?[1]:` });
    const sibling = `${ROOT}px1:`; // what p?[1]:* would match as a glob
    for (let i = 0; i < 5; i++) await call(h.base, `/items?i=${i}`);
    await until(async () => (await entries(h)).length === 5, 3000, 'the 5 responses were not stored');
    const put = (key: string) => admin.set(key, 'x', { expiration: { type: 'PX', value: 600_000 } }); // gone even if the run is killed
    await Promise.all(Array.from({ length: 2000 }, (_, i) => put(`${h.prefix}res:filler-${i}`)));
    await Promise.all(Array.from({ length: 20 }, (_, i) => put(`${sibling}keep-${i}`)));
    h.proxy.clearLog();
    const removed = await h.cache.purge();
    const names = h.proxy.commands().map((c) => c[0]);
    expect(names, 'purge() sent KEYS: KEYS walks the whole keyspace in one blocking call and stalls every client of that Redis; iterate with SCAN MATCH <prefix>* instead').not.toContain('KEYS');
    expect(names, 'purge() must iterate the keyspace with SCAN MATCH <prefix>*, a bounded batch per call').toContain('SCAN');
    expect(await keysUnder(admin, h.prefix), 'every key under the prefix is gone').toEqual([]);
    expect(removed, 'purge() returns how many keys it removed').toBeGreaterThanOrEqual(2005);
    expect((await keysUnder(admin, sibling)).length, `the prefix "${h.prefix}" is literal: escape the glob characters * ? [ ] \\ in MATCH, or ${sibling}* is purged too`).toBe(20);
    expect((await call(h.base, '/items?i=0')).cache, 'after a purge the next request is a miss').toBe('MISS');
  });

  it('close() closes the Redis connection, is safe to call twice, and does not wait forever on a stalled Redis', async () => {
    const h = await harness({ timeoutMs: 200 });
    await call(h.base, '/items?c=1');
    await until(() => h.proxy.connections() > 0, 2000, 'the cache never connected to Redis');
    h.proxy.stall();
    void call(h.base, '/items?c=2').catch(() => {}); // leaves commands waiting on the stalled server
    await sleep(50);
    const closed = await Promise.race([h.cache.close().then(() => true), sleep(3000).then(() => false)]);
    expect(closed, 'close() waited more than 3 s for a Redis that never answers: give the graceful close a deadline, then destroy the connection').toBe(true);
    await until(() => h.proxy.connections() === 0, 2000, 'after close() the Redis connection is still open');
    await h.cache.close();
    h.proxy.resume();
  });
});
