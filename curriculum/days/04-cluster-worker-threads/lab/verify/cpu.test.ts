import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { describeOutcome, fib, get, median, shared, startCluster, stillAlive, track } from './_support.js';

// One worker, so every request below reaches the worker that runs the CPU task; one pool thread.
// /cpu?n=45 is minutes of naive recursion on any machine: it is always still running while we probe.
describe('CPU work off the event loop (WORKERS=1, CPU_THREADS=1)', () => {
  const server = shared(async () => {
    const c = await startCluster({ WORKERS: '1', CPU_THREADS: '1', SHUTDOWN_TIMEOUT_MS: '1000' });
    await c.pids(1); // remember the worker, to kill it even if a check leaves it blocked
    return c;
  });
  afterAll(() => server.kill());

  it('keeps GET /health under 50 ms (median) on the same worker while /cpu?n=45 runs', async () => {
    const { port } = await server.get();
    const abandon = new AbortController();
    const cpu = track(get(port, '/cpu?n=45', { signal: abandon.signal, timeoutMs: 120_000 }));
    try {
      await sleep(300); // the task has reached the worker
      const latencies: number[] = [];
      for (let i = 0; i < 12; i++) {
        const probe = await get(port, '/health', { timeoutMs: 1_000 }).catch((err: Error) => err);
        expect(probe instanceof Error ? probe.message : probe.status, `GET /health #${i + 1} while /cpu?n=45 runs: it must answer 200 at once; a blocked event loop answers nothing until the computation ends`).toBe(200);
        latencies.push((probe as { ms: number }).ms);
        await sleep(50);
      }
      expect(cpu.state.done, `/cpu?n=45 must still be running during the probes; it ended with ${describeOutcome(cpu.state)}`).toBe(false);
      const rounded = latencies.map(Math.round);
      expect(median(latencies), `/health latencies while the CPU task ran: ${rounded.join(', ')} ms; the median must stay under 50 ms`).toBeLessThan(50);
    } finally {
      abandon.abort();
      await cpu.settled;
    }
  });

  it('frees the pool thread when a /cpu client hangs up: the next /cpu is not stuck behind abandoned work', async () => {
    const { port } = await server.get();
    const abandon = new AbortController();
    const cpu = track(get(port, '/cpu?n=45', { signal: abandon.signal, timeoutMs: 120_000 }));
    await sleep(500);
    abandon.abort(); // the client gives up: the task must be cancelled, not left running for minutes
    await cpu.settled;
    const next = await get(port, '/cpu?n=25', { timeoutMs: 8_000 }).catch((err: Error) => err);
    expect(next instanceof Error ? next.message : { status: next.status, fib: next.json?.fib }, 'with CPU_THREADS=1, GET /cpu?n=25 must answer within 8 s after the client of /cpu?n=45 hung up: cancel the abandoned task (terminate its thread) and let a fresh thread take the queue').toEqual({ status: 200, fib: fib(25) });
  });

  it('on SIGTERM gives a hung request SHUTDOWN_TIMEOUT_MS (1 s here), then kills the workers and exits non-zero', async () => {
    const c = await server.get();
    const workers = [...c.workers];
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await get(c.port, '/health', { agent }).catch((err: Error) => {
      throw new Error(`GET /health failed before SIGTERM was sent (${err.message}): the worker must be responsive for this check (is an earlier /cpu still blocking it?)`);
    });
    const hung = track(get(c.port, '/slow?ms=30000', { agent, timeoutMs: 20_000 }));
    await sleep(500);
    const termAt = Date.now();
    c.primary.kill('SIGTERM');
    const exit = await c.primary.exited(8_000).catch(() => undefined);
    const took = Date.now() - termAt;
    expect(exit, 'with a request that would take 30 s, the primary must still exit soon after SHUTDOWN_TIMEOUT_MS (1 s): the drain needs a hard deadline').toBeDefined();
    expect(took, `the primary exited ${took} ms after SIGTERM: it must give in-flight requests SHUTDOWN_TIMEOUT_MS (1000 ms) before it kills anything`).toBeGreaterThanOrEqual(900);
    expect(exit!.code, `a shutdown cut short by the deadline must exit with a non-zero code (got ${exit!.signal ?? exit!.code})`).not.toBe(0);
    expect(exit!.code, 'the primary must exit by itself, not be killed by a signal').not.toBeNull();
    await hung.settled;
    expect(hung.state.reply?.status, `the 30 s request cannot have completed; it ended with ${describeOutcome(hung.state)}`).not.toBe(200);
    const left = await stillAlive(workers, 2_000);
    expect(left, `worker(s) ${left.join(', ')} still run after the deadline: the primary must kill them before it exits`).toEqual([]);
    agent.destroy();
  });
});
