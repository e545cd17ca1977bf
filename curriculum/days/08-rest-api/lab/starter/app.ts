// The HTTP layer: /v1 and /v2 routers over one TaskStore. Handlers build one model (Task); each
// version only decides how it is represented and which preconditions it demands.
import express, { type Express, type Request, type RequestHandler } from 'express';
import type pg from 'pg';
import { HttpProblem, problemHandler, type FieldError } from './problem.js';
import {
  SORT_FIELDS,
  STATUSES,
  createTaskStore,
  type Expected,
  type Filters,
  type ListQuery,
  type NewTask,
  type Position,
  type Sort,
  type SortField,
  type Status,
  type Task,
  type TaskPatch,
  type TaskStore,
} from './tasks.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const TITLE_MAX = 200;

/** When /v1 was deprecated (RFC 9745), when it may stop answering (RFC 8594), and where the migration guide is. */
export interface DeprecationPolicy {
  deprecatedAt: Date;
  sunsetAt: Date;
  link: string;
}

export const V1_DEPRECATION: DeprecationPolicy = {
  deprecatedAt: new Date('2026-06-01T00:00:00Z'),
  sunsetAt: new Date('2027-06-30T23:59:59Z'),
  link: 'https://developer.example.com/tasks/migrate-to-v2',
};

export interface AppOptions {
  pool: pg.Pool;
  v1Deprecation?: DeprecationPolicy;
}

/** What differs between versions. Everything else is shared. */
interface ApiVersion {
  represent(task: Task): Record<string, unknown>;
  /** v2 refuses unconditional writes (428); v1 shipped without that rule, so adding it there would break clients. */
  requireIfMatch: boolean;
}

const v2Representation = (t: Task) => ({
  id: t.id, // a string: bigint ids outgrow JSON numbers (2^53)
  title: t.title,
  status: t.status,
  priority: t.priority,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
});

const V2: ApiVersion = { represent: v2Representation, requireIfMatch: true };
// TODO: v1 is an adapter one step down from v2 (not a second copy of the handlers): the same members,
// but `id` is a JSON number, as v1 always sent it.
const V1: ApiVersion = { represent: v2Representation, requireIfMatch: false };

export function createApp(options: AppOptions): Express {
  const store = createTaskStore(options.pool);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // our ETags are strong and come from the row version, not a hash of the body
  app.use('/v1', deprecated(options.v1Deprecation ?? V1_DEPRECATION)); // first: even a 400 from the parser carries it
  app.use(express.json({ type: ['application/json', 'application/merge-patch+json'], limit: '16kb' }));
  app.use('/v1', tasksRouter(store, V1));
  app.use('/v2', tasksRouter(store, V2));
  app.use((req, _res, next) => next(new HttpProblem(404, `no route ${req.method} ${req.path}`)));
  app.use(problemHandler);
  return app;
}

function deprecated(policy: DeprecationPolicy): RequestHandler {
  // TODO: every /v1 response carries
  //   Deprecation: @<seconds since the epoch>                       (RFC 9745, a Structured Field Date)
  //   Sunset: <HTTP-date, e.g. Wed, 30 Jun 2027 23:59:59 GMT>       (RFC 8594)
  //   Link: <policy.link>; rel="deprecation"; type="text/html"
  // and Sunset must not be earlier than Deprecation. Other Link values (rel="next") must survive.
  return (_req, _res, next) => next();
}

function tasksRouter(store: TaskStore, version: ApiVersion): express.Router {
  const r = express.Router();

  r.get('/tasks', async (req, res) => {
    // TODO: validate the query (parseListQuery), read one page from the store, answer
    // { data, next_cursor } and, when there is a next page, a Link header with rel="next".
    const { query } = parseListQuery(req.query as Record<string, unknown>);
    const page = await store.list(query);
    res.json({ data: page.items.map(version.represent), next_cursor: null });
  });

  r.post('/tasks', async (req, res) => {
    requireJson(req, ['application/json']);
    const task = await store.create(validateNew(req.body));
    // TODO: 201 Created, with a Location header naming the new task under this version, and its ETag.
    res.json(version.represent(task));
  });

  r.get('/tasks/:id', async (req, res) => {
    const id = taskId(req);
    const task = await store.get(id);
    if (!task) throw notFound(id);
    // TODO: send the ETag; answer 304 (no body, ETag repeated) when If-None-Match matches it.
    res.json(version.represent(task));
  });

  r.patch('/tasks/:id', async (req, res) => {
    const id = taskId(req);
    // TODO: If-Match → the versions the client accepts (expectedVersions); without it v2 answers 428.
    // A failed write is a 404 or a 412 (writeFailed); a successful one sends the new ETag.
    requireJson(req, ['application/json', 'application/merge-patch+json']);
    const result = await store.update(id, validatePatch(req.body), null);
    if (!result.ok) throw writeFailed(result.reason, id);
    res.json(version.represent(result.task!));
  });

  r.delete('/tasks/:id', async (req, res) => {
    // TODO: delete (honouring If-Match when it is sent) and answer 204 with no body.
    const id = taskId(req);
    throw new HttpProblem(501, `TODO: DELETE /tasks/${id} in app.ts`);
  });

  return r;
}

// ---- ids, ETags and preconditions ------------------------------------------------------------

const MAX_BIGINT = 9223372036854775807n;

