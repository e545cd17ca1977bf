import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, scratchDir, spawnTarget, type Exit } from 'nodeprep/testkit';
import { distinct, fib, get, isAlive, shared, startCluster, stillAlive } from './_support.js';

describe('the cluster (WORKERS=2, CPU_THREADS=2)', () => {
  const server = shared(() => startCluster({ WORKERS: '2', CPU_THREADS: '2' }));
  afterAll(() => server.kill());

  it('forks WORKERS workers and spreads fresh connections across all of them', async () => {
    const c = await server.get();
    const pids = await c.pids(20);
    expect(pids, 'GET /pid must answer from a worker process, never from the primary').not.toContain(c.primary.pid);
    expect(distinct(pids).length, `20 fresh connections (Connection: close) must reach both workers; they came from pids ${distinct(pids).join(', ')}`).toBe(2);
  });

  it('answers /health, /pid and /slow, and rejects bad input with 400, unknown paths with 404, other methods with 405', async () => {
    const { port } = await server.get();
    const health = await get(port, '/health');
    expect({ status: health.status, json: health.json?.status }, 'GET /health must answer 200 with {"status":"ok"}').toEqual({ status: 200, json: 'ok' });
    expect(health.headers['content-type'], 'responses are JSON').toMatch(/^application\/json/);

    const slow = await get(port, '/slow?ms=300');
    expect(slow.status, 'GET /slow?ms=300 must answer 200').toBe(200);
    expect(slow.ms, 'GET /slow?ms=300 must answer no sooner than 300 ms after the request').toBeGreaterThanOrEqual(295);

    for (const path of ['/slow', '/slow?ms=abc', '/slow?ms=-5', '/slow?ms=1.5', '/slow?ms=60001', '/cpu', '/cpu?n=-1', '/cpu?n=2.5', '/cpu?n=ten', '/cpu?n=46']) {
      const r = await get(port, path);
      expect(r.status, `GET ${path} must be rejected with 400 (slow: ms is an integer 0..60000; cpu: n is an integer 0..45)`).toBe(400);
    }
    expect((await get(port, '/nope')).status, 'an unknown path must answer 404').toBe(404);
    expect((await get(port, '/health', { method: 'POST' })).status, 'POST /health must answer 405 (only GET and HEAD are allowed)').toBe(405);
  });

  it('/cpu returns the right Fibonacci numbers, computed on worker threads, not the main thread', async () => {
    const { port } = await server.get();
    for (const n of [0, 1, 2, 10, 25]) {
      const r = await get(port, `/cpu?n=${n}`);
      expect({ status: r.status, n: r.json?.n, fib: r.json?.fib }, `GET /cpu?n=${n} must answer 200 with {"n":${n},"fib":${fib(n)},…}`).toEqual({ status: 200, n, fib: fib(n) });
      expect(r.json?.thread, `GET /cpu?n=${n}: "thread" must be the threadId of the worker thread that computed it; 0 means the main thread did the work`).toBeGreaterThan(0);
    }
  });

  it('runs /cpu on a fixed pool of CPU_THREADS threads per worker, not a new thread per request', async () => {
    const { port } = await server.get();
    const replies = [];
    for (let round = 0; round < 2; round++) {
      replies.push(...(await Promise.all(Array.from({ length: 8 }, (_, i) => get(port, `/cpu?n=${20 + (i % 4)}`, { timeoutMs: 15_000 })))));
    }
    const threadsByPid = new Map<number, Set<number>>();
    for (const r of replies) {
      expect({ status: r.status, fib: r.json?.fib }, `16 concurrent-ish /cpu requests must all succeed with the right result (queued, not dropped)`).toEqual({ status: 200, fib: fib(r.json?.n) });
      expect(Number.isInteger(r.json?.pid), '/cpu must report the worker process that answered as "pid"').toBe(true);
      expect(r.json?.thread, '/cpu must run on a pool thread ("thread" is its threadId; 0 is the main thread)').toBeGreaterThan(0);
      const set = threadsByPid.get(r.json.pid) ?? new Set<number>();
      set.add(r.json.thread);
      threadsByPid.set(r.json.pid, set);
    }
    for (const [pid, threads] of threadsByPid) {
      expect(threads.size, `worker ${pid} answered its share of 16 /cpu requests on threads ${[...threads].join(', ')}: with CPU_THREADS=2 a fixed pool uses at most 2 threads and queues the rest`).toBeLessThanOrEqual(2);
    }
  });

  it('replaces a worker killed with SIGKILL, and the new worker serves requests', async () => {
    const c = await server.get();
    const before = distinct(await c.pids(20));
    expect(before.length, 'both workers must be serving before one is killed').toBe(2);
    const [victim, survivor] = before as [number, number];
    process.kill(victim, 'SIGKILL');

    let replacement: number | undefined;
    const deadline = Date.now() + 15_000;
    while (replacement === undefined && Date.now() < deadline) {
      const r = await get(c.port, '/pid', { timeoutMs: 2_000 }).catch(() => undefined); // a connection may hit the dying worker
      const pid: unknown = r?.json?.pid;
      if (typeof pid === 'number' && !before.includes(pid)) replacement = pid;
      else await sleep(50);
    }
    expect(replacement, `no new worker answered within 15 s after worker ${victim} was killed: the primary must fork a replacement (after a short backoff)`).toBeDefined();
    c.workers.add(replacement!);
    expect(isAlive(victim), `the killed worker ${victim} must be gone`).toBe(false);
    const after = distinct(await c.pids(20));
    expect(after.sort(), 'after the restart, the surviving worker and the replacement must share fresh connections').toEqual([survivor, replacement!].sort());
  });

  it('takes its workers down with it when the primary itself is killed (SIGKILL)', async () => {
    const c = await server.get();
    const workers = distinct(await c.pids(10));
    c.primary.kill('SIGKILL');
    const orphans = await stillAlive(workers, 5_000);
    expect(orphans, `worker(s) ${orphans.join(', ')} still run 5 s after the primary was killed: a worker must exit when its IPC channel to the primary closes (cluster does this for you unless you override 'disconnect' handling)`).toEqual([]);
  });
});

