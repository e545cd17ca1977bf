// Helpers shared by the verify tests (not a test file itself).
import { readFile } from 'node:fs';

/** Blocks the thread for `ms`, so that a timer scheduled before is due at the next timers phase. */
export function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/** Rejects with `what` when `promise` has not settled within `ms` (a hang becomes a clear failure). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (err: unknown) => (clearTimeout(timer), reject(err)),
    );
  });
}

/** Calls `fn` from inside a setImmediate callback (a macrotask, like a CommonJS main script). */
export function fromImmediate<T>(fn: () => Promise<T>, after?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(fn());
        after?.();
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** Calls `fn` from inside an fs.readFile callback (the poll phase). */
export function fromIoCallback<T>(file: string, fn: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    readFile(file, (err) => {
      if (err) return reject(err);
      try {
        resolve(fn());
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** Calls `fn` from inside a promise callback (a microtask, like an ES module's top level). */
export function fromPromiseCallback<T>(fn: () => Promise<T>): Promise<T> {
  return Promise.resolve().then(fn);
}

export const MICROTASKS_CJS = ['nextTick', 'promise', 'queueMicrotask'];
export const MICROTASKS_ESM = ['promise', 'queueMicrotask', 'nextTick'];
export const MACROTASKS = ['setTimeout', 'setImmediate'];

/** Problems with an order of the five APIs, or [] when it is one Node.js allows from some context. */
export function orderProblems(order: unknown): string[] {
  if (!Array.isArray(order)) return [`expected an array of labels, got ${JSON.stringify(order)}`];
  const all = [...MICROTASKS_CJS, ...MACROTASKS];
  const problems: string[] = [];
  for (const api of all) {
    const n = order.filter((x) => x === api).length;
    if (n !== 1) problems.push(`${api} appears ${n} times (each of the five callbacks must be recorded exactly once)`);
  }
  if (order.length !== 5) problems.push(`expected 5 labels, got ${order.length}`);
  if (problems.length) return problems;
  const micro = order.slice(0, 3).join(' ');
  if (micro !== MICROTASKS_CJS.join(' ') && micro !== MICROTASKS_ESM.join(' ')) {
    problems.push(`the three microtask callbacks must run first, promise before queueMicrotask (FIFO), with nextTick first or last; got ${micro}`);
  }
  return problems;
}

/** A readable rendering of a test outcome for failure messages (errors as `Name: message`). */
export function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v));
}

/** The most telling line of a crashed process's stderr: the error line if there is one, else the tail. */
export function stderrSummary(stderr: string): string {
  const lines = stderr.trim().split('\n').filter(Boolean);
  return lines.find((l) => /\b\w*Error\b/.test(l))?.trim() ?? lines.slice(-3).join(' | ');
}
