import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import { setTimeout as setTimeoutCb } from 'node:timers';
import { join } from 'node:path';
import { importTarget, scratchDir } from 'nodeprep/testkit';
import { describeError, trackUnhandled } from './helpers.js';

const { promisify } = await importTarget<typeof import('../solution/promisify.js')>('promisify.ts');

type Cb = (err: unknown, ...values: unknown[]) => void;
/** Node's registered symbol, spelled out here so the check does not depend on the lab's own export. */
const CUSTOM = Symbol.for('nodejs.util.promisify.custom');

describe('promisify: values and errors', () => {
  it('returns a function whose call returns a promise of the value the callback passes', async () => {
    const add = (a: number, b: number, cb: (err: Error | null, sum: number) => void) => {
      setImmediate(() => cb(null, a + b));
    };
    const addAsync = promisify(add);
    const returned = addAsync(2, 3);
    expect(typeof (returned as { then?: unknown })?.then, 'calling the promisified function must return a promise').toBe('function');
    expect(await returned, 'add(2, 3, cb) calls back with (null, 5), so the promise must resolve with 5').toBe(5);
  });

  it('passes every argument through, with the callback appended last', async () => {
    let seen: unknown[] = [];
    const fn = (...args: unknown[]) => {
      seen = args;
      (args[args.length - 1] as Cb)(null, 'ok');
    };
    await promisify(fn)(1, 'two', undefined);
    expect(seen.length, 'fn(1, "two", undefined) must receive those 3 arguments plus the callback').toBe(4);
    expect(seen.slice(0, 3), 'the arguments must arrive unchanged and in order').toEqual([1, 'two', undefined]);
    expect(typeof seen[3], 'the last argument must be the callback').toBe('function');
  });

  it('rejects with the very error the callback passes', async () => {
    const boom = Object.assign(new Error('disk on fire'), { code: 'EFIRE' });
    const fn = (cb: Cb) => setImmediate(() => cb(boom));
    const r = await promisify(fn)().then(() => 'resolved', (e: unknown) => e);
    expect(r, 'cb(err) must reject with that same error object, not a copy or a wrapper').toBe(boom);
  });

  it('treats null and undefined as "no error"', async () => {
    const withNull = (cb: Cb) => cb(null, 'a');
    const withUndefined = (cb: Cb) => cb(undefined, 'b');
    expect(await promisify(withNull)(), 'cb(null, "a") must resolve with "a"').toBe('a');
    expect(await promisify(withUndefined)(), 'cb(undefined, "b") must resolve with "b"').toBe('b');
  });

  it('works on a real callback API: fs.readFile resolves with the text, and rejects with ENOENT for a missing file', async () => {
    const dir = scratchDir();
    const file = join(dir, 'hello.txt');
    fs.writeFileSync(file, 'héllo');
    const readFile = promisify(fs.readFile as (p: string, enc: 'utf8', cb: (err: NodeJS.ErrnoException | null, text: string) => void) => void);
    expect(await readFile(file, 'utf8'), 'promisify(fs.readFile)(file, "utf8") must resolve with its text').toBe('héllo');
    const err = await readFile(join(dir, 'missing.txt'), 'utf8').then(() => null, (e: unknown) => e);
    expect((err as NodeJS.ErrnoException | null)?.code, 'a missing file must reject with fs.readFile\'s own ENOENT error').toBe('ENOENT');
  });

  it('throws a TypeError when given something that is not a function', () => {
    let thrown: unknown;
    try {
      promisify(42 as unknown as () => void);
    } catch (e) {
      thrown = e;
    }
    expect(thrown, 'promisify(42) must throw a TypeError at once, as util.promisify does').toBeInstanceOf(TypeError);
  });
});

