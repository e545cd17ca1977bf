import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTarget, scratchDir } from 'nodeprep/testkit';
import {
  busyWait,
  fromImmediate,
  fromIoCallback,
  fromPromiseCallback,
  MACROTASKS,
  MICROTASKS_CJS,
  MICROTASKS_ESM,
  orderProblems,
  show,
  within,
} from './_support.js';

type Schedule = typeof import('../solution/schedule.js');
const load = () => importTarget<Schedule>('schedule.ts');

function someFile(): string {
  const file = join(scratchDir('io-'), 'input.txt');
  writeFileSync(file, 'some bytes for fs.readFile\n');
  return file;
}

describe('orderFromHere(): scheduling from the caller\'s own context', () => {
  it('waits for setTimeout(0) even when setImmediate runs first (called inside an I/O callback)', async () => {
    const { orderFromHere } = await load();
    const order = await within(fromIoCallback(someFile(), orderFromHere), 2000, 'orderFromHere()');
    expect(orderProblems(order), `inside an I/O callback setImmediate runs before setTimeout(0); orderFromHere() must still resolve only once all five callbacks ran, got ${JSON.stringify(order)}: ${orderProblems(order).join('; ')}`).toEqual([]);
  });

  it('waits for setImmediate even when setTimeout(0) runs first (the timer was already due)', async () => {
    const { orderFromHere } = await load();
    // Called from a check-phase callback that then blocks for 5 ms: the timer is due when the loop
    // reaches the timers phase, which comes before the next check phase.
    const order = await within(fromImmediate(orderFromHere, () => busyWait(5)), 2000, 'orderFromHere()');
    expect(orderProblems(order), `here setTimeout(0) runs before setImmediate; orderFromHere() must still resolve only once all five callbacks ran, got ${JSON.stringify(order)}: ${orderProblems(order).join('; ')}`).toEqual([]);
  });

  it('from a macrotask (like a CommonJS main script): nextTick, then promise and queueMicrotask in FIFO order, before both macrotasks', async () => {
    const { orderFromHere } = await load();
    const order = await within(fromImmediate(orderFromHere), 2000, 'orderFromHere()');
    expect(order.slice(0, 3), `scheduled from a callback, the next-tick queue is drained before the promise microtask queue, and promise (queued first) runs before queueMicrotask; got ${JSON.stringify(order)}`).toEqual(MICROTASKS_CJS);
    expect([...order.slice(3)].sort(), `setTimeout(0) and setImmediate run after every microtask; got ${JSON.stringify(order)}`).toEqual([...MACROTASKS].sort());
  });

  it('from inside a promise callback (like an ES module\'s top level): promise and queueMicrotask run before nextTick', async () => {
    const { orderFromHere } = await load();
    const order = await within(fromPromiseCallback(orderFromHere), 2000, 'orderFromHere()');
    expect(order.slice(0, 3), `scheduled while the microtask queue is being drained, new microtasks run in the same drain and the next-tick queue waits for it to finish; got ${JSON.stringify(order)}`).toEqual(MICROTASKS_ESM);
  });
});

describe('orderFromIoCallback(file): scheduling from inside fs.readFile\'s callback', () => {
  it('records nextTick, promise, queueMicrotask, setImmediate, setTimeout — in that order, 20 times out of 20', async () => {
    const { orderFromIoCallback } = await load();
    const file = someFile();
    const expected = [...MICROTASKS_CJS, 'setImmediate', 'setTimeout'];
    for (let run = 1; run <= 20; run++) {
      const order = await within(orderFromIoCallback(file), 2000, `orderFromIoCallback() (run ${run})`);
      expect(order, `run ${run}: in the poll phase nextTick runs before promise callbacks (the callback is a macrotask, not a promise continuation) and setImmediate (check phase) before setTimeout(0) (next timers phase)`).toEqual(expected);
    }
  });

  it('rejects with the read error (ENOENT) for a missing file', async () => {
    const { orderFromIoCallback } = await load();
    const missing = join(scratchDir('io-'), 'no-such-file.txt');
    const outcome = await within(orderFromIoCallback(missing).then(
      (order) => ({ resolved: order }),
      (err: unknown) => ({ rejected: err }),
    ), 2000, 'orderFromIoCallback(missing file)');
    expect('rejected' in outcome && (outcome.rejected as NodeJS.ErrnoException | undefined)?.code, `orderFromIoCallback() must reject with fs.readFile's error for a missing file, got ${show(outcome)}`).toBe('ENOENT');
  });
});

describe('orderBetweenCallbacks(api): microtasks drain after every single callback', () => {
  const expected = ['A', 'A:nextTick', 'A:promise', 'B', 'B:nextTick', 'B:promise'];

  it('setImmediate: A, A\'s nextTick and promise callbacks, then B', async () => {
    const { orderBetweenCallbacks } = await load();
    const order = await within(orderBetweenCallbacks('setImmediate'), 2000, "orderBetweenCallbacks('setImmediate')");
    expect(order, 'since Node 11 both queues are drained after each immediate callback (not after the whole batch), and nextTick runs before the promise callback A queued first').toEqual(expected);
  });

  it('setTimeout(0): A, A\'s nextTick and promise callbacks, then B', async () => {
    const { orderBetweenCallbacks } = await load();
    const order = await within(orderBetweenCallbacks('setTimeout'), 2000, "orderBetweenCallbacks('setTimeout')");
    expect(order, 'since Node 11 both queues are drained after each timer callback (not after the whole batch), and nextTick runs before the promise callback A queued first').toEqual(expected);
  });
});
