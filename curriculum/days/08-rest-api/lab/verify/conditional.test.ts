import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestDb, expectProblem, lockRow, serveApp, waitBlocked, type Reply, type TestDb } from './_helpers.js';

let tdb: TestDb;
let api: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  tdb = await createTestDb('cond');
  api = await serveApp(tdb.appPool);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});
beforeEach(async () => {
  await tdb.reset();
});

async function create(title: string): Promise<{ id: string; etag: string }> {
  const res = await call(api.base, 'post', '/v2/tasks', { json: { title } });
  expect(res.status, `POST /v2/tasks answers 201 (got ${res.status}: ${res.text.slice(0, 200)})`).toBe(201);
  expect(typeof res.headers.etag, 'POST returns the new task\'s ETag').toBe('string');
  return { id: String(res.body.id), etag: res.headers.etag! };
}

const mergePatch = (etag?: string) => ({ 'content-type': 'application/merge-patch+json', ...(etag === undefined ? {} : { 'if-match': etag }) });

describe('ETag and If-None-Match: revalidation', () => {
  it('GET answers 304 with the ETag and no body while the task is unchanged, and 200 with a new ETag after a change', async () => {
    const { id } = await create('cache me');
    const first = await call(api.base, 'get', `/v2/tasks/${id}`);
    const etag = first.headers.etag ?? '';
    expect(etag.startsWith('W/'), 'the ETag is strong (no W/): If-Match compares strongly, so a weak tag could never match').toBe(false);
    expect(etag || '(no ETag header)', 'GET /v2/tasks/:id sends an ETag, a quoted string').toMatch(/^"[^"]*"$/);

    const cases: Array<[string, string]> = [
      ['the ETag itself', etag],
      ['a list with the ETag second', `"not-this-one", ${etag}`],
      ['the ETag marked weak (If-None-Match compares weakly)', `W/${etag}`],
    ];
    for (const [what, header] of cases) {
      const res = await call(api.base, 'get', `/v2/tasks/${id}`, { headers: { 'if-none-match': header } });
      expect(res.status, `GET with If-None-Match: ${what} → 304 Not Modified (the client's copy is current)`).toBe(304);
      expect(res.text, '304 has no body').toBe('');
      expect(res.headers.etag, '304 repeats the ETag').toBe(etag);
    }
    const other = await call(api.base, 'get', `/v2/tasks/${id}`, { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status, 'If-None-Match with a tag that does not match → 200 with the body').toBe(200);

    const patched = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: 'changed' }, headers: mergePatch(etag) });
    expect(patched.status, 'PATCH with the current ETag succeeds').toBe(200);
    const after = await call(api.base, 'get', `/v2/tasks/${id}`, { headers: { 'if-none-match': etag } });
    expect(after.status, 'after a change, the old ETag no longer matches: 200 with the new representation').toBe(200);
    expect(after.body.title, 'and the body is the changed task').toBe('changed');
    expect(after.headers.etag, 'the ETag changes on every write').not.toBe(etag);
    const again = await call(api.base, 'get', `/v2/tasks/${id}`, { headers: { 'if-none-match': after.headers.etag! } });
    expect(again.status, 'the new ETag revalidates to 304').toBe(304);
  });
});