describe('promisify: this', () => {
  it('preserves `this`: a promisified method called on its object sees that object', async () => {
    const store = {
      name: 'store',
      whoAmI(this: unknown, cb: (err: Error | null, self: unknown) => void) {
        const self = this;
        setImmediate(() => cb(null, self));
      },
      whoAmIAsync: undefined as unknown as () => Promise<unknown>,
    };
    store.whoAmIAsync = promisify(store.whoAmI);
    const seen = await store.whoAmIAsync();
    expect(seen === store, `store.whoAmIAsync() must call whoAmI with this === store (it saw ${seen === undefined ? 'undefined' : String(seen)}): use fn.call(this, ...args, callback)`).toBe(true);
  });

  it('preserves `this` for .call and for a method promisified on a class prototype', async () => {
    class Counter {
      constructor(private count: number) {}
      next(step: number, cb: (err: Error | null, value: number) => void) {
        this.count += step;
        const value = this.count;
        setImmediate(() => cb(null, value));
      }
    }
    const nextAsync = promisify(Counter.prototype.next);
    const a = new Counter(10);
    const b = new Counter(100);
    const viaCall = await settleValue(() => nextAsync.call(a, 1));
    const viaMethod = await settleValue(() => (Object.assign(b, { nextAsync }) as Counter & { nextAsync: typeof nextAsync }).nextAsync(5));
    expect(viaCall, 'nextAsync.call(a, 1) must run next() on a (10 + 1)').toBe(11);
    expect(viaMethod, 'b.nextAsync(5) must run next() on b (100 + 5)').toBe(105);
  });
});

