// app.ts: the catalogue API wired to the cache. The store is the given in-memory one, wrapped so the
// checks can count its reads and hold a read or a commit half-way, like a slow database.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importTarget, isolatedPrefix } from 'nodeprep/testkit';
import { adminClient, call, deleteUnder, gate, keysUnder, serve, startRedisProxy, until, type Admin, type Gate, type RedisProxy } from './_helpers.js';

type Store = import('../solution/store.js').Store;
type Product = import('../solution/store.js').Product;

const { createApp } = await importTarget<typeof import('../solution/app.js')>('app.ts');
const { createResponseCache } = await importTarget<typeof import('../solution/cache.js')>('cache.ts');
const { createMemoryStore } = await importTarget<typeof import('../solution/store.js')>('store.ts');
const ROOT = isolatedPrefix('d12-app');

let admin: Admin;
beforeAll(async () => {
  admin = await adminClient();
});
afterAll(async () => {
  await deleteUnder(admin, ROOT);
  admin.destroy();
});
const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close().catch(() => {});
});

interface Api {
  base: string;
  prefix: string;
  proxy: RedisProxy;
  /** Database reads so far: product reads by id, list reads, order reads. */
  reads: { product: (id: string) => number; list: () => number; orders: () => number };
  /** The next getProduct(id) reads the row, then waits at the gate before returning it. */
  holdNextRead(id: string): Gate;
  /** The next updateProduct(id) waits at the gate before it commits. */
  holdNextCommit(id: string): Gate;
}

let seq = 0;
async function api(): Promise<Api> {
  const proxy = await startRedisProxy();
  open.push(() => proxy.close());
  const prefix = `${ROOT}a${++seq}:`;
  const cache = await createResponseCache({ url: proxy.url, prefix, timeoutMs: 1000, onError: () => {} });
  open.push(() => cache.close());
  const inner = createMemoryStore({ latencyMs: 5 });
  const productReads = new Map<string, number>();
  let listReads = 0;
  let orderReads = 0;
  const heldReads = new Map<string, Gate>();
  const heldCommits = new Map<string, Gate>();
  const store: Store = {
    async getProduct(id) {
      productReads.set(id, (productReads.get(id) ?? 0) + 1);
      const row = await inner.getProduct(id);
      const g = heldReads.get(id);
      if (g) {
        heldReads.delete(id);
        await g.wait(); // the row is read; the response is late (GC pause, slow network...)
      }
      return row;
    },
    async listProducts(filter) {
      listReads++;
      return inner.listProducts(filter);
    },
    async updateProduct(id, patch) {
      const g = heldCommits.get(id);
      if (g) {
        heldCommits.delete(id);
        await g.wait(); // the transaction is open, not committed yet
      }
      return inner.updateProduct(id, patch);
    },
    createProduct: (input) => inner.createProduct(input),
    async ordersOf(userId) {
      orderReads++;
      return inner.ordersOf(userId);
    },
    userForToken: (token) => inner.userForToken(token),
  };
  const srv = await serve(createApp({ store, cache }));
  open.push(() => srv.close());
  return {
    base: srv.base,
    prefix,
    proxy,
    reads: { product: (id) => productReads.get(id) ?? 0, list: () => listReads, orders: () => orderReads },
    holdNextRead(id) {
      const g = gate();
      heldReads.set(id, g);
      return g;
    },
    holdNextCommit(id) {
      const g = gate();
      heldCommits.set(id, g);
      return g;
    },
  };
}

const price = (r: { body: unknown }) => (r.body as Product).price;
const prices = (r: { body: unknown }) => Object.fromEntries((r.body as Product[]).map((p) => [p.id, p.price]));

/** GETs `path` until it is a hit, so the next check starts from a cached entry. */
async function warm(a: Api, path: string): Promise<void> {
  await until(async () => (await call(a.base, path)).cache === 'HIT', 3000, `GET ${path} never became a hit: cache the GET routes with cache.route()`, 20);
}

const patchPrice = (a: Api, id: string, cents: number) => call(a.base, `/products/${id}`, { method: 'PATCH', json: { price: cents } });

