import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, countRows, createTestDb, expectProblem, links, seed, serveApp, type Reply, type TestDb } from './_helpers.js';

let tdb: TestDb;
let api: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  tdb = await createTestDb('crud');
  api = await serveApp(tdb.appPool);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});
beforeEach(async () => {
  await tdb.reset();
});

const LOCATION = /^(?:https?:\/\/[^/]+)?\/(v[12])\/tasks\/(\d+)$/;

describe('create and read', () => {
  it('POST /v2/tasks creates a task: 201, a Location that GETs it back, and a strong ETag', async () => {
    const res = await call(api.base, 'post', '/v2/tasks', { json: { title: '  Write the runbook  ', priority: 2 } });
    expect(res.status, `POST /v2/tasks with a valid body answers 201 Created (got ${res.status}: ${res.text.slice(0, 200)})`).toBe(201);
    const location = res.headers.location;
    expect(location ?? '(no Location header)', '201 Created carries a Location header naming the new task, e.g. /v2/tasks/1').toMatch(LOCATION);
    const [, version, id] = LOCATION.exec(location!)!;
    expect(version, 'a task created through /v2 is located under /v2').toBe('v2');
    expect(res.body, 'the body is the new task: title trimmed, status defaults to "todo", priority as sent').toMatchObject({ id, title: 'Write the runbook', status: 'todo', priority: 2 });
    expect(typeof res.body.created_at, 'the task has a created_at timestamp').toBe('string');
    const etag = res.headers.etag;
    expect(etag ?? '(no ETag header)', 'the 201 carries the new representation\'s ETag, a quoted string').toMatch(/^"[^"]*"$/);

    const read = await call(api.base, 'get', new URL(location!, api.base).pathname);
    expect(read.status, `GET ${location} answers 200`).toBe(200);
    expect(read.body, 'GET returns the same representation that POST returned').toEqual(res.body);
    expect(read.headers.etag, 'and the same ETag: nothing changed in between').toBe(etag);
    expect(await countRows(tdb.admin), 'one row in the tasks table').toBe(1);
  });

  it('POST validates the body: a 422 problem listing every invalid field, 400 for malformed JSON, 415 for other media types; nothing is inserted', async () => {
    const fieldsOf = (res: Reply) => ((res.body.errors ?? []) as Array<{ field?: unknown }>).map((e) => String(e.field));
    const everything = await call(api.base, 'post', '/v2/tasks', { json: { title: '   ', status: 'archived', priority: 9 } });
    expectProblem(everything, 422, 'POST /v2/tasks with a blank title, an unknown status and priority 9');
    expect(Array.isArray(everything.body.errors), 'a validation problem lists the invalid fields in an "errors" member: [{ field, message }]').toBe(true);
    expect(fieldsOf(everything).sort(), 'every invalid field is reported at once, not just the first').toEqual(['priority', 'status', 'title']);

    const cases: Array<[string, unknown, string]> = [
      ['{} (no title)', {}, 'title'],
      ['a 201-character title', { title: 'x'.repeat(201) }, 'title'],
      ['a title that is a number', { title: 42 }, 'title'],
      ['priority 2.5', { title: 'ok', priority: 2.5 }, 'priority'],
      ['priority "2" (a string)', { title: 'ok', priority: '2' }, 'priority'],
      ['status null', { title: 'ok', status: null }, 'status'],
      ['an unknown member "owner"', { title: 'ok', owner: 'ann' }, 'owner'],
    ];
    for (const [what, body, field] of cases) {
      const res = await call(api.base, 'post', '/v2/tasks', { json: body });
      expectProblem(res, 422, `POST /v2/tasks with ${what}`);
      expect(fieldsOf(res), `POST /v2/tasks with ${what}: "errors" names the field ${field}`).toContain(field);
    }
    expectProblem(await call(api.base, 'post', '/v2/tasks', { json: [{ title: 'in an array' }] }), 422, 'POST /v2/tasks with a JSON array as the body');
    expectProblem(
      await call(api.base, 'post', '/v2/tasks', { raw: '{"title":', headers: { 'content-type': 'application/json' } }),
      400,
      'POST /v2/tasks with malformed JSON',
    );
    expectProblem(
      await call(api.base, 'post', '/v2/tasks', { raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'POST /v2/tasks with a form body (the API takes application/json)',
    );
    expect(await countRows(tdb.admin), 'no invalid request may insert a row').toBe(0);
  });

  it('v1 and v2 represent the same task differently: v1 ids are JSON numbers, v2 ids are strings', async () => {
    const created = await call(api.base, 'post', '/v1/tasks', { json: { title: 'Old client', status: 'doing' } });
    expect(created.status, 'POST /v1/tasks creates too (201)').toBe(201);
    const m = LOCATION.exec(created.headers.location ?? '');
    expect(m?.[1], `a task created through /v1 is located under /v1 (got Location ${created.headers.location})`).toBe('v1');
    const id = m![2]!;
    expect(created.body.id, 'v1 represents the id as a JSON number, as it always did').toBe(Number(id));

    const v2 = await call(api.base, 'get', `/v2/tasks/${id}`);
    expect(v2.status, `GET /v2/tasks/${id}: the same task, seen through v2`).toBe(200);
    expect(v2.body.id, 'v2 represents the id as a string (bigint ids outgrow JSON numbers past 2^53)').toBe(id);
    const { id: _a, ...restV1 } = created.body as Record<string, unknown>;
    const { id: _b, ...restV2 } = v2.body as Record<string, unknown>;
    expect(restV2, 'apart from the id, both versions carry the same members and values').toEqual(restV1);

    await seed(tdb.admin, [{ title: 'second' }]);
    const list1 = await call(api.base, 'get', '/v1/tasks');
    const list2 = await call(api.base, 'get', '/v2/tasks');
    expect((list1.body.data as Array<{ id: unknown }>).map((t) => typeof t.id), 'GET /v1/tasks: every id a number').toEqual(['number', 'number']);
    expect((list2.body.data as Array<{ id: unknown }>).map((t) => typeof t.id), 'GET /v2/tasks: every id a string').toEqual(['string', 'string']);
  });

  it('every /v1 response announces its retirement: Deprecation (RFC 9745), Sunset (RFC 8594) and a deprecation Link; /v2 sends none of them', async () => {
    const [id] = await seed(tdb.admin, [{ title: 'legacy' }, { title: 'older' }]);
    const list = await call(api.base, 'get', '/v1/tasks?limit=1');
    expect(links(list.headers.link).next, `GET /v1/tasks?limit=1 over 2 tasks keeps its rel="next" link next to the deprecation link (append to Link, do not overwrite it; got Link: ${list.headers.link})`).toBeTruthy();
    const v1: Array<[string, Promise<Reply>]> = [
      ['GET /v1/tasks/:id (200)', call(api.base, 'get', `/v1/tasks/${id}`)],
      ['GET /v1/tasks (200)', Promise.resolve(list)],
      ['POST /v1/tasks (201)', call(api.base, 'post', '/v1/tasks', { json: { title: 'created through v1' } })],
      ['GET /v1/tasks/424242 (404)', call(api.base, 'get', '/v1/tasks/424242')],
      ['GET /v1/tasks?limit=0 (400)', call(api.base, 'get', '/v1/tasks?limit=0')],
      ['POST /v1/tasks with malformed JSON (400)', call(api.base, 'post', '/v1/tasks', { raw: '{', headers: { 'content-type': 'application/json' } })],
    ];
    for (const [what, pending] of v1) {
      const res = await pending;
      const deprecation = res.headers.deprecation;
      expect(deprecation ?? '(no Deprecation header)', `${what}: "Deprecation" is an RFC 9745 Structured Field Date, "@" and seconds since the epoch (e.g. @1780272000), not "true" from the old draft`).toMatch(/^@-?\d{1,15}$/);
      const sunset = res.headers.sunset ?? '';
      const sunsetMs = Date.parse(sunset);
      expect(
        /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(sunset) && !Number.isNaN(sunsetMs),
        `${what}: "Sunset" is an HTTP-date (IMF-fixdate, what Date#toUTCString() gives), got ${JSON.stringify(sunset)}`,
      ).toBe(true);
      expect(sunsetMs / 1000, `${what}: the Sunset date must not be earlier than the Deprecation date (RFC 9745 §4)`).toBeGreaterThanOrEqual(Number(deprecation!.slice(1)));
      const rel = links(res.headers.link);
      expect(rel.deprecation ?? '(none)', `${what}: a Link with rel="deprecation" points to the migration guide (got Link: ${res.headers.link})`).toMatch(/^https?:\/\//);
    }
    const v2: Array<[string, Promise<Reply>]> = [
      ['GET /v2/tasks/:id', call(api.base, 'get', `/v2/tasks/${id}`)],
      ['GET /v2/tasks', call(api.base, 'get', '/v2/tasks')],
      ['GET /v2/tasks/424242', call(api.base, 'get', '/v2/tasks/424242')],
    ];
    for (const [what, pending] of v2) {
      const res = await pending;
      expect([res.headers.deprecation, res.headers.sunset, links(res.headers.link).deprecation], `${what}: v2 is current, so no Deprecation, Sunset or deprecation link`).toEqual([undefined, undefined, undefined]);
    }
  });
});

describe('missing things and delete', () => {
  it('ids that cannot exist and unknown routes are 404 problems, never database errors', async () => {
    await seed(tdb.admin, [{ title: 'only one' }]);
    for (const id of ['424242', 'abc', '0', '-1', '1.5', '1e3', '99999999999999999999', '9223372036854775808']) {
      expectProblem(await call(api.base, 'get', `/v2/tasks/${id}`), 404, `GET /v2/tasks/${id}`);
      expectProblem(
        await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { title: 'x' }, headers: { 'if-match': '*' } }),
        404,
        `PATCH /v2/tasks/${id} (If-Match: *)`,
      );
      expectProblem(await call(api.base, 'delete', `/v2/tasks/${id}`), 404, `DELETE /v2/tasks/${id}`);
    }
    expectProblem(await call(api.base, 'get', '/v3/tasks'), 404, 'GET /v3/tasks (no such version)');
    expectProblem(await call(api.base, 'get', '/v2/projects'), 404, 'GET /v2/projects (no such collection)');
    expect(await countRows(tdb.admin), 'nothing was deleted on the way').toBe(1);
  });

  it('DELETE answers 204 with no body; the task is gone and a second DELETE is a 404; a stale If-Match is a 412', async () => {
    const created = await call(api.base, 'post', '/v2/tasks', { json: { title: 'short-lived' } });
    expect([created.status, typeof created.headers.etag], 'POST /v2/tasks answers 201 with an ETag').toEqual([201, 'string']);
    const id = String(created.body.id);
    const first = created.headers.etag!;
    const changed = await call(api.base, 'patch', `/v2/tasks/${id}`, { json: { status: 'done' }, headers: { 'if-match': first } });
    expect([changed.status, typeof changed.headers.etag], 'PATCH with the current ETag answers 200 with the new ETag').toEqual([200, 'string']);

    expectProblem(await call(api.base, 'delete', `/v2/tasks/${id}`, { headers: { 'if-match': first } }), 412, 'DELETE with an ETag from before the last change');
    expect(await countRows(tdb.admin), 'a DELETE whose If-Match failed deletes nothing').toBe(1);

    const gone = await call(api.base, 'delete', `/v2/tasks/${id}`, { headers: { 'if-match': changed.headers.etag! } });
    expect(gone.status, 'DELETE with the current ETag answers 204 No Content').toBe(204);
    expect(gone.text, '204 has no body').toBe('');
    expect(await countRows(tdb.admin), 'the row is gone').toBe(0);
    expectProblem(await call(api.base, 'get', `/v2/tasks/${id}`), 404, `GET /v2/tasks/${id} after DELETE`);
    expectProblem(await call(api.base, 'delete', `/v2/tasks/${id}`), 404, `a second DELETE /v2/tasks/${id}`);

    const [other] = await seed(tdb.admin, [{ title: 'no precondition' }]);
    expect((await call(api.base, 'delete', `/v1/tasks/${other}`)).status, 'DELETE without If-Match deletes unconditionally (204)').toBe(204);
  });
});
