import { describe, it, expect, beforeAll } from 'vitest';
import { getEventListeners } from 'node:events';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importTarget, scratchDir } from 'nodeprep/testkit';
import { deferred, describeError, settle, trackUnhandled, turns, within } from './helpers.js';

const { mapLimit } = await importTarget<typeof import('../solution/fs-promises.js')>('fs-promises.ts');

const FILES = 500;
let dir = '';
let files: string[] = [];

beforeAll(async () => {
  dir = scratchDir('maplimit-');
  files = Array.from({ length: FILES }, (_, i) => join(dir, `file-${String(i).padStart(3, '0')}.txt`));
  for (let i = 0; i < FILES; i += 50) {
    await Promise.all(files.slice(i, i + 50).map((f, j) => writeFile(f, String(i + j))));
  }
});

/** An fn that opens, reads and closes a real file while counting how many calls are in flight. */
function instrumentedReader() {
  const stats = { inFlight: 0, peak: 0, calls: 0 };
  const fn = async (file: string) => {
    stats.calls++;
    stats.inFlight++;
    stats.peak = Math.max(stats.peak, stats.inFlight);
    try {
      const handle = await open(file, 'r');
      try {
        return Number(await handle.readFile('utf8'));
      } finally {
        await handle.close();
      }
    } finally {
      stats.inFlight--;
    }
  };
  return { fn, stats };
}

const isAbortError = (e: unknown) => e instanceof Error && e.name === 'AbortError';

describe('mapLimit: bounded concurrency on real files', () => {
  it('never has more than `limit` calls in flight over 500 files (limit 8)', async () => {
    const { fn, stats } = instrumentedReader();
    const results = await within(mapLimit(files, 8, fn), 10_000, 'mapLimit over 500 files did not finish');
    expect(stats.peak, `at most 8 reads may be in flight at once, but ${stats.peak} were`).toBeLessThanOrEqual(8);
    expect(stats.calls, 'fn must be called exactly once per item').toBe(FILES);
    expect(results, 'results must be the file contents 0..499 in input order').toEqual(files.map((_, i) => i));
  });

  it('uses the whole limit: 8 calls run together, not one after another', async () => {
    const { fn, stats } = instrumentedReader();
    await mapLimit(files, 8, fn);
    expect(stats.peak, `with 500 slow items and limit 8, 8 calls should be in flight together (peak was ${stats.peak})`).toBe(8);
  });

  it('limit 1 runs the items strictly one at a time', async () => {
    const { fn, stats } = instrumentedReader();
    const results = await mapLimit(files.slice(0, 50), 1, fn);
    expect(stats.peak, `limit 1 must never overlap two calls (peak was ${stats.peak})`).toBe(1);
    expect(results, 'results must be in input order').toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('mapLimit: results', () => {
  it('returns results in input order even when later items finish first', async () => {
    const gates = Array.from({ length: 10 }, () => deferred<string>());
    const run = mapLimit(gates, 10, (gate) => gate.promise);
    run.catch(() => {}); // awaited below; this keeps an early failure from also surfacing as unhandled
    await turns(2);
    for (let i = gates.length - 1; i >= 0; i--) {
      gates[i]!.resolve(`item-${i}`);
      await turns(1); // item 9 completes first, item 0 last
    }
    const results = await within(run, 5_000, 'mapLimit did not resolve after every item finished');
    expect(results, 'results[i] must be fn(items[i]) whatever order the calls finished in').toEqual(gates.map((_, i) => `item-${i}`));
  });

  it('passes (item, index, signal) to fn and accepts any iterable', async () => {
    const seen: Array<[string, number, boolean]> = [];
    const results = await mapLimit(new Set(['a', 'b', 'c']), 2, async (item, index, signal) => {
      seen.push([item, index, signal instanceof AbortSignal]);
      return item.toUpperCase();
    });
    expect(results, 'mapLimit over a Set must map every element, in iteration order').toEqual(['A', 'B', 'C']);
    expect(seen.sort(), 'fn must receive (item, index, an AbortSignal)').toEqual([['a', 0, true], ['b', 1, true], ['c', 2, true]]);
  });

  it('resolves an empty input with [] without calling fn', async () => {
    let calls = 0;
    const results = await within(mapLimit([], 4, async () => void calls++), 2_000, 'mapLimit([]) never resolved');
    expect(results, 'no items → []').toEqual([]);
    expect(calls, 'fn must not be called for an empty input').toBe(0);
  });

  it('rejects with a RangeError for a limit that is not a positive integer', async () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      let called = false;
      const r = await settle(() => mapLimit([1, 2], limit, async () => void (called = true)));
      expect(!r.ok && r.error instanceof RangeError, `limit ${limit} must be refused with a RangeError (got ${r.ok ? 'a result' : describeError(r.error)})`).toBe(true);
      expect(called, `limit ${limit} must be refused before any work starts`).toBe(false);
    }
  });
});

describe('mapLimit: failures', () => {
  it('rejects with the first error and starts no new item after it', async () => {
    const started: number[] = [];
    let rejectedAt = -1;
    const boom = new Error('item 10 failed');
    const run = mapLimit(Array.from({ length: 100 }, (_, i) => i), 4, async (i) => {
      started.push(i);
      await turns(1 + (i % 3));
      if (i === 10) throw boom;
      return i;
    });
    const r = await within(run.then(() => 'resolved', (e: unknown) => e), 5_000, 'mapLimit did not settle after an item failed');
    rejectedAt = started.length;
    expect(r, 'the run must reject with the error item 10 threw').toBe(boom);
    await turns(20); // time for the calls still in flight to finish, and for any runaway worker to go on
    expect(started.length, `no item may start after the run rejected (${rejectedAt} had started, then ${started.length})`).toBe(rejectedAt);
    expect(Math.max(...started), `the run went on long after item 10 failed (it reached item ${Math.max(...started)}): with limit 4 only a few items can start while item 10 is failing`).toBeLessThanOrEqual(20);
  });

  it('a fn that throws synchronously rejects the run', async () => {
    const boom = new Error('sync throw on item 3');
    const r = await settle(() => mapLimit([0, 1, 2, 3, 4, 5], 2, (i: number) => {
      if (i === 3) throw boom;
      return Promise.resolve(i);
    }));
    expect(r.ok ? 'resolved' : r.error, 'a synchronous throw from fn must reject the run with that error').toBe(boom);
  });

  it('aborts the signal handed to calls still in flight when another item fails', async () => {
    const signals: AbortSignal[] = [];
    const boom = new Error('item 0 failed');
    const run = mapLimit([0, 1, 2, 3], 4, (i, _index, signal) => {
      signals.push(signal);
      if (i === 0) return turns(2).then(() => Promise.reject(boom));
      return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error(`item ${i} gave up`)), { once: true }));
    });
    const r = await within(run.then(() => 'resolved', (e: unknown) => e), 5_000, 'mapLimit did not settle after item 0 failed');
    expect(r, 'the run must reject with the first error, not a later one').toBe(boom);
    expect(signals.slice(1).map((s) => s.aborted), 'the signals of items 1-3, still in flight, must be aborted so they can stop').toEqual([true, true, true]);
  });

  it('several failures leave no unhandled rejection behind', async () => {
    const unhandled = trackUnhandled();
    const r = await settle(() => mapLimit(Array.from({ length: 8 }, (_, i) => i), 8, async (i) => {
      await turns(1 + i);
      throw new Error(`item ${i} failed`);
    }));
    await turns(15); // let every item reject
    const seen = await unhandled.stop();
    expect(r.ok ? 'resolved' : (r.error as Error).message, 'the run must reject with the first failure').toBe('item 0 failed');
    expect(seen.map(describeError), 'the later failures must be absorbed, not left as unhandled rejections').toEqual([]);
  });
});