describe('app.ts: the catalogue API with its cache', () => {
  it('GET /products/:id and GET /products are cached; a PATCH then shows in the product and in every list', async () => {
    const a = await api();
    await warm(a, '/products/1');
    await warm(a, '/products');
    await warm(a, '/products?sort=price&category=kitchen');
    expect(a.reads.product('1'), 'GET /products/1 is read from the store once, then served from the cache').toBe(1);
    const before = prices(await call(a.base, '/products?category=kitchen&sort=price'));
    expect(before['1'], 'the cached list has the old price').toBe(3000);

    const res = await patchPrice(a, '1', 2500);
    expect([res.status, price(res)], 'PATCH /products/1 answers 200 with the updated product').toEqual([200, 2500]);
    expect(price(await call(a.base, '/products/1')), 'GET /products/1 after the PATCH: the entity must be invalidated').toBe(2500);
    expect(prices(await call(a.base, '/products'))['1'], 'GET /products after the PATCH: a product change must also invalidate the lists that contain it').toBe(2500);
    const filtered = await call(a.base, '/products?sort=price&category=kitchen');
    expect(prices(filtered)['1'], 'GET /products?sort=price&category=kitchen after the PATCH: every list page and filter, not just one URL').toBe(2500);
  });

  it('POST /products shows up in the cached list', async () => {
    const a = await api();
    await warm(a, '/products?category=tools');
    const created = await call(a.base, '/products', { method: 'POST', json: { name: 'Saw', category: 'tools', price: 1900 } });
    expect(created.status, 'POST /products answers 201').toBe(201);
    const list = (await call(a.base, '/products?category=tools')).body as Product[];
    expect(list.map((p) => p.name), 'the new product is in the list right after the POST').toContain('Saw');
  });

  it('invalidation waits for the commit: a read during an uncommitted write cannot leave the old row cached', async () => {
    const a = await api();
    await warm(a, '/products/1');
    const commit = a.holdNextCommit('1');
    const patch = patchPrice(a, '1', 2500);
    await commit.reached; // the write is in progress, not committed
    const during = await call(a.base, '/products/1');
    expect(price(during), 'before the commit the old price is still the truth').toBe(3000);
    await sleep(300); // anything that read was going to store has been stored
    commit.release();
    expect((await patch).status, 'the PATCH completes').toBe(200);
    const after = await call(a.base, '/products/1');
    expect(price(after), 'the write committed 2500 but GET /products/1 still says 3000: the cache was invalidated BEFORE the commit, so a read in between loaded the old row and cached it again. Commit first, then invalidate').toBe(2500);
  });

  it('a request that read the row before a write cannot cache its old copy after the write (the cache-aside race)', async () => {
    const a = await api();
    const read = a.holdNextRead('1');
    const slow = call(a.base, '/products/1'); // a miss: reads price 3000, then stalls before answering
    await read.reached;
    expect((await patchPrice(a, '1', 2500)).status, 'the PATCH commits and invalidates while that read is still in flight').toBe(200);
    read.release();
    expect(price(await slow), 'the slow request answers with what it read').toBe(3000);
    await sleep(300); // its write-back to the cache has landed
    const after = await call(a.base, '/products/1');
    expect(price(after), 'a request that loaded price 3000 before the write stored it AFTER the write invalidated the key, and the cache now serves 3000 until the TTL. Delete-after-commit alone has this race: read the tag versions before loading (versioned keys), or use a lease the invalidation revokes').toBe(2500);
  });

  it('losing bookkeeping keys (eviction) never brings back a response from before a write', async () => {
    const a = await api();
    await warm(a, '/products/1'); // cached at 3000
    expect((await patchPrice(a, '1', 2500)).status).toBe(200);
    await warm(a, '/products/1'); // cached at 2500
    // Redis with maxmemory-policy allkeys-lru may evict any key: here, everything but the response entries.
    const all = await keysUnder(admin, a.prefix);
    const bookkeeping = all.filter((k) => !k.startsWith(`${a.prefix}res:`));
    for (const k of bookkeeping) await admin.unlink(k);
    const after = await call(a.base, '/products/1');
    expect(price(after), 'after evicting the non-entry keys GET /products/1 went back to the price from BEFORE the write: a tag version that restarts at 0 (or a missing one read as 0) rebuilds an old key. Mint a version no earlier entry can carry (a random one)').toBe(2500);
  });

  it('a write while Redis is down still succeeds, without hanging', async () => {
    const a = await api();
    await a.proxy.down();
    const res = await call(a.base, '/products/2', { method: 'PATCH', json: { price: 900 }, hangHint: 'the PATCH waited for a Redis that is down' });
    expect(res.status, 'the write committed: a failed invalidation must not turn it into an error (report it; the TTL bounds the staleness)').toBe(200);
    expect(price(await call(a.base, '/products/2')), 'and reads, served by the store, see it').toBe(900);
    await a.proxy.up();
  });

  it("GET /me/orders is cached per user: alice's orders never reach bob", async () => {
    const a = await api();
    const alice = await call(a.base, '/me/orders', { headers: { authorization: 'Bearer alice-token' } });
    expect((alice.body as Array<{ id: string }>).map((o) => o.id), "alice's orders").toEqual(['o-1', 'o-2']);
    const bob = await call(a.base, '/me/orders', { headers: { authorization: 'Bearer bob-token' } });
    expect((bob.body as Array<{ id: string }>).map((o) => o.id), "bob must get his own orders, not alice's cached ones: cache this route with scope 'user'").toEqual(['o-3']);
    await until(async () => (await call(a.base, '/me/orders', { headers: { authorization: 'Bearer alice-token' } })).cache === 'HIT', 3000, "alice's orders are never served from the cache: a 'user'-scoped route may store a private response under the user's key");
    const anon = await call(a.base, '/me/orders');
    expect([anon.status, anon.cache === 'HIT'], 'without a token: 401, never from the cache').toEqual([401, false]);
  });
});
