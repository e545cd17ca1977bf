import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTarget } from 'nodeprep/testkit';
import { REQUEST_ID, call, expectProblem, looksLikeStack, rawRequest, serve } from './_http.js';

type AppModule = typeof import('../solution/app.js');
type ErrorLogEntry = import('../solution/app.js').ErrorLogEntry;
type UserStore = import('../solution/store.js').UserStore;

const { createApp } = await importTarget<AppModule>('app.ts');
const { AppError, NotFoundError } = await importTarget<typeof import('../solution/errors.js')>('errors.ts');
const { createMemoryStore } = await importTarget<typeof import('../solution/store.js')>('store.ts');

const BUG_MESSAGE = "Cannot read properties of undefined (reading 'db')";
const DB_ADDRESS = '10.0.3.7:5432';

/** Routes that fail on purpose, mounted through createApp's `routes` option. */
function failingRoutes(r: Router): void {
  r.get('/t/type-error', (_req, res) => {
    const config = undefined as unknown as { db: { host: string } };
    res.send(config.db.host); // a programmer error: TypeError, thrown synchronously
  });
  r.get('/t/async-not-found', async () => {
    await sleep(5);
    throw new NotFoundError('invoice 9');
  });
  r.get('/t/async-bug', async () => {
    await sleep(5);
    throw new Error('ledger invariant violated: balance is -3');
  });
  r.get('/t/callback', (_req, _res, next) => {
    setTimeout(() => next(new Error('cache refresh failed: redis timeout')), 5);
  });
  r.get('/t/string', () => {
    throw 'legacy code threw a string'; // eslint-disable-line no-throw-literal
  });
  r.get('/t/unavailable', async () => {
    throw new AppError('primary db pool exhausted (42/42 in use)', { status: 503, code: 'DB_POOL' });
  });
  r.get('/t/upstream-404', async () => {
    throw Object.assign(new Error('GET https://billing.internal/v1/invoices/9 answered 404'), { name: 'HTTPError', status: 404 });
  });
  r.get('/t/ok', (_req, res) => {
    res.json({ ok: true });
  });
}

/** The seeded store, plus users 7 and 8 whose activity stream fails, and an email domain whose insert hits a dead database. */
function faultyStore(): UserStore {
  const memory = createMemoryStore();
  return {
    get: async (id) => (id === '7' || id === '8' ? { id, name: 'Shard Test', email: `u${id}@example.com` } : memory.get(id)),
    insert: async (user) => {
      if (user.email.endsWith('@outage.test')) {
        throw Object.assign(new Error(`connect ECONNREFUSED ${DB_ADDRESS}`), { code: 'ECONNREFUSED' });
      }
      return memory.insert(user);
    },
    activity: (id) => {
      if (id === '7') {
        // fails before its first byte, the way a cursor fails to open
        return new Readable({
          read() {
            setImmediate(() => this.destroy(new Error('activity shard 7 unreachable')));
          },
        });
      }
      if (id === '8') {
        // fails after two lines, once the response has started
        return Readable.from(
          (async function* () {
            yield '{"seq":1,"action":"signed-up"}\n';
            yield '{"seq":2,"action":"logged-in"}\n';
            await sleep(50);
            throw new Error('activity shard 8 lost its cursor');
          })(),
        );
      }
      return memory.activity(id);
    },
  };
}

const logs: ErrorLogEntry[] = [];
let prod: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  prod = await serve(createApp({ env: 'production', routes: failingRoutes, log: (e) => void logs.push(e), store: faultyStore() }));
});
afterAll(async () => {
  await prod?.close();
});