describe('mapLimit: AbortSignal', () => {
  it('an already-aborted signal rejects with an AbortError and calls fn zero times', async () => {
    let calls = 0;
    const r = await settle(() => mapLimit([1, 2, 3], 2, async () => void calls++, { signal: AbortSignal.abort() }));
    expect(!r.ok && isAbortError(r.error), `must reject with an error named AbortError (got ${r.ok ? 'a result' : describeError(r.error)})`).toBe(true);
    expect(calls, 'no work may start when the signal is already aborted').toBe(0);
  });

  it('aborting mid-way rejects promptly with an AbortError even if in-flight calls never settle', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = mapLimit(Array.from({ length: 100 }, (_, i) => i), 4, (i) => {
      started.push(i);
      return new Promise<never>(() => {}); // ignores its signal and never settles
    }, { signal: controller.signal });
    run.catch(() => {});
    await turns(2);
    expect(started.length, 'with limit 4, four calls should be running before the abort').toBe(4);
    controller.abort();
    const r = await within(run.then(() => 'resolved', (e: unknown) => e), 2_000, 'mapLimit must reject as soon as the signal aborts, without waiting for in-flight calls');
    expect(isAbortError(r), `must reject with an error named AbortError (got ${describeError(r)})`).toBe(true);
  });

  it('starts no more work after an abort, even as in-flight calls finish', async () => {
    const controller = new AbortController();
    const gates: Array<ReturnType<typeof deferred<number>>> = [];
    const run = mapLimit(Array.from({ length: 100 }, (_, i) => i), 4, () => {
      const gate = deferred<number>();
      gates.push(gate);
      return gate.promise;
    }, { signal: controller.signal });
    run.catch(() => {});
    await turns(2);
    expect(gates.length, 'with limit 4, four calls should be running').toBe(4);
    gates[0]!.resolve(0); // one finishes: a fifth item starts, as it should
    await turns(2);
    const beforeAbort = gates.length;
    controller.abort();
    await settle(() => run);
    for (const gate of [...gates]) gate.resolve(1); // the in-flight calls finish after the abort
    await turns(10);
    expect(gates.length, `after abort() no item may start (${beforeAbort} had started, then ${gates.length}): check signal.aborted before starting each item`).toBe(beforeAbort);
  });

  it('aborts the signal handed to in-flight calls when the caller aborts', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const run = mapLimit([1, 2, 3], 3, (_i, _index, signal) => {
      signals.push(signal);
      return new Promise<never>(() => {});
    }, { signal: controller.signal });
    run.catch(() => {});
    await turns(2);
    controller.abort();
    await settle(() => within(run, 2_000, 'mapLimit did not reject on abort'));
    expect(signals.map((s) => s.aborted), 'each in-flight call\'s signal must be aborted when the caller aborts').toEqual([true, true, true]);
  });

  it('removes its abort listener when it settles (no leak on a long-lived signal)', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    for (let i = 0; i < 30; i++) {
      await mapLimit([1, 2, 3], 2, async (x) => x, { signal });
      await settle(() => mapLimit([1, 2, 3], 2, async () => Promise.reject(new Error('fail')), { signal }));
    }
    const left = getEventListeners(signal, 'abort').length;
    expect(left, `60 finished runs left ${left} 'abort' listeners on the caller's signal: remove yours when the run settles`).toBe(0);
  });
});
