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
// v1 is an adapter one step down from v2, not a second copy of the handlers.
const V1: ApiVersion = { represent: (t) => ({ ...v2Representation(t), id: Number(t.id) }), requireIfMatch: false };

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
  if (policy.sunsetAt < policy.deprecatedAt) throw new Error('Sunset must not be earlier than Deprecation (RFC 9745 §4)');
  const deprecation = `@${Math.floor(policy.deprecatedAt.getTime() / 1000)}`; // a Structured Field Date
  const sunset = policy.sunsetAt.toUTCString(); // an HTTP-date (IMF-fixdate)
  const link = `<${policy.link}>; rel="deprecation"; type="text/html"`;
  return (_req, res, next) => {
    res.set('Deprecation', deprecation).set('Sunset', sunset).append('Link', link);
    next();
  };
}

function tasksRouter(store: TaskStore, version: ApiVersion): express.Router {
  const r = express.Router();

  r.get('/tasks', async (req, res) => {
    const { query, params } = parseListQuery(req.query as Record<string, unknown>);
    const page = await store.list(query);
    let nextCursor: string | null = null;
    if (page.next) {
      nextCursor = encodeCursor(query.sort, query.filters, page.next);
      const next = new URLSearchParams(params);
      next.set('cursor', nextCursor);
      // Relative (RFC 8288 resolves it against the request URI): no Host header ends up in a link.
      res.append('Link', `<${req.baseUrl}${req.path}?${next}>; rel="next"`);
    }
    res.json({ data: page.items.map(version.represent), next_cursor: nextCursor });
  });

  r.post('/tasks', async (req, res) => {
    requireJson(req, ['application/json']);
    const task = await store.create(validateNew(req.body));
    res.status(201).location(`${req.baseUrl}/tasks/${task.id}`).set('ETag', etagOf(task)).json(version.represent(task));
  });

  r.get('/tasks/:id', async (req, res) => {
    const id = taskId(req);
    const task = await store.get(id);
    if (!task) throw notFound(id);
    const etag = etagOf(task);
    res.set('ETag', etag);
    if (noneMatch(req.get('If-None-Match'), etag)) {
      res.status(304).end();
      return;
    }
    res.json(version.represent(task));
  });

  r.patch('/tasks/:id', async (req, res) => {
    const id = taskId(req);
    const expected = expectedVersions(req.get('If-Match'), id);
    if (expected === undefined && version.requireIfMatch) {
      throw new HttpProblem(428, 'send If-Match with the ETag of the task you last read (or *), so no update is lost');
    }
    requireJson(req, ['application/json', 'application/merge-patch+json']);
    const result = await store.update(id, validatePatch(req.body), expected ?? null);
    if (!result.ok) throw writeFailed(result.reason, id);
    const task = result.task!;
    res.set('ETag', etagOf(task)).json(version.represent(task));
  });

  r.delete('/tasks/:id', async (req, res) => {
    const id = taskId(req);
    const result = await store.remove(id, expectedVersions(req.get('If-Match'), id) ?? null);
    if (!result.ok) throw writeFailed(result.reason, id);
    res.status(204).end();
  });

  return r;
}

// ---- ids, ETags and preconditions ------------------------------------------------------------

const MAX_BIGINT = 9223372036854775807n;