describe('every error is an RFC 9457 problem+json response', () => {
  it('answers an unknown route with a 404 problem naming the path', async () => {
    const res = await call(prod.base, 'get', '/no/such/route');
    const body = expectProblem(res, 404, '/no/such/route', 'GET /no/such/route');
    expect(String(body.detail), 'the 404 detail should name the path that matched nothing').toContain('/no/such/route');
  });

  it('GET /users/:id for a missing user is a 404 problem with the NotFoundError message as detail', async () => {
    const ok = await call(prod.base, 'get', '/users/1');
    expect([ok.status, ok.body.email], 'GET /users/1 returns the seeded user Ada').toEqual([200, 'ada@example.com']);
    const res = await call(prod.base, 'get', '/users/404404');
    const body = expectProblem(res, 404, '/users/404404', 'GET /users/404404');
    expect(body.detail, 'an exposed 4xx AppError shows its message as detail').toBe('user 404404 not found');
  });

  it('POST /users with invalid fields is a 422 problem listing every invalid field', async () => {
    const res = await call(prod.base, 'post', '/users', { json: { name: '   ', email: 'not-an-email' } });
    const body = expectProblem(res, 422, '/users', 'POST /users with a blank name and a bad email');
    const errors = body.errors as Array<{ field?: unknown; message?: unknown }> | undefined;
    expect(Array.isArray(errors), 'a ValidationError adds an "errors" extension member: [{ field, message }]').toBe(true);
    expect(errors!.map((e) => e.field).sort(), 'every invalid field is reported at once, not just the first').toEqual(['email', 'name']);
    expect(errors!.every((e) => typeof e.message === 'string' && e.message.length > 0), 'each field error says what is wrong').toBe(true);
    const empty = await call(prod.base, 'post', '/users', { json: {} });
    expect((expectProblem(empty, 422, '/users', 'POST /users with {}').errors as unknown[] | undefined)?.length, 'an empty object misses both fields').toBe(2);
    const created = await call(prod.base, 'post', '/users', { json: { name: 'Katherine Johnson', email: 'kj@example.com' } });
    expect([created.status, created.body.email], 'a valid body creates the user: 201 with the user').toEqual([201, 'kj@example.com']);
  });

  it("POST /users with a registered email is a 409 problem that does not echo the database's constraint message", async () => {
    const res = await call(prod.base, 'post', '/users', { json: { name: 'Ada Again', email: 'ADA@example.com' } });
    const body = expectProblem(res, 409, '/users', 'POST /users with an email already registered');
    expect(JSON.stringify(body), 'map the store\'s UniqueViolationError to a ConflictError with your own message; "users_email_key" is a schema detail').not.toContain('users_email_key');
    const entry = logs.find((e) => e.requestId === body.requestId);
    expect(entry?.status, 'the 409 is logged with its request id').toBe(409);
  });

  it('a malformed JSON body is a 400 problem, not an HTML page', async () => {
    const res = await call(prod.base, 'post', '/users', { raw: '{"name": "Ada", ' });
    expectProblem(res, 400, '/users', 'POST /users with a truncated JSON body');
  });

  it('a JSON body over 100 kB is a 413 problem', async () => {
    const raw = JSON.stringify({ name: 'Big', email: 'big@example.com', bio: 'x'.repeat(110 * 1024) });
    const res = await call(prod.base, 'post', '/users', { raw });
    expectProblem(res, 413, '/users', 'POST /users with a 110 kB body (limit 100 kB)');
  });
});

describe('every kind of failure reaches the one error middleware', () => {
  it('a TypeError thrown by a synchronous handler is a 500 problem', async () => {
    expectProblem(await call(prod.base, 'get', '/t/type-error'), 500, '/t/type-error', 'a handler that throws a TypeError');
  });

  it('a rejection from an async handler (after an await) reaches the error middleware with its status', async () => {
    const nf = expectProblem(await call(prod.base, 'get', '/t/async-not-found'), 404, '/t/async-not-found', 'an async handler that throws NotFoundError after an await');
    expect(nf.detail, 'the NotFoundError message').toBe('invoice 9 not found');
    expectProblem(await call(prod.base, 'get', '/t/async-bug'), 500, '/t/async-bug', 'an async handler that throws a plain Error after an await');
  });

  it('an error a callback passes to next(err) is a 500 problem', async () => {
    expectProblem(await call(prod.base, 'get', '/t/callback'), 500, '/t/callback', 'next(err) from a timer callback');
  });

  it('a thrown string (not an Error) is still a 500 problem, and the handler does not crash on it', async () => {
    expectProblem(await call(prod.base, 'get', '/t/string'), 500, '/t/string', "throw 'a string' (legacy code does this; `'status' in err` throws on a string)");
  });

  it('an AppError with a 5xx status keeps its status but not its message', async () => {
    const body = expectProblem(await call(prod.base, 'get', '/t/unavailable'), 503, '/t/unavailable', 'AppError with status 503');
    expect(String(body.detail), '5xx messages are written for operators, not clients: send a generic detail').not.toContain('pool exhausted');
  });

  it("an HTTP client's error carrying status 404 is a 500: a dependency's 404 is not your client's", async () => {
    const body = expectProblem(await call(prod.base, 'get', '/t/upstream-404'), 500, '/t/upstream-404', 'an error with status 404 but no boolean `expose` (an HTTP client reporting a dependency)');
    expect(String(body.detail), 'and its message (an internal URL) must not be shown').not.toContain('billing.internal');
  });

  it('a store failure other than a duplicate key is a 500, not a 409', async () => {
    const res = await call(prod.base, 'post', '/users', { json: { name: 'Nobody', email: 'nobody@outage.test' } });
    const body = expectProblem(res, 500, '/users', 'POST /users while the database refuses connections');
    expect(JSON.stringify(body), 'the driver message (a private address) must not reach the client').not.toContain(DB_ADDRESS);
  });
});

