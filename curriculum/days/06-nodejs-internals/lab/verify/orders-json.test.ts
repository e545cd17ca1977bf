import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { importTarget } from 'nodeprep/testkit';

type OrdersJson = typeof import('../solution/orders-json.js');
type Orders = typeof import('../solution/orders.js');
type Importer = ReturnType<OrdersJson['createOrdersImporter']>;

const importers: Importer[] = [];
afterAll(async () => {
  await Promise.all(importers.map((i) => i.close().catch(() => undefined)));
});

/** Rejects with `message` when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then((v) => (clearTimeout(timer), resolve(v)), (e: unknown) => (clearTimeout(timer), reject(e)));
  });
}

/** A sink that keeps what is written, answering every write at once. */
function sink() {
  const parts: string[] = [];
  const out = new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { out, text: () => parts.join('') };
}

describe('orders-json.ts', () => {
  it('importOrders returns its promise before an 8 MB body is parsed: the parse runs in the worker', async () => {
    const { createOrdersImporter } = await importTarget<OrdersJson>('orders-json.ts');
    const { makeOrders } = await importTarget<Orders>('orders.ts');
    const importer = createOrdersImporter();
    importers.push(importer);
    await within(importer.ready, 30_000, "importer.ready did not resolve within 30 s: does orders-worker.ts post { type: 'ready' } once it has loaded?");
    const orders = makeOrders(64_000);
    const body = Buffer.from(JSON.stringify(orders));
    const t0 = performance.now();
    const pending = importer.importOrders(body);
    const syncMs = Math.round(performance.now() - t0);
    const summary = await pending;
    const totalMs = Math.round(performance.now() - t0);
    expect(summary.count, 'the summary must count every order').toBe(64_000);
    expect(syncMs, `importOrders ran ${syncMs} ms of its ${totalMs} ms before returning its promise: the parse blocked the event loop. A promise executor and an async function body run synchronously; post the bytes to a worker thread and await its answer`).toBeLessThan(totalMs / 4);
  });

  it('writeOrdersJson lets the event loop turn between slices: at least 40 turns while 100 000 orders are written', async () => {
    const { writeOrdersJson } = await importTarget<OrdersJson>('orders-json.ts');
    const { makeOrders } = await importTarget<Orders>('orders.ts');
    const orders = makeOrders(100_000);
    const { out, text } = sink();
    // A check-phase callback that re-arms itself counts the turns of the loop during the export.
    let turns = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    try {
      await writeOrdersJson(out, orders);
      await finished(out);
    } finally {
      running = false;
    }
    expect(JSON.parse(text()), 'the output must be one JSON array of all the orders').toHaveLength(100_000);
    expect(turns, `the event loop turned only ${turns} times while 100 000 orders were written: yield with setImmediate between slices, and keep a slice small (EXPORT_CHUNK_SIZE of a few hundred orders, about a millisecond of JSON.stringify)`).toBeGreaterThanOrEqual(40);
  });
});