describe('promisify: callbacks with several values', () => {
  const pair = (n: number, cb: (err: Error | null, a: number, b: number) => void) => setImmediate(() => cb(null, n, n * 2));

  it('resolves with the first value when the callback passes several and no multiArgs is given', async () => {
    expect(await promisify(pair)(7), 'cb(null, 7, 14) without multiArgs must resolve with 7, as util.promisify does').toBe(7);
  });

  it('multiArgs: [names] resolves (err, a, b) as { a, b }', async () => {
    const got = await promisify(pair, { multiArgs: ['single', 'double'] })(7);
    expect(got, 'cb(null, 7, 14) with multiArgs ["single", "double"] must resolve with { single: 7, double: 14 }').toEqual({ single: 7, double: 14 });
  });

  it('multiArgs: true resolves with every value as an array', async () => {
    const got = await promisify(pair, { multiArgs: true })(7);
    expect(got, 'cb(null, 7, 14) with multiArgs: true must resolve with [7, 14]').toEqual([7, 14]);
  });

  it('multiArgs works on a real two-value callback: fs.read(fd, …) → { bytesRead, buffer }', async () => {
    const dir = scratchDir();
    const file = join(dir, 'data.bin');
    fs.writeFileSync(file, 'abcdefgh');
    const fd = fs.openSync(file, 'r');
    try {
      type ReadCb = (err: NodeJS.ErrnoException | null, bytesRead: number, buffer: Buffer) => void;
      const read = promisify(fs.read as (fd: number, b: Buffer, o: number, l: number, p: number, cb: ReadCb) => void, {
        multiArgs: ['bytesRead', 'buffer'],
      });
      const target = Buffer.alloc(4);
      const got = (await read(fd, target, 0, 4, 2)) as { bytesRead: number; buffer: Buffer };
      expect(Object.keys(got).sort(), 'the result must have exactly the keys named in multiArgs').toEqual(['buffer', 'bytesRead']);
      expect(got.bytesRead, 'fs.read of 4 bytes at offset 2 must report 4 bytes read').toBe(4);
      expect(got.buffer.toString(), 'the buffer must hold bytes 2-5 of the file').toBe('cdef');
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('promisify: promisify.custom', () => {
  it('returns fn[Symbol.for("nodejs.util.promisify.custom")] itself when fn has one, and never calls fn', async () => {
    let callbackVersionCalls = 0;
    const legacy = Object.assign((_key: string, cb: Cb) => {
      callbackVersionCalls++;
      cb(null, 'from the callback version');
    }, {
      [CUSTOM]: (key: string) => Promise.resolve(`custom:${key}`),
    });
    const p = promisify(legacy);
    expect(p, 'promisify(fn) must return fn[promisify.custom] unchanged when it is set').toBe(legacy[CUSTOM]);
    expect(await p('k'), 'the custom promise version must be what runs').toBe('custom:k');
    expect(callbackVersionCalls, 'the callback version must not be called when a custom version exists').toBe(0);
  });

  it("honours promisify.custom on Node's own functions: setTimeout and fs.exists", async () => {
    const dir = scratchDir();
    const sleep = promisify(setTimeoutCb as unknown as (...args: unknown[]) => unknown);
    const slept = await settleValue(() => sleep(5, 'woke'));
    expect(slept, 'promisify(setTimeout)(5, "woke") must use setTimeout[promisify.custom] and resolve with "woke"').toBe('woke');
    const exists = promisify(fs.exists as unknown as (...args: unknown[]) => unknown);
    const found = await settleValue(() => exists(dir));
    expect(found, 'promisify(fs.exists)(dir) must use fs.exists[promisify.custom] and resolve with true (the plain callback passes true as its first argument)').toBe(true);
  });

  it('promisifying an already promisified function returns it unchanged', () => {
    const fn = (cb: Cb) => cb(null, 1);
    const once = promisify(fn);
    expect(promisify(once as unknown as (cb: Cb) => void), 'promisify(promisify(fn)) must return promisify(fn) itself: mark your result with promisify.custom').toBe(once);
  });
});

describe('promisify: badly behaved callback functions', () => {
  it('a callback called synchronously, before fn returns, still resolves', async () => {
    const syncFn = (cb: Cb) => cb(null, 'now');
    expect(await promisify(syncFn)(), 'cb(null, "now") called before fn returns must resolve with "now"').toBe('now');
    const syncErr = new Error('sync failure');
    const syncFail = (cb: Cb) => cb(syncErr);
    const r = await promisify(syncFail)().then(() => 'resolved', (e: unknown) => e);
    expect(r, 'cb(err) called before fn returns must reject with err').toBe(syncErr);
  });

  it('a callback called twice: the first call wins, the second is ignored without an unhandled rejection', async () => {
    const unhandled = trackUnhandled();
    const twice = (cb: Cb) => {
      cb(null, 1);
      setImmediate(() => cb(null, 2));
    };
    const successThenError = (cb: Cb) => {
      setImmediate(() => cb(null, 'first'));
      setImmediate(() => cb(new Error('late error')));
    };
    const errorThenSuccess = (cb: Cb) => {
      cb(new Error('first error'));
      cb(null, 'late value');
    };
    expect(await promisify(twice)(), 'cb(null, 1) then cb(null, 2) must resolve with 1').toBe(1);
    expect(await promisify(successThenError)(), 'cb(null, "first") then cb(err) must resolve with "first"').toBe('first');
    const r = await promisify(errorThenSuccess)().then(() => 'resolved', (e: unknown) => (e as Error).message);
    expect(r, 'cb(err) then cb(null, value) must reject with err').toBe('first error');
    const seen = await unhandled.stop();
    expect(seen.map(describeError), 'a second callback call must not surface as an unhandled rejection').toEqual([]);
  });

  it('a function that throws synchronously makes the promise reject instead of throwing from the call', async () => {
    const boom = new TypeError('bad argument');
    const throws = (_cb: Cb) => {
      throw boom;
    };
    const p = promisify(throws);
    let returned: Promise<unknown> | undefined;
    let thrown: unknown;
    try {
      returned = p();
    } catch (e) {
      thrown = e;
    }
    expect(thrown === undefined, `the promisified call must not throw (it threw ${describeError(thrown)}): return a rejected promise instead`).toBe(true);
    const r = await returned?.then(() => 'resolved', (e: unknown) => e);
    expect(r, 'the promise must reject with the error fn threw').toBe(boom);
  });

  it('a function that calls back and then throws resolves with the value it called back with', async () => {
    const callsThenThrows = (cb: Cb) => {
      cb(null, 'done');
      throw new Error('cleanup failed after the callback');
    };
    const r = await settleValue(() => promisify(callsThenThrows)());
    expect(r, 'the callback settled the promise first, so the later throw must not change the result').toBe('done');
  });
});

/** The resolved value, or a description of what went wrong (so a failure reads as a value mismatch). */
async function settleValue(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (e) {
    return `rejected with ${describeError(e)}`;
  }
}
