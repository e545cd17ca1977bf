import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, importTarget, spawnTarget, waitForPort, waitForPortClosed } from 'nodeprep/testkit';
import { DB_URL, call, connectionsGone, connectionsNamed, createTestDb, lockRow, waitBlocked, type Reply, type TestDb } from './_helpers.js';

type ServerModule = typeof import('../solution/server.js');

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb('stop');
});
afterAll(async () => {
  await tdb?.close();
});

const appName = (what: string) => `d08-${what}-${randomBytes(4).toString('hex')}`;

/** Creates a task, then starts a PATCH that waits behind a row lock the check holds: a request in flight. */
async function requestInFlight(base: string, appName: string) {
  const created = await call(base, 'post', '/v2/tasks', { json: { title: 'drain me' } });
  expect(created.status, `POST /v2/tasks answers 201 (got ${created.status}: ${created.text.slice(0, 200)})`).toBe(201);
  expect(typeof created.headers.etag, 'POST /v2/tasks returns an ETag').toBe('string');
  const id = String(created.body.id);
  const lock = await lockRow(tdb.admin, id);
  let settled = false;
  const response = call(base, 'patch', `/v2/tasks/${id}`, { json: { status: 'done' }, headers: { 'if-match': created.headers.etag! } }).finally(() => (settled = true));
  response.catch(() => {}); // awaited later; a failure here must not become an unhandled rejection
  const blocked = await waitBlocked(tdb.admin, appName, 1, 5000);
  expect(blocked, 'the PATCH should be waiting for the row lock the check holds (is PATCH /v2/tasks/:id implemented?)').toBe(1);
  return { lock, response: response as Promise<Reply>, settled: () => settled };
}

describe('graceful shutdown', () => {
  it('close() stops accepting at once, lets the in-flight request finish, and only then closes the pool: no connection is left', async () => {
    const { start } = await importTarget<ServerModule>('server.ts');
    const name = appName('close');
    const api = await start({ connectionString: DB_URL, schema: tdb.schema, port: 0, applicationName: name });
    const base = `http://127.0.0.1:${api.port}`;
    const flight = await requestInFlight(base, name);
    try {
      expect(await connectionsNamed(tdb.admin, name), `the server's pool has connections named application_name=${name}`).toBeGreaterThan(0);
      let closed = false;
      const closing = api.close().then(() => (closed = true));
      await waitForPortClosed(api.port, 3000).catch(() => expect.fail('close() must stop accepting connections at once (server.close()), even while a request is in flight'));
      expect(flight.settled(), 'the in-flight request must still be running when the port closes: close the listener, do not cut requests').toBe(false);
      expect(closed, 'close() must not resolve while a request is still in flight').toBe(false);

      await flight.lock.release();
      const res = await flight.response;
      expect(res.status, `the in-flight PATCH completes normally once its lock is free (got ${res.status}: ${res.text.slice(0, 200)}); ending the pool before the server has drained fails it`).toBe(200);
      await Promise.race([closing, new Promise((_, reject) => setTimeout(() => reject(new Error('close() did not resolve within 8 s of the last request finishing')), 8000))]);
      const left = await connectionsGone(tdb.admin, name, 3000);
      expect(left, `after close() resolved, ${left} connection(s) of the pool were still open in PostgreSQL: call pool.end() once the server has drained`).toBe(0);
      await api.close(); // a second call is harmless
    } finally {
      await flight.lock.release();
      await api.close().catch(() => {});
    }
  });

  it('main.ts on SIGTERM drains the request in flight, then exits 0 on its own with no connection left', async () => {
    const port = await freePort();
    const name = appName('main');
    const p = spawnTarget('main.ts', {
      env: { DATABASE_URL: DB_URL, DB_SCHEMA: tdb.schema, PORT: String(port), PGAPPNAME: name, SHUTDOWN_TIMEOUT_MS: '6000' },
    });
    const exitedEarly = p.exited(30_000).then(
      (e) => Promise.reject(new Error(`main.ts exited (${e.signal ?? `code ${e.code}`}) before listening on PORT=${port}; stderr: ${p.stderr().slice(-500)}`)),
      () => new Promise<never>(() => {}),
    );
    await Promise.race([waitForPort(port, 20_000), exitedEarly]);
    const flight = await requestInFlight(`http://127.0.0.1:${port}`, name);
    try {
      p.kill('SIGTERM');
      await waitForPortClosed(port, 3000).catch(() => expect.fail('after SIGTERM the port must close at once'));
      expect(p.child.exitCode, 'the process must not exit while a request is in flight').toBeNull();
      await flight.lock.release();
      const res = await flight.response;
      expect(res.status, `the in-flight PATCH completes (got ${res.status}: ${res.text.slice(0, 200)})`).toBe(200);
      const exit = await p.exited(12_000).catch(() => null);
      expect(exit, 'the process exits after SIGTERM once drained').not.toBeNull();
      expect(
        exit!.code,
        `main.ts exited with ${exit!.signal ?? exit!.code}: exit code 1 means it hit SHUTDOWN_TIMEOUT_MS because something kept it alive after close() (an open pool keeps idle connections for 30 s). stderr: ${p.stderr().slice(-400)}`,
      ).toBe(0);
      expect(await connectionsGone(tdb.admin, name, 3000), 'no connection of the process is left in PostgreSQL').toBe(0);
    } finally {
      await flight.lock.release();
    }
  });
});