/** A path id that cannot be a row (not a positive bigint) is a 404, never a database error. */
function taskId(req: Request): string {
  const id = String(req.params.id);
  if (!/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > MAX_BIGINT) throw notFound(id);
  return id;
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

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ is ignored. */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return [...header.matchAll(ENTITY_TAGS)].some((m) => m[0].replace(/^W\//, '') === etag);
}

/**
 * If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag never matches. Returns
 * undefined without the header, null for `*` (any current representation), otherwise the versions
 * of this task the client's tags name (possibly none).
 */
function expectedVersions(header: string | undefined, id: string): Expected | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return null;
  const versions: number[] = [];
  for (const [tag, weak] of header.matchAll(ENTITY_TAGS)) {
    const m = /^"(\d+)\.(\d{1,9})"$/.exec(tag);
    if (!weak && m && m[1] === id) versions.push(Number(m[2]));
  }
  return versions;
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
  if (!('title' in (body as object))) errors.push({ field: 'title', message: 'is required' });
  if (errors.length) throw invalid(errors);
  return { title: fields.title!, status: fields.status ?? 'todo', priority: fields.priority ?? 3 };
}

function validatePatch(body: unknown): TaskPatch {
  const { fields, errors } = readFields(body);
  if (!errors.length && Object.keys(fields).length === 0) errors.push({ field: '(body)', message: 'change at least one of title, status, priority' });
  if (errors.length) throw invalid(errors);
  return fields;
}

// ---- list queries and cursors -----------------------------------------------------------------

const LIST_PARAMS = new Set(['status', 'priority', 'sort', 'limit', 'cursor']);

/** Validates every parameter against an allowlist; `params` are the accepted ones, for the next link. */
function parseListQuery(raw: Record<string, unknown>): { query: ListQuery; params: Array<[string, string]> } {
  const params: Array<[string, string]> = [];
  const unknown = Object.keys(raw).filter((k) => !LIST_PARAMS.has(k));
  if (unknown.length) {
    throw new HttpProblem(400, `unknown query parameter(s): ${unknown.join(', ')}; filter on status or priority, sort on ${SORT_FIELDS.join(' or ')}`);
  }
  const one = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new HttpProblem(400, `${name} must be given once`);
    if (name !== 'cursor') params.push([name, v]);
    return v;
  };

  const filters: Filters = {};
  const status = one('status');
  if (status !== undefined) {
    if (!STATUSES.includes(status as Status)) throw new HttpProblem(400, `status must be one of ${STATUSES.join(', ')}`);
    filters.status = status as Status;
  }
  const priority = one('priority');
  if (priority !== undefined) {
    if (!/^[1-5]$/.test(priority)) throw new HttpProblem(400, 'priority must be an integer from 1 to 5');
    filters.priority = Number(priority);
  }

  const sortText = one('sort') ?? '-created_at';
  const s = /^(-?)([a-z_]+)$/.exec(sortText);
  if (!s || !(SORT_FIELDS as readonly string[]).includes(s[2]!)) {
    throw new HttpProblem(400, `sort must be one of ${SORT_FIELDS.flatMap((f) => [f, `-${f}`]).join(', ')}`);
  }
  const sort: Sort = { field: s[2] as SortField, direction: s[1] ? 'desc' : 'asc' };

  const limitText = one('limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) throw new HttpProblem(400, `limit must be an integer from 1 to ${MAX_LIMIT}`);

  const cursor = one('cursor');
  const after = cursor === undefined ? undefined : decodeCursor(cursor, sort, filters);
  return { query: { filters, sort, limit, ...(after ? { after } : {}) }, params };
}

/** The cursor is opaque to clients and bound to the sort and filters that produced it. */
interface CursorBody {
  s: string;
  f: [Status | null, number | null];
  k: [string, string];
}

const sortKey = (sort: Sort) => `${sort.direction === 'desc' ? '-' : ''}${sort.field}`;
const filterKey = (f: Filters): CursorBody['f'] => [f.status ?? null, f.priority ?? null];

function encodeCursor(sort: Sort, filters: Filters, at: Position): string {
  const body: CursorBody = { s: sortKey(sort), f: filterKey(filters), k: [at.value, at.id] };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const KEY_PATTERN: Record<SortField, RegExp> = {
  created_at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  priority: /^[1-5]$/,
};

function decodeCursor(text: string, sort: Sort, filters: Filters): Position {
  const bad = () => new HttpProblem(400, 'cursor is not valid: use next_cursor (or the next link) exactly as it was returned');
  let body: Partial<CursorBody>;
  try {
    if (text.length > 512 || !/^[A-Za-z0-9_-]+$/.test(text)) throw bad();
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw bad();
  }
  if (typeof body !== 'object' || body === null || !Array.isArray(body.k) || body.k.length !== 2) throw bad();
  const [value, id] = body.k;
  if (typeof value !== 'string' || !KEY_PATTERN[sort.field].test(value) || typeof id !== 'string' || !/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > MAX_BIGINT) {
    throw bad();
  }
  if (body.s !== sortKey(sort) || JSON.stringify(body.f) !== JSON.stringify(filterKey(filters))) {
    throw new HttpProblem(400, 'cursor belongs to a different sort or filter: repeat the query that returned it');
  }
  return { value, id };
}
