import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freePort, importTarget } from 'nodeprep/testkit';
import { busyWait, show, within } from './_support.js';

type Schedule = typeof import('../solution/schedule.js');
type Processor = Schedule['processInChunks'];
const load = () => importTarget<Schedule>('schedule.ts');

const ITEMS = 100_000;
const CHUNK = 100;
const items = () => Array.from({ length: ITEMS }, (_, i) => i);

/** How far `processor` had got when a timer that was already due when it started got to run. */
async function dueTimerDuring(processor: Processor): Promise<{ seen: number; total: number }> {
  let processed = 0;
  const timerRan = new Promise<number>((resolve) => setTimeout(() => resolve(processed), 0));
  busyWait(3); // the timer is due from now on: only the loop's own yielding decides when it runs
  const total = await within(processor(items(), () => void processed++, { chunkSize: CHUNK }), 10_000, 'the processing');
  const seen = await within(timerRan, 2000, 'the timer');
  return { seen, total };
}

/** How far `processor` had got when bytes already waiting on a connected socket were delivered. */
async function socketDataDuring(processor: Processor): Promise<{ seen: number; total: number }> {
  const port = await freePort();
  const server = createServer();
  const sockets: Socket[] = [];
  try {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect(port, '127.0.0.1');
    sockets.push(client);
    await once(client, 'connect');
    const [peer] = await accepted;
    sockets.push(peer);
    let processed = 0;
    const dataArrived = new Promise<number>((resolve) => peer.once('data', () => resolve(processed)));
    await tick(); // let the peer start reading
    client.write('ping'); // on loopback the bytes reach the peer's receive buffer right away
    const total = await within(processor(items(), () => void processed++, { chunkSize: CHUNK }), 10_000, 'the processing');
    const seen = await within(dataArrived, 2000, 'the socket data');
    return { seen, total };
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

const atMost = (chunks: number) => chunks * CHUNK;

describe('processInChunks(items, work, { chunkSize, signal }): the starvation guard', () => {
  it(`lets an already-due timer run within the first chunks of ${ITEMS} items`, async () => {
    const { processInChunks } = await load();
    const { seen, total } = await dueTimerDuring(processInChunks);
    expect(total, `processInChunks must resolve with the number of items processed`).toBe(ITEMS);
    expect(seen, `the timer ran only after ${seen} of ${ITEMS} items: yielding with setImmediate after each chunk of ${CHUNK} must let the timers phase run within ~2 chunks, while a nextTick or an awaited resolved promise never leaves the microtask queues`).toBeLessThanOrEqual(atMost(3));
  });

  it(`delivers data waiting on a socket within the first chunks of ${ITEMS} items`, async () => {
    const { processInChunks } = await load();
    const { seen, total } = await socketDataDuring(processInChunks);
    expect(total, `processInChunks must resolve with the number of items processed`).toBe(ITEMS);
    expect(seen, `the socket's data event ran only after ${seen} of ${ITEMS} items: between chunks the loop must get through its poll phase`).toBeLessThanOrEqual(atMost(4));
  });

  it(`works through ${ITEMS} items in chunks of 25 (4000 yields) in under 2 s — a yield costs microseconds, not a 1 ms timer`, async () => {
    const { processInChunks } = await load();
    let processed = 0;
    const started = performance.now();
    const outcome = await processInChunks(items(), () => void processed++, { chunkSize: 25, signal: AbortSignal.timeout(2000) }).then(
      (n) => ({ ok: true as const, n }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    const ms = Math.round(performance.now() - started);
    const perYield = processed ? ((ms * 25) / processed).toFixed(2) : '?';
    const rejected = outcome.ok ? '' : `, rejected with ${show(outcome.err)}`;
    expect(outcome.ok && ms < 2000, `processed ${processed} of ${ITEMS} items in ${ms} ms (${perYield} ms per yield${rejected}): setTimeout(0) is clamped to 1 ms and waits for the next timers phase; setImmediate runs in the very next check phase`).toBe(true);
  });

  it('stops between chunks and rejects with signal.reason when aborted mid-way', async () => {
    const { processInChunks } = await load();
    const controller = new AbortController();
    const reason = new Error('export cancelled');
    let processed = 0;
    setTimeout(() => controller.abort(reason), 0);
    busyWait(3);
    const outcome = await within(processInChunks(items(), () => void processed++, { chunkSize: CHUNK, signal: controller.signal }).then(
      (n) => ({ resolved: n }),
      (err: unknown) => ({ rejected: err }),
    ), 10_000, 'the processing');
    expect('rejected' in outcome && outcome.rejected, `an abort from a timer must reject the promise with signal.reason (the very object), got ${show(outcome)}`).toBe(reason);
    expect(processed, `after the abort no further chunk may run: it stopped after ${processed} of ${ITEMS} items`).toBeLessThanOrEqual(atMost(3));
  });

  it('rejects at once and calls work for no item when the signal is already aborted', async () => {
    const { processInChunks } = await load();
    const reason = new Error('already cancelled');
    let calls = 0;
    const outcome = await within(processInChunks(items(), () => void calls++, { signal: AbortSignal.abort(reason) }).then(
      (n) => ({ resolved: n }),
      (err: unknown) => ({ rejected: err }),
    ), 2000, 'the processing');
    expect('rejected' in outcome && outcome.rejected, 'an already-aborted signal must reject with its reason').toBe(reason);
    expect(calls, 'work must not be called once the signal is aborted').toBe(0);
  });

  it('rejects with the error work throws and calls work for no further item', async () => {
    const { processInChunks } = await load();
    const boom = new Error('bad row');
    const seen: number[] = [];
    const outcome = await within(processInChunks(items(), (item) => {
      seen.push(item);
      if (item === 150) throw boom;
    }, { chunkSize: CHUNK }).then((n) => ({ resolved: n }), (err: unknown) => ({ rejected: err })), 2000, 'the processing');
    expect('rejected' in outcome && outcome.rejected, `the error thrown by work must reject the promise, got ${show(outcome)}`).toBe(boom);
    expect(seen.at(-1), 'no item after the failing one may be processed').toBe(150);
  });

  it('processes a lazy iterable (a generator) once, in order, passing each index', async () => {
    const { processInChunks } = await load();
    let pulled = 0;
    function* rows() {
      for (let i = 0; i < 2500; i++) {
        pulled++;
        yield `row-${i}`;
      }
    }
    const got: string[] = [];
    const total = await within(processInChunks(rows(), (row, index) => void got.push(`${index}:${row}`), { chunkSize: 1000 }), 2000, 'the processing');
    expect(total, 'must resolve with the number of items').toBe(2500);
    expect(pulled, 'the generator must be iterated once, not materialised twice').toBe(2500);
    expect(got.every((s, i) => s === `${i}:row-${i}`), 'work(item, index) must see every item once, in order, with its index').toBe(true);
  });

  it('rejects a chunkSize that is not a positive integer with a RangeError', async () => {
    const { processInChunks } = await load();
    for (const chunkSize of [0, -5, 2.5, Number.NaN]) {
      let calls = 0;
      const outcome = await within(Promise.resolve().then(() => processInChunks([1, 2, 3], () => void calls++, { chunkSize })).then(
        (n) => ({ resolved: n }),
        (err: unknown) => ({ rejected: err }),
      ), 2000, 'the processing');
      expect('rejected' in outcome && outcome.rejected instanceof RangeError, `chunkSize ${chunkSize} must be rejected with a RangeError (it would never yield, or never advance), got ${show(outcome)}`).toBe(true);
      expect(calls, `with chunkSize ${chunkSize} no work may be done`).toBe(0);
    }
  });
});

describe('processWithNextTick(items, work, { chunkSize }): the counter-example', () => {
  it(`processes all ${ITEMS} items while an already-due timer waits until the very end`, async () => {
    const { processWithNextTick } = await load();
    const { seen, total } = await dueTimerDuring(processWithNextTick);
    expect(total, 'processWithNextTick must resolve with the number of items processed').toBe(ITEMS);
    expect(seen, 'a nextTick "yield" never leaves the next-tick queue, so the timer must only run after the last item').toBe(ITEMS);
  });

  it('keeps data waiting on a socket undelivered until the very end', async () => {
    const { processWithNextTick } = await load();
    const { seen, total } = await socketDataDuring(processWithNextTick);
    expect(total, 'processWithNextTick must resolve with the number of items processed').toBe(ITEMS);
    expect(seen, 'the poll phase cannot run while the next-tick queue refills itself, so the data event must come after the last item').toBe(ITEMS);
  });
});