describe("errors outside the handler's promise: streams", () => {
  it('GET /users/:id/activity streams the user\'s NDJSON activity, and is a 404 problem for a missing user', async () => {
    const res = await call(prod.base, 'get', '/users/1/activity');
    expect(res.status, 'GET /users/1/activity succeeds').toBe(200);
    expect(String(res.headers['content-type']), 'the activity is NDJSON').toMatch(/^application\/x-ndjson/);
    const lines = res.text.trim().split('\n').map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((l) => l.seq), 'the three seeded activity lines, in order').toEqual([1, 2, 3]);
    expectProblem(await call(prod.base, 'get', '/users/99/activity'), 404, '/users/99/activity', 'GET /users/99/activity');
  });

  it("a stream that fails before its first byte answers a 500 problem: its 'error' event reaches the middleware", async () => {
    const res = await call(prod.base, 'get', '/users/7/activity', {
      hangHint: "the stream's 'error' event never reached the error middleware: an 'error' event is not part of the handler's promise, forward it with next(err)",
      cutHint: 'stream.pipeline() destroys `res` when the source fails, so nothing can answer any more: pipe() with an \'error\' listener leaves `res` usable',
    });
    expectProblem(res, 500, '/users/7/activity', 'an activity stream that errors before writing anything');
  });

  it('a stream that fails mid-response cuts the connection instead of ending a truncated 200', async () => {
    const { done } = rawRequest(prod.port, 'GET', '/users/8/activity');
    const r = await done;
    expect(r.timedOut, "the response neither ended nor was cut within 4 s: the stream's 'error' event was swallowed, so nothing ever finished it").toBe(false);
    expect(r.status, 'the headers (200) went out with the first line, before the failure').toBe(200);
    expect(r.body, 'the lines written before the failure arrive').toContain('"seq":1');
    expect(r.complete, 'after headers are sent, the only honest signal is a broken response: call next(err) when res.headersSent so Express destroys the socket; ending it cleanly tells the client a partial export is whole').toBe(false);
    expect(r.body, 'no problem JSON may be glued onto a body that already started').not.toContain('requestId');
    const after = await call(prod.base, 'get', '/t/ok');
    expect(after.status, 'the app keeps serving after a cut response').toBe(200);
  });
});

describe('the request id', () => {
  it('echoes a well-formed inbound X-Request-Id in the header and the problem body', async () => {
    for (const id of ['req-1a2b3c4d', '0f9e8d7c-6b5a-4321-9abc-def012345678', 'A'.repeat(64)]) {
      const res = await call(prod.base, 'get', '/nowhere', { headers: { 'X-Request-Id': id } });
      expect(res.headers['x-request-id'], `the proxy's id ${id} must be reused so its logs and yours line up`).toBe(id);
      expect(res.body.requestId, 'and it is the body\'s requestId').toBe(id);
    }
  });

  it('mints a fresh id when none is sent, on successful responses too, unique per request', async () => {
    const a = await call(prod.base, 'get', '/users/1');
    const b = await call(prod.base, 'get', '/users/1');
    const ids = [a.headers['x-request-id'], b.headers['x-request-id']];
    expect(ids.every((id) => typeof id === 'string' && REQUEST_ID.test(id)), `a minted id (randomUUID()) on every response, even a 200; got ${JSON.stringify(ids)}`).toBe(true);
    expect(ids[0], 'two requests never share an id').not.toBe(ids[1]);
  });

  it('replaces an inbound X-Request-Id that is too long, too short or has characters outside [A-Za-z0-9_-]', async () => {
    const bad = ['x'.repeat(65), 'z'.repeat(4000), 'abc1234', 'abc 12345', '<script>alert(1)</script>', '"},"admin":true,"x":"', 'id;rm -rf ~'];
    for (const id of bad) {
      const res = await call(prod.base, 'get', '/nowhere', { headers: { 'X-Request-Id': id } });
      const echoed = res.headers['x-request-id'];
      expect(echoed, `an untrusted id ${JSON.stringify(id.slice(0, 40))}${id.length > 40 ? `… (${id.length} chars)` : ''} must not be echoed: it goes into every log line and header`).not.toBe(id);
      expect(typeof echoed === 'string' && REQUEST_ID.test(echoed), 'a fresh id replaces it').toBe(true);
      expect(res.body.requestId, 'the body carries the replacement too').toBe(echoed);
    }
  });
});