/** A path id that cannot be a row (not a positive bigint) is a 404, never a database error. */
function taskId(req: Request): string {
  // TODO: an id that is not a positive bigint (abc, 0, 1.5, 99999999999999999999) must be a 404
  // here: passed to PostgreSQL it is a query error, and that would be a 500.
  return String(req.params.id);
}

const notFound = (id: string) => new HttpProblem(404, `task ${id} not found`);

function writeFailed(reason: 'not-found' | 'precondition-failed', id: string): HttpProblem {
  return reason === 'not-found'
    ? notFound(id)
    : new HttpProblem(412, `task ${id} was modified since you read it: GET it again and re-apply your change`);
}

/** Strong (no W/): it changes on every write, so If-Match can compare it byte for byte. */
const etagOf = (task: Task) => `"${task.id}.${task.version}"`;

const ENTITY_TAGS = /(W\/)?"[^"]*"/g;

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ is ignored; `*` matches. */
function noneMatch(header: string | undefined, etag: string): boolean {
  // TODO: the header may list several tags ("a", W/"b"); ENTITY_TAGS finds them
  return false;
}

/**
 * If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag never matches. Returns
 * undefined without the header, null for `*` (any current representation), otherwise the versions
 * of this task the client's tags name (possibly none).
 */
function expectedVersions(header: string | undefined, id: string): Expected | undefined {
  // TODO: the header may list several tags: "1.4", W/"1.5", "2.1"
  return undefined;
}

// ---- request bodies ---------------------------------------------------------------------------

function requireJson(req: Request, types: string[]): void {
  if (!req.is(types)) throw new HttpProblem(415, `send the body as ${types.join(' or ')}`);
}

const FIELDS = new Set(['title', 'status', 'priority']);

/** Checks every member at once; returns only the fields that were present. */
function readFields(body: unknown): { fields: TaskPatch; errors: FieldError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpProblem(422, 'the body must be a JSON object', { errors: [{ field: '(body)', message: 'must be a JSON object' }] });
  }
  const b = body as Record<string, unknown>;
  const fields: TaskPatch = {};
  const errors: FieldError[] = [];
  for (const key of Object.keys(b)) {
    if (!FIELDS.has(key)) errors.push({ field: key, message: 'is not a field of a task' });
  }
  if ('title' in b) {
    const title = typeof b.title === 'string' ? b.title.trim() : '';
    if (title.length >= 1 && title.length <= TITLE_MAX) fields.title = title;
    else errors.push({ field: 'title', message: `must be a string of 1 to ${TITLE_MAX} characters` });
  }
  if ('status' in b) {
    if (STATUSES.includes(b.status as Status)) fields.status = b.status as Status;
    else errors.push({ field: 'status', message: `must be one of ${STATUSES.join(', ')}` });
  }
  if ('priority' in b) {
    if (Number.isInteger(b.priority) && (b.priority as number) >= 1 && (b.priority as number) <= 5) fields.priority = b.priority as number;
    else errors.push({ field: 'priority', message: 'must be an integer from 1 to 5' });
  }
  return { fields, errors };
}

const invalid = (errors: FieldError[]) =>
  new HttpProblem(422, `invalid ${errors.map((e) => e.field).join(', ')}`, { errors });

function validateNew(body: unknown): NewTask {
  const { fields, errors } = readFields(body);
  // TODO: a title is required; status defaults to 'todo' and priority to 3. Any error → invalid(errors).
  return { title: fields.title ?? '', status: fields.status ?? 'todo', priority: fields.priority ?? 3 };
}

function validatePatch(body: unknown): TaskPatch {
  const { fields, errors } = readFields(body);
  // TODO: any error → invalid(errors); a patch that changes nothing ({}) is a 422 too.
  return fields;
}

// ---- list queries and cursors -----------------------------------------------------------------

const LIST_PARAMS = new Set(['status', 'priority', 'sort', 'limit', 'cursor']);

/** Validates every parameter against an allowlist; `params` are the accepted ones, for the next link. */
function parseListQuery(raw: Record<string, unknown>): { query: ListQuery; params: Array<[string, string]> } {
  // TODO: only LIST_PARAMS, each at most once (Express 5 gives string[] for a repeated key):
  //   status    one of STATUSES                       priority  an integer 1..5
  //   sort      one of SORT_FIELDS, '-' for descending (default -created_at)
  //   limit     an integer 1..MAX_LIMIT (default DEFAULT_LIMIT)
  //   cursor    decodeCursor(…), bound to this sort and these filters
  // Anything else is a 400 problem whose detail names the parameter.
  const sort: Sort = { field: 'created_at', direction: 'desc' };
  return { query: { filters: {}, sort, limit: DEFAULT_LIMIT }, params: [] };
}

/** An opaque string for clients: the position plus the sort and filters it belongs to. */
function encodeCursor(sort: Sort, filters: Filters, at: Position): string {
  // TODO: clients must not build or depend on it (base64url of a small JSON is the usual shape)
  throw new HttpProblem(501, 'TODO: encodeCursor in app.ts');
}

/** The position in a cursor, or a 400 problem: unparseable, tampered with, or from another query. */
function decodeCursor(text: string, sort: Sort, filters: Filters): Position {
  // TODO: never let a malformed value reach PostgreSQL (that would be a 500).
  throw new HttpProblem(501, 'TODO: decodeCursor in app.ts');
}