describe('restarting crashed workers', () => {
  // Preloaded into every process (cluster.fork() passes the primary's execArgv on): each cluster
  // worker logs its start and crashes at once, like a worker with a broken configuration.
  const PRELOAD = `
import cluster from 'node:cluster';
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
if (cluster.isWorker && isMainThread) {
  appendFileSync(process.env.NP_FORK_LOG, process.pid + ' ' + Date.now() + '\\n');
  console.error('worker ' + process.pid + ': bad configuration, exiting');
  process.exit(1);
}
`;

  it('backs off exponentially (100, 200, 400, 800 ms) while workers crash on start, and gives up after 5 crashes in a row with a non-zero exit', async () => {
    const dir = scratchDir('crash-');
    const preload = join(dir, 'crash-on-start.mjs');
    const log = join(dir, 'forks.log');
    writeFileSync(preload, PRELOAD);
    const forks = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => Number(l.split(' ')[1])) : []);

    const port = await freePort();
    const primary = spawnTarget('server.ts', {
      env: { PORT: String(port), WORKERS: '1', NP_FORK_LOG: log },
      nodeArgs: ['--import', pathToFileURL(preload).href],
    });
    let exit: Exit | undefined;
    const exited = primary.exited(120_000).then((e) => (exit = e));
    // Watch until the primary gives up, a storm is obvious, or no worker has been forked for 5 s.
    const started = Date.now();
    const watching = () => {
      const times = forks();
      return !exit && times.length <= 8 && Date.now() - (times.at(-1) ?? started) < (times.length ? 5_000 : 20_000);
    };
    while (watching()) await sleep(50);
    const gaveUp = exit;
    if (!exit) primary.kill('SIGKILL');
    await exited;
    const times = forks();
    const elapsed = times.length ? ((times.at(-1)! - times[0]!) / 1000).toFixed(1) : '0';

    expect(times.length, times.length === 0
      ? 'no cluster worker ever started: fork workers with cluster.fork() and keep its default execArgv (the check preloads its crash module through it)'
      : `a worker that crashes must be restarted: only ${times.length} worker(s) were ever forked`).toBeGreaterThanOrEqual(3);
    expect(times.length, `fork storm: ${times.length} workers forked in ${elapsed} s for one crashing slot; wait 100, 200, 400, 800 ms between restarts and give up after 5 crashes in a row`).toBeLessThanOrEqual(6);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    gaps.forEach((gap, i) => {
      const want = 100 * 2 ** i;
      expect(gap, `restart ${i + 1} came ${gap} ms after the previous worker started; after ${i + 1} crash(es) in a row the primary must wait at least ${want} ms (gaps: ${gaps.join(', ')} ms)`).toBeGreaterThanOrEqual(want * 0.9);
    });
    expect(gaveUp, `after 5 crashes in a row the primary must stop restarting and exit by itself (it was still running ${elapsed} s after the first fork)`).toBeDefined();
    expect(gaveUp!.code, 'giving up on a crash loop must exit with a non-zero code, so the supervisor sees a failure').not.toBe(0);
  });
});