describe('what reaches the client, and what reaches the log', () => {
  it('in production a 500 shows a generic detail: no stack, no internal message', async () => {
    for (const path of ['/t/type-error', '/t/async-bug']) {
      const body = expectProblem(await call(prod.base, 'get', path), 500, path, `GET ${path} with env 'production'`);
      expect(body.stack, `GET ${path}: no "stack" member in production`).toBeUndefined();
      expect(looksLikeStack(body), `GET ${path}: nothing that looks like a stack frame may reach the client in production`).toBe(false);
      expect(JSON.stringify(body), `GET ${path}: the internal error message must not reach the client in production`).not.toMatch(/Cannot read properties|ledger invariant/);
    }
  });

  it('in development a 500 carries the stack and the real message (a local debugging aid)', async () => {
    const dev = await serve(createApp({ env: 'development', routes: failingRoutes, log: () => {} }));
    try {
      const body = expectProblem(await call(dev.base, 'get', '/t/type-error'), 500, '/t/type-error', "GET /t/type-error with env 'development'");
      expect(typeof body.stack === 'string' && body.stack.includes(BUG_MESSAGE), 'in development the 500 problem has a "stack" member with the error\'s stack').toBe(true);
      expect(String(body.detail), 'and its detail is the real message').toContain(BUG_MESSAGE);
    } finally {
      await dev.close();
    }
  });

  it("fails closed: with NODE_ENV unset or 'staging' a 500 shows no stack and no internal message", async () => {
    const saved = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    let unsetApp;
    try {
      unsetApp = createApp({ routes: failingRoutes, log: () => {} }); // env defaults to process.env.NODE_ENV, read now
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
    for (const [label, app] of [['NODE_ENV unset', unsetApp], ["env 'staging'", createApp({ env: 'staging', routes: failingRoutes, log: () => {} })]] as const) {
      const srv = await serve(app);
      try {
        const body = expectProblem(await call(srv.base, 'get', '/t/type-error'), 500, '/t/type-error', `GET /t/type-error with ${label}`);
        expect(body.stack === undefined && !looksLikeStack(body), `${label}: a deploy that forgot NODE_ENV=production must not leak stacks; show them only when env is exactly 'development'`).toBe(true);
        expect(JSON.stringify(body), `${label}: the internal message stays out too`).not.toContain(BUG_MESSAGE);
      } finally {
        await srv.close();
      }
    }
  });

  it('logs each error once, server-side, with the request id, status, message and stack', async () => {
    const res = await call(prod.base, 'get', '/t/type-error', { headers: { 'X-Request-Id': 'trace-log-check-0001' } });
    expectProblem(res, 500, '/t/type-error', 'GET /t/type-error');
    const mine = logs.filter((e) => e.requestId === 'trace-log-check-0001');
    expect(mine.length, 'exactly one log entry per error response, keyed by the request id').toBe(1);
    const [entry] = mine;
    expect([entry!.level, entry!.status], 'a 500 is logged at level "error" with its status').toEqual(['error', 500]);
    expect(entry!.message, 'the log keeps the real message the client never saw').toContain(BUG_MESSAGE);
    expect(String(entry!.stack), 'and the stack').toMatch(/TypeError[\s\S]*\n\s+at /);
    await call(prod.base, 'get', '/nowhere', { headers: { 'X-Request-Id': 'trace-log-check-0002' } });
    expect(logs.find((e) => e.requestId === 'trace-log-check-0002')?.level, 'a 4xx is the client\'s mistake: level "warn"').toBe('warn');
  });
});
