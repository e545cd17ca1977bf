import { Agent } from 'node:http';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForPortClosed } from 'nodeprep/testkit';
import { describeOutcome, distinct, get, shared, startCluster, stillAlive, track } from './_support.js';

// On a big machine, one worker per core would mean dozens of processes: check the default only up to 16.
const cores = availableParallelism();
const checkDefault = cores <= 16;

describe('graceful shutdown', () => {
  const server = shared(() => startCluster(checkDefault ? {} : { WORKERS: '2' }));
  afterAll(() => server.kill());

  it.skipIf(!checkDefault)(`forks one worker per core (${cores} here) when WORKERS is not set`, async () => {
    const c = await server.get();
    const pids = distinct(await c.pids(Math.max(12, 4 * cores)));
    expect(pids.length, `without WORKERS there must be os.availableParallelism() = ${cores} workers; fresh connections reached ${pids.length}`).toBe(cores);
  });

  it('on SIGTERM stops accepting at once, finishes the in-flight request, closes keep-alive connections and exits 0', async () => {
    const c = await server.get();
    const workers = distinct(await c.pids(12));

    // An idle keep-alive connection: the server must close it when it starts draining.
    const idleAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const idle = await get(c.port, '/health', { agent: idleAgent });
    const idleClosed = new Promise<number>((resolve) => idle.socket.once('close', () => resolve(Date.now())));
    // The in-flight request rides on a keep-alive connection a worker already owns, so it is surely
    // being handled when SIGTERM arrives; after its response that connection is idle and must be closed too.
    const slowAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    await get(c.port, '/health', { agent: slowAgent });
    const slow = track(get(c.port, '/slow?ms=2500', { agent: slowAgent, timeoutMs: 20_000 }));
    await sleep(500);

    c.primary.kill('SIGTERM');
    const portClosed = waitForPortClosed(c.port, 2_000).then(() => Date.now(), () => undefined);
    await slow.settled;
    expect(slow.state.reply?.status, `the request in flight when SIGTERM arrived must still complete with 200; got ${describeOutcome(slow.state)}`).toBe(200);
    const closedAt = await portClosed;
    expect(closedAt, 'after SIGTERM the port must stop accepting new connections within 2 s').toBeDefined();
    expect(closedAt! < slow.state.at, 'new connections must be refused while the in-flight request is still running (stop accepting first, then drain)').toBe(true);

    const exit = await c.primary.exited(3_000).catch(() => undefined);
    expect(exit, 'the primary must exit within 3 s of the last response: a keep-alive connection whose response ended during the drain has to be closed (server.closeIdleConnections()), not left to keepAliveTimeout').toBeDefined();
    expect(exit, 'a clean drain must end with exit code 0').toEqual({ code: 0, signal: null });
    const idleAt = await Promise.race([idleClosed, sleep(1_000).then(() => undefined)]);
    expect(idleAt, 'the idle keep-alive connection must be closed by the server during the drain').toBeDefined();
    const left = await stillAlive(workers, 2_000);
    expect(left, `worker(s) ${left.join(', ')} still run after the primary exited`).toEqual([]);
    await waitForPortClosed(c.port, 1_000);
    idleAgent.destroy();
    slowAgent.destroy();
  });
});
