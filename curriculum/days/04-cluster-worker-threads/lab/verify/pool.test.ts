import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { importTarget, scratchDir } from 'nodeprep/testkit';

type PoolModule = typeof import('../solution/pool.js');

interface Task {
  id: number;
  /** Busy-loop this long, like CPU work (a thread stuck in it can only be stopped by terminating it). */
  ms?: number;
  throw?: string;
  exit?: number;
}
interface Done {
  id: number;
  thread: number;
  started: number;
  ended: number;
}
type Pool = import('../solution/pool.js').WorkerPool<Task, Done>;

// A thread script for the pool under test: one result message per task message. While it works it
// reports a heartbeat every 20 ms on a BroadcastChannel, so a check can tell whether it was stopped.
const thread = (channel: string) => `
import { parentPort, threadId, BroadcastChannel } from 'node:worker_threads';
const heartbeat = new BroadcastChannel(${JSON.stringify(channel)});
parentPort.on('message', (task) => {
  if (task.throw) throw new Error(task.throw);
  if (task.exit !== undefined) process.exit(task.exit);
  const started = Date.now();
  let beat = 0;
  for (let now = started; now - started < (task.ms ?? 0); now = Date.now()) {
    if (now - beat >= 20) heartbeat.postMessage((beat = now));
  }
  parentPort.postMessage({ id: task.id, thread: threadId, started, ended: Date.now() });
});
`;

let pools: Pool[] = [];
let channels: BroadcastChannel[] = [];
/** A pool of `size` threads, and the time of the last heartbeat any of its threads sent while working. */
async function pool(size: number): Promise<Pool & { lastBeat(): number }> {
  const { WorkerPool } = await importTarget<PoolModule>('pool.ts');
  const dir = scratchDir('pool-');
  const file = join(dir, 'thread.mjs');
  writeFileSync(file, thread(dir));
  const heartbeat = new BroadcastChannel(dir);
  let last = 0;
  heartbeat.onmessage = (e) => (last = Math.max(last, (e as { data: number }).data));
  heartbeat.unref();
  channels.push(heartbeat);
  const p = new WorkerPool<Task, Done>(pathToFileURL(file), size);
  pools.push(p);
  return Object.assign(p, { lastBeat: () => last });
}
afterEach(async () => {
  await Promise.allSettled(pools.map((p) => p.close()));
  for (const c of channels) c.close();
  pools = [];
  channels = [];
});

/** Settles within `ms`, or reports that it did not. */
function within<T>(p: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown; timedOut?: true }> {
  return Promise.race([
    p.then((value) => ({ value }), (error: unknown) => ({ error })),
    new Promise<{ timedOut: true }>((resolve) => setTimeout(() => resolve({ timedOut: true }), ms).unref()),
  ]);
}

describe('WorkerPool (pool.ts)', () => {
  it('runs at most `size` tasks at once, in FIFO order, and hands each result to its own caller', async () => {
    const p = await pool(2);
    const results = await Promise.all(Array.from({ length: 6 }, (_, id) => p.run({ id, ms: 100 })));
    expect(results.map((r) => r.id), 'each run() must resolve with the result of its own task').toEqual([0, 1, 2, 3, 4, 5]);
    const threads = new Set(results.map((r) => r.thread));
    expect(threads.size, `a pool of 2 must run 6 tasks on exactly its 2 threads (saw threads ${[...threads].join(', ')})`).toBe(2);
    // The most tasks running at one instant: sweep over start (+1) and end (-1) events, ends first on ties.
    const events = results.flatMap((r) => [[r.started, 1], [r.ended, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let running = 0;
    let busiest = 0;
    for (const [, delta] of events) busiest = Math.max(busiest, (running += delta));
    expect(busiest, 'no more than 2 tasks may run at the same time in a pool of 2').toBeLessThanOrEqual(2);

    const one = await pool(1);
    const order = await Promise.all(Array.from({ length: 4 }, (_, id) => one.run({ id, ms: 20 })));
    const byStart = [...order].sort((a, b) => a.started - b.started || a.id - b.id).map((r) => r.id);
    expect(byStart, 'queued tasks must start in the order run() was called').toEqual([0, 1, 2, 3]);
  });

  it('rejects the task whose thread throws or exits, replaces the thread, and keeps serving the queue', async () => {
    const p = await pool(1);
    const boom = within(p.run({ id: 1, throw: 'boom' }), 5_000);
    const queued = within(p.run({ id: 2 }), 5_000);
    const outcome = await boom;
    expect(outcome.error instanceof Error && outcome.error.message, 'a thread that throws must reject its task with that error').toBe('boom');
    expect((await queued).value?.id, 'the task queued behind the crash must still run, on a replacement thread').toBe(2);

    const exited = await within(p.run({ id: 3, exit: 7 }), 5_000);
    expect(exited.error, 'a thread that exits without answering must reject its task (not leave it pending)').toBeInstanceOf(Error);
    expect((await within(p.run({ id: 4 }), 5_000)).value?.id, 'after a thread exits, the next task must run on a replacement').toBe(4);
  });

  it('honours AbortSignal: a queued task is dropped, a running one is stopped, and its thread is replaced', async () => {
    const p = await pool(1);
    const already = AbortSignal.abort(new Error('already'));
    expect((await within(p.run({ id: 0 }, { signal: already }), 1_000)).error, 'an already-aborted signal must reject with signal.reason').toBe(already.reason);

    const running = new AbortController();
    const queued = new AbortController();
    const long = within(p.run({ id: 1, ms: 60_000 }, { signal: running.signal }), 5_000);
    const waiting = within(p.run({ id: 2 }, { signal: queued.signal }), 5_000);
    const next = within(p.run({ id: 3 }), 15_000);
    await new Promise((r) => setTimeout(r, 200));
    queued.abort(new Error('not needed'));
    expect((await waiting).error, 'aborting a queued task must reject it with signal.reason').toBe(queued.signal.reason);
    running.abort(new Error('client went away'));
    expect((await long).error, 'aborting a running task must reject it with signal.reason at once (terminate its thread), not after the 60 s of work').toBe(running.signal.reason);
    const after = await next;
    expect(after.value?.id, 'the next task must run on a fresh thread instead of waiting behind the abandoned 60 s task').toBe(3);
  });

  it('close() rejects queued and running tasks, terminates the threads, and refuses new tasks', async () => {
    const p = await pool(2);
    expect((await within(p.run({ id: 0 }), 5_000)).value?.id, 'the pool must run a task before it is closed').toBe(0);
    // within() attaches handlers at once, so the rejections close() causes are handled.
    const tasks = [p.run({ id: 1, ms: 60_000 }), p.run({ id: 2, ms: 60_000 }), p.run({ id: 3 })].map((t) => within(t, 6_000));
    const deadline = Date.now() + 5_000;
    while (p.lastBeat() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(p.lastBeat(), 'the two 60 s tasks must be running before close()').toBeGreaterThan(0);
    const closed = await within(p.close(), 5_000);
    const closedAt = Date.now();
    expect(closed.timedOut, 'close() must resolve once the threads are terminated, even while they are busy').toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(p.lastBeat(), 'a thread was still working after close() resolved: close() must terminate busy threads (worker.terminate()) and wait for it').toBeLessThanOrEqual(closedAt);
    for (const [i, task] of tasks.entries()) {
      expect((await task).error, `task ${i + 1} (${i < 2 ? 'running' : 'queued'}): close() must reject every task it did not finish`).toBeInstanceOf(Error);
    }
    expect((await within(p.run({ id: 4 }), 1_000)).error, 'run() after close() must reject').toBeInstanceOf(Error);
  });
});