describe('If-Match: optimistic concurrency', () => {
  it('PATCH with the current ETag applies a merge patch and returns the new ETag; If-Match: * also works', async () => {
    const { id, etag } = await create('Ship the API');
    const res = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { status: 'doing' }, headers: mergePatch(etag) });
    expect(res.status, `PATCH with If-Match = the current ETag answers 200 (got ${res.status}: ${res.text.slice(0, 200)})`).toBe(200);
    expect(res.body, 'merge patch: members sent are changed, members not sent are kept').toMatchObject({ id, title: 'Ship the API', status: 'doing', priority: 3 });
    expect(res.headers.etag, 'the response carries the new ETag').toBeTruthy();
    expect(res.headers.etag, 'a write changes the ETag').not.toBe(etag);
    const read = await call(api.base, 'get', `/v2/tasks/${id}`);
    expect([read.body.status, read.headers.etag], 'GET sees the change and the same new ETag').toEqual(['doing', res.headers.etag]);

    const json = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { priority: 1 }, headers: { 'if-match': res.headers.etag! } });
    expect(json.status, 'PATCH also accepts Content-Type: application/json').toBe(200);
    const star = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { priority: 5 }, headers: mergePatch('*') });
    expect(star.status, 'If-Match: * matches any current representation (200)').toBe(200);
    expect(star.body.priority).toBe(5);
  });

  it('PATCH with a stale ETag is a 412 problem and changes nothing: the second writer cannot overwrite the first', async () => {
    const { id, etag } = await create('original');
    // Alice and Bob both read the task, so both hold `etag`.
    const alice = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: "Alice's title" }, headers: mergePatch(etag) });
    expect(alice.status, 'the first writer succeeds').toBe(200);
    const bob = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: "Bob's title", priority: 1 }, headers: mergePatch(etag) });
    expectProblem(bob, 412, 'PATCH with the ETag from before Alice\'s change (Bob writing over a version he never saw)');
    const read = await call(api.base, 'get', `/v2/tasks/${id}`);
    expect([read.body.title, read.body.priority], 'after the 412, the task is exactly as Alice left it: nothing of Bob\'s patch applied').toEqual(["Alice's title", 3]);

    const weak = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: 'weak' }, headers: mergePatch(`W/${alice.headers.etag}`) });
    expectProblem(weak, 412, 'PATCH with If-Match: W/<current ETag> (If-Match uses the strong comparison: a weak tag never matches)');
    const foreign = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: 'garbage' }, headers: mergePatch('"no-such-tag"') });
    expectProblem(foreign, 412, 'PATCH with If-Match: "no-such-tag"');
    expect((await call(api.base, 'get', `/v2/tasks/${id}`)).body.title, 'still Alice\'s').toBe("Alice's title");
  });

  it('v2 refuses an unconditional PATCH with 428; v1 still accepts one (requiring a new header is a breaking change)', async () => {
    const { id } = await create('conditional');
    const v2 = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { status: 'done' }, headers: mergePatch() });
    expectProblem(v2, 428, 'PATCH /v2/tasks/:id without If-Match');
    expect((await call(api.base, 'get', `/v2/tasks/${id}`)).body.status, 'the refused PATCH changed nothing').toBe('todo');
    const v1 = await call(api.base, 'patch', `/v1/tasks/${id}`, { json: { status: 'done' }, headers: mergePatch() });
    expect(v1.status, `PATCH /v1/tasks/:id without If-Match still works for old clients (got ${v1.status}: ${v1.text.slice(0, 200)})`).toBe(200);
    expect(v1.body.status).toBe('done');
    const stale = await call(api.base, 'patch', `/v1/tasks/${id}`, { json: { status: 'todo' }, headers: mergePatch('"stale"') });
    expectProblem(stale, 412, 'PATCH /v1/tasks/:id with a stale If-Match (v1 honours it when sent)');
  });

  it('PATCH validates like POST: 422 for invalid fields or an empty patch, 415 for other media types', async () => {
    const { id, etag } = await create('validate me');
    for (const [what, body] of [
      ['status "archived"', { status: 'archived' }],
      ['a blank title', { title: '  ' }],
      ['title null (merge patch null means "remove", and a title cannot be removed)', { title: null }],
      ['priority 0', { priority: 0 }],
      ['an empty patch {}', {}],
    ] as Array<[string, unknown]>) {
      expectProblem(await call(api.base, 'patch', `/v2/tasks/${id}`, { json: body, headers: mergePatch(etag) }), 422, `PATCH with ${what}`);
    }
    expectProblem(
      await call(api.base, 'patch', `/v2/tasks/${id}`, { raw: 'status=done', headers: { 'content-type': 'text/plain', 'if-match': etag } }),
      415,
      'PATCH with a text/plain body',
    );
    const read = await call(api.base, 'get', `/v2/tasks/${id}`);
    expect([read.body.title, read.headers.etag], 'rejected patches change neither the task nor its ETag').toEqual(['validate me', etag]);
  });

  it('two writers racing with the same ETag: exactly one wins and the other gets 412, even when both arrive before either has written', async () => {
    const { id, etag } = await create('contended');
    // Hold the row so both PATCHes arrive, do whatever they do first, and queue up behind the lock.
    const lock = await lockRow(tdb.admin, id);
    let results: Reply[];
    try {
      const a = call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: 'writer A' }, headers: mergePatch(etag) });
      const b = call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: 'writer B' }, headers: mergePatch(etag) });
      await waitBlocked(tdb.admin, tdb.appName, 2, 5000);
      await lock.release();
      results = await Promise.all([a, b]);
    } finally {
      await lock.release();
    }
    const statuses = results.map((r) => r.status).sort();
    if (statuses[0] === 200 && statuses[1] === 200) {
      expect.fail(
        'both PATCHes with the same If-Match answered 200: one update was silently lost. Comparing the version in JavaScript after a SELECT and then running an UPDATE is a race; put the check in the write itself (UPDATE … WHERE id = $1 AND version = $2, zero rows → 412)',
      );
    }
    expect(statuses, 'exactly one writer wins (200), the other is told its copy is stale (412)').toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!;
    const read = await call(api.base, 'get', `/v2/tasks/${id}`);
    expect([read.body.title, read.headers.etag], 'the task holds the winner\'s change and the winner\'s ETag').toEqual([winner.body.title, winner.headers.etag]);
  });
});
