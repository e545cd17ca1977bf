import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  countRows,
  createTestDb,
  expectProblem,
  linkPath,
  links,
  repeated,
  seed,
  serveApp,
  walk,
  withCursor,
  type SeedRow,
  type TestDb,
} from './_helpers.js';

let tdb: TestDb;
let api: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  tdb = await createTestDb('list');
  api = await serveApp(tdb.appPool);
});
afterAll(async () => {
  await api?.close();
  await tdb?.close();
});
beforeEach(async () => {
  await tdb.reset();
});

/** created_at values one minute apart in 2020, the i-th the i-th oldest. */
const minute = (i: number) => new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString();

function expectSameOrder(got: string[], want: string[], what: string): void {
  const dup = repeated(got);
  if (dup.length) expect.fail(`${what}: task(s) ${dup.join(', ')} came back on more than one page (pages overlap)`);
  const missing = want.filter((id) => !got.includes(id));
  if (missing.length) expect.fail(`${what}: task(s) ${missing.join(', ')} were never returned on any page (got ${got.join(',')}, want ${want.join(',')})`);
  expect(got, `${what}: every task once, in order`).toEqual(want);
}

describe('keyset pagination', () => {
  it('GET /v2/tasks pages newest first: 20 by default, then next_cursor and a Link rel="next" until the last page', async () => {
    const ids = await seed(tdb.admin, Array.from({ length: 25 }, (_, i): SeedRow => ({ title: `t${i}`, created_at: minute(i) })));
    const newestFirst = [...ids].reverse();
    const first = await call(api.base, 'get', '/v2/tasks');
    expect(first.status, `GET /v2/tasks answers 200 (got ${first.status}: ${first.text.slice(0, 200)})`).toBe(200);
    expect((first.body.data as Array<{ id: string }>).map((t) => t.id), 'the first page: the 20 newest tasks (default limit 20), newest first').toEqual(newestFirst.slice(0, 20));
    expect(typeof first.body.next_cursor, 'a page with more after it has a next_cursor string').toBe('string');
    const next = links(first.headers.link).next;
    expect(next, 'and a Link header with rel="next" (RFC 8288) that clients can follow without building URLs').toBeTruthy();

    const second = await call(api.base, 'get', linkPath(api.base, next!));
    expect(second.status, `following the next link answers 200 (got ${second.status}: ${second.text.slice(0, 200)})`).toBe(200);
    expect((second.body.data as Array<{ id: string }>).map((t) => t.id), 'the next link leads to the remaining 5').toEqual(newestFirst.slice(20));
    expect(second.body.next_cursor, 'the last page has next_cursor: null').toBeNull();
    expect(links(second.headers.link).next, 'and no rel="next" link').toBeUndefined();

    const walked = await walk(api.base, '/v2/tasks?limit=7');
    expect(walked.pages.map((p) => p.length), 'limit=7 over 25 tasks: pages of 7, 7, 7, 4 (a page is never cut short while more rows exist)').toEqual([7, 7, 7, 4]);
    expectSameOrder(walked.ids, newestFirst, 'walking next_cursor with limit=7');
  });

  it('pages neither repeat nor skip tasks while tasks are created and deleted between requests (a keyset cursor, not an offset)', async () => {
    const ids = await seed(tdb.admin, Array.from({ length: 9 }, (_, i): SeedRow => ({ title: `t${i}`, created_at: minute(i) })));
    const newestFirst = [...ids].reverse(); // ids[8] … ids[0]
    const del = async (id: string) => expect((await call(api.base, 'delete', `/v2/tasks/${id}`)).status, `DELETE /v2/tasks/${id}`).toBe(204);

    const desc = await walk(api.base, '/v2/tasks?limit=3', {
      between: async (page) => {
        if (page === 1) {
          // two new tasks arrive at the front of the list while the client reads page 1
          for (const title of ['new 1', 'new 2']) expect((await call(api.base, 'post', '/v2/tasks', { json: { title } })).status).toBe(201);
        }
        if (page === 2) {
          await del(newestFirst[0]!); // already seen on page 1
          await del(newestFirst[1]!); // already seen on page 1
          await del(newestFirst[7]!); // not seen yet: must not appear
        }
      },
    });
    const want = newestFirst.filter((_, i) => i !== 7);
    expectSameOrder(desc.ids.filter((id) => ids.includes(id)), want, 'newest first, limit=3, with 2 tasks created after page 1 and 3 deleted after page 2');

    await tdb.reset();
    const again = await seed(tdb.admin, Array.from({ length: 9 }, (_, i): SeedRow => ({ title: `t${i}`, created_at: minute(i) })));
    const asc = await walk(api.base, '/v2/tasks?sort=created_at&limit=3', {
      between: async (page) => {
        if (page === 1) for (const id of again.slice(0, 3)) await del(id); // the whole first page is deleted
      },
    });
    expectSameOrder(asc.ids, again, 'oldest first, limit=3, with page 1\'s tasks deleted before page 2 (an offset would now skip three)');
  });

  it('tasks that tie on the sort value are ordered by id: none skipped, none repeated (created_at and priority)', async () => {
    const same = '2021-06-01 12:00:00+00';
    const priorities = [2, 2, 2, 2, 5, 5, 1];
    const ids = await seed(tdb.admin, priorities.map((priority, i): SeedRow => ({ title: `tie ${i}`, priority, created_at: same })));
    const byId = (a: string, b: string) => Number(a) - Number(b);

    expectSameOrder((await walk(api.base, '/v2/tasks?limit=2')).ids, [...ids].sort(byId).reverse(), 'seven tasks with the same created_at, newest first, limit=2 (ties broken by id, descending)');
    const prio = new Map(ids.map((id, i) => [id, priorities[i]!]));
    const asc = [...ids].sort((a, b) => prio.get(a)! - prio.get(b)! || byId(a, b));
    expectSameOrder((await walk(api.base, '/v2/tasks?sort=priority&limit=2')).ids, asc, 'sort=priority, limit=2 (four tasks share priority 2, two share 5)');
    expectSameOrder((await walk(api.base, '/v2/tasks?sort=-priority&limit=3')).ids, [...asc].reverse(), 'sort=-priority, limit=3');
  });

  it('created_at is compared at full microsecond precision: tasks created within one millisecond are neither skipped nor repeated', async () => {
    const stamps = ['.123000', '.123456', '.122001', '.123400', '.122999'].map((f) => `2024-05-01 10:00:00${f}+00`);
    const ids = await seed(tdb.admin, stamps.map((created_at, i): SeedRow => ({ title: `µs ${i}`, created_at })));
    const byTime = ids.map((id, i) => ({ id, t: stamps[i]! })).sort((a, b) => a.t.localeCompare(b.t)).map((x) => x.id);
    expectSameOrder(
      (await walk(api.base, '/v2/tasks?limit=1')).ids,
      [...byTime].reverse(),
      'five tasks within 1.5 ms, newest first, limit=1 (a cursor holding a JS Date keeps only milliseconds: PostgreSQL keeps microseconds)',
    );
    expectSameOrder((await walk(api.base, '/v2/tasks?sort=created_at&limit=2')).ids, byTime, 'the same tasks oldest first, limit=2');
  });
});

