// Shared helpers for this lab's checks (not a test file: vitest only runs *.test.ts).
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Lets `n` turns of the event loop pass, so pending callbacks, timers of 0 ms and I/O can run. */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await nextTurn();
}

/** A promise with its resolve and reject exposed. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Records promise rejections nobody handled while it listens. */
export function trackUnhandled() {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  return {
    seen,
    /** Waits a few turns so late rejections surface, then stops listening and returns them. */
    async stop(): Promise<unknown[]> {
      await turns(5);
      process.off('unhandledRejection', onUnhandled);
      return seen;
    },
  };
}

/** Settles `run()` (which may throw synchronously or reject) into a value or an error. */
export async function settle<T>(run: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Races `p` against a generous deadline, so a promise that never settles fails with a clear message. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (still pending after ${ms} ms)`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/** File-system requests (open, read, stat, close…) this process has in flight right now. */
export function fsRequestsInFlight(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('FSReq')).length;
}

/** Runs `run()` while sampling fsRequestsInFlight() on every turn; returns its result and the peak seen. */
export async function peakFsRequests<T>(run: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let done = false;
  let peak = 0;
  const p = run().finally(() => (done = true));
  p.catch(() => {}); // observed below; this only keeps the sampler from racing an unhandled rejection
  while (!done) {
    peak = Math.max(peak, fsRequestsInFlight());
    await nextTurn();
  }
  return { result: await p, peak };
}

/** Describes a settled error for a failure message. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}${'code' in err ? ` (${String(err.code)})` : ''}: ${err.message}`;
  return `non-Error value ${JSON.stringify(err)}`;
}