describe('filtering and sorting', () => {
  it('filters by status and by priority, alone and together, across pages', async () => {
    const rows: SeedRow[] = Array.from({ length: 14 }, (_, i) => ({
      title: `f${i}`,
      status: (['todo', 'doing', 'done'] as const)[i % 3],
      priority: (i % 5) + 1,
      created_at: minute(i),
    }));
    const ids = await seed(tdb.admin, rows);
    const pick = (test: (r: SeedRow) => boolean) => ids.filter((_, i) => test(rows[i]!)).reverse();

    expectSameOrder((await walk(api.base, '/v2/tasks?status=doing&limit=2')).ids, pick((r) => r.status === 'doing'), 'status=doing, limit=2');
    expectSameOrder((await walk(api.base, '/v2/tasks?priority=2&limit=1')).ids, pick((r) => r.priority === 2), 'priority=2, limit=1');
    expectSameOrder(
      (await walk(api.base, '/v2/tasks?status=todo&priority=4&limit=1')).ids,
      pick((r) => r.status === 'todo' && r.priority === 4),
      'status=todo&priority=4 (both must hold)',
    );
    const done = ids.filter((_, i) => rows[i]!.status === 'done');
    const doneByPriority = [...done].sort((a, b) => rows[ids.indexOf(b)]!.priority! - rows[ids.indexOf(a)]!.priority! || Number(b) - Number(a));
    expectSameOrder((await walk(api.base, '/v2/tasks?status=done&sort=-priority&limit=2')).ids, doneByPriority, 'status=done&sort=-priority, limit=2');
  });

  it('unknown, repeated or invalid query parameters are 400 problems that name the parameter', async () => {
    await seed(tdb.admin, [{ title: 'one' }]);
    const named: Array<[string, string]> = [
      ['stauts=done', 'stauts'],
      ['title=one', 'title'],
      ['status[ne]=done', 'status[ne]'],
      ['offset=10', 'offset'],
    ];
    for (const [query, param] of named) {
      const body = expectProblem(await call(api.base, 'get', `/v2/tasks?${query}`), 400, `GET /v2/tasks?${query} (filtering only on status and priority)`);
      expect(String(body.detail), `GET /v2/tasks?${query}: the detail names "${param}", so the client sees its typo instead of an unfiltered list`).toContain(param);
    }
    for (const query of ['status=todo&status=done', 'status=archived', 'status=TODO', 'priority=0', 'priority=6', 'priority=high', 'priority=2&priority=3', 'sort=priority&sort=-priority']) {
      expectProblem(await call(api.base, 'get', `/v2/tasks?${query}`), 400, `GET /v2/tasks?${query}`);
    }
  });

  it('sorts only on the allowlisted fields: any other sort, SQL included, is a 400 and never reaches the database', async () => {
    await seed(tdb.admin, Array.from({ length: 3 }, (_, i): SeedRow => ({ title: `s${i}`, created_at: minute(i) })));
    for (const ok of ['created_at', '-created_at', 'priority', '-priority']) {
      expect((await call(api.base, 'get', `/v2/tasks?sort=${ok}`)).status, `sort=${ok} is allowed`).toBe(200);
    }
    const attacks = [
      'title',
      '-id',
      'version',
      'PRIORITY',
      'priority desc',
      'priority,created_at',
      '-priority;DROP TABLE tasks',
      '(SELECT 1)',
      "(CASE WHEN (SELECT current_setting('is_superuser'))='on' THEN priority ELSE id END)",
      'created_at--',
    ];
    for (const sort of attacks) {
      const res = await call(api.base, 'get', `/v2/tasks?sort=${encodeURIComponent(sort)}`);
      if (res.status === 200) {
        expect.fail(`GET /v2/tasks?sort=${sort} answered 200: the sort field went into the SQL as given. Map sort names to columns through an allowlist; a field name from the query string must never be interpolated`);
      }
      expectProblem(res, 400, `GET /v2/tasks?sort=${sort}`);
    }
    expect(await countRows(tdb.admin), 'the table is intact').toBe(3);
  });

  it('limit defaults to 20, accepts 1 to 100 and rejects anything else with 400: no unbounded pages', async () => {
    await seed(tdb.admin, Array.from({ length: 105 }, (_, i): SeedRow => ({ title: `l${i}`, created_at: new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString() })));
    const size = async (query: string) => {
      const res = await call(api.base, 'get', `/v2/tasks${query}`);
      expect(res.status, `GET /v2/tasks${query} answers 200`).toBe(200);
      return (res.body.data as unknown[]).length;
    };
    expect(await size(''), 'no limit: the default page of 20').toBe(20);
    expect(await size('?limit=1'), 'limit=1').toBe(1);
    expect(await size('?limit=100'), 'limit=100, the maximum').toBe(100);
    for (const limit of ['101', '1000000', '0', '-1', '2.5', 'abc', '1e2', '20&limit=30']) {
      const res = await call(api.base, 'get', `/v2/tasks?limit=${limit}`);
      if (res.status === 200) {
        expect.fail(`GET /v2/tasks?limit=${limit} answered 200 with ${(res.body.data as unknown[] | undefined)?.length} tasks: limit must be an integer from 1 to 100, so no client can ask for a million rows in one response`);
      }
      expectProblem(res, 400, `GET /v2/tasks?limit=${limit}`);
    }
  });

  it('a cursor continues only the query that produced it; malformed cursors are 400 problems, never 500', async () => {
    await seed(tdb.admin, Array.from({ length: 6 }, (_, i): SeedRow => ({ title: `c${i}`, priority: (i % 3) + 1, created_at: minute(i) })));
    const first = await call(api.base, 'get', '/v2/tasks?sort=priority&limit=2');
    const cursor = String(first.body.next_cursor);
    expect(first.body.next_cursor, 'a first page of 2 out of 6 has a next_cursor').toEqual(expect.any(String));
    expect((await call(api.base, 'get', withCursor('/v2/tasks?sort=priority&limit=3', cursor))).status, 'the same sort and filters with another limit may continue (200)').toBe(200);
    for (const query of ['/v2/tasks?sort=-priority', '/v2/tasks', '/v2/tasks?sort=priority&status=todo', '/v2/tasks?sort=priority&priority=1']) {
      expectProblem(await call(api.base, 'get', withCursor(query, cursor)), 400, `the cursor of ?sort=priority used with ${query.slice('/v2/tasks'.length) || 'no parameters'} (a cursor is bound to its sort and filters)`);
    }
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const garbage = ['not-a-cursor', '!!!', b64('{}'), b64('null'), b64('[1,2]'), b64('{"k":["x","y"]}'), b64('{"offset":-1}'), cursor.slice(0, 10), 'A'.repeat(5000)];
    for (const bad of garbage) {
      const shown = bad.length > 40 ? `${bad.slice(0, 20)}…(${bad.length} chars)` : JSON.stringify(bad);
      expectProblem(await call(api.base, 'get', `/v2/tasks?sort=priority&cursor=${encodeURIComponent(bad)}`), 400, `GET /v2/tasks with cursor ${shown}`);
    }
  });
});
