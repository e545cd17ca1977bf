// The service layer: every SQL statement of the API. It knows nothing about HTTP or versions; the
// v1 and v2 routers in app.ts are thin adapters over it.
import type pg from 'pg';
import { HttpProblem } from './problem.js';

export const STATUSES = ['todo', 'doing', 'done'] as const;
export type Status = (typeof STATUSES)[number];

/** The fields a list may be sorted on. Anything else never reaches SQL. */
export const SORT_FIELDS = ['created_at', 'priority'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type Direction = 'asc' | 'desc';

export interface Task {
  /** bigint in the database; a string here so no id ever loses precision. */
  id: string;
  title: string;
  status: Status;
  priority: number;
  /** ISO 8601 in UTC with PostgreSQL's full microsecond precision, e.g. 2026-11-26T10:00:00.123456Z. */
  createdAt: string;
  updatedAt: string;
  /** Bumped by every write: the strong validator the ETag is made from. */
  version: number;
}

export interface NewTask {
  title: string;
  status: Status;
  priority: number;
}

export type TaskPatch = Partial<NewTask>;

export interface Filters {
  status?: Status;
  priority?: number;
}

export interface Sort {
  field: SortField;
  direction: Direction;
}

/** Where the next page starts: the last row's exact sort value (as text) and its id. */
export interface Position {
  value: string;
  id: string;
}

export interface ListQuery {
  filters: Filters;
  sort: Sort;
  /** Already validated and capped by the caller. */
  limit: number;
  after?: Position;
}

export interface Page {
  items: Task[];
  /** The position after the last item, or null when this is the last page. */
  next: Position | null;
}

/**
 * A precondition on the current version: null means "any existing task" (no If-Match, or `If-Match: *`);
 * an array lists the versions the client accepts (empty when none of its tags can match).
 */
export type Expected = readonly number[] | null;

export type WriteResult = { ok: true; task: Task | null } | { ok: false; reason: 'not-found' | 'precondition-failed' };

export interface TaskStore {
  list(query: ListQuery): Promise<Page>;
  get(id: string): Promise<Task | null>;
  create(input: NewTask): Promise<Task>;
  update(id: string, patch: TaskPatch, expected: Expected): Promise<WriteResult>;
  remove(id: string, expected: Expected): Promise<WriteResult>;
}

const ISO_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
// The representation of a row. `created_at` comes back as text with all six fractional digits: a JS
// Date (what pg gives for a bare timestamptz column) would keep only milliseconds.
const COLUMNS = `id::text AS id, title, status, priority,
  to_char(created_at AT TIME ZONE 'UTC', ${ISO_MICROS}) AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', ${ISO_MICROS}) AS updated_at, version`;

/** Each sort field's SQL: fixed strings chosen by key, never text from the request. */
const SORT_SQL: Record<SortField, { column: string; type: string; key: (t: Task) => string }> = {
  created_at: { column: 'created_at', type: 'timestamptz', key: (t) => t.createdAt },
  priority: { column: 'priority', type: 'smallint', key: (t) => String(t.priority) },
};

interface Row {
  id: string;
  title: string;
  status: Status;
  priority: number;
  created_at: string;
  updated_at: string;
  version: number;
}

const toTask = (r: Row): Task => ({
  id: r.id,
  title: r.title,
  status: r.status,
  priority: r.priority,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export function createTaskStore(pool: pg.Pool): TaskStore {
  return {
    async list(query) {
      // TODO: one page in the order `query.sort` gives, ties broken by id in the same direction,
      // starting strictly after `query.after` (keyset, not OFFSET). Filters and the position are bound
      // parameters; the column comes from SORT_SQL. Fetch limit + 1 rows to know whether a next page
      // exists, and return the position of the last row you return.
      throw new HttpProblem(501, 'TODO: TaskStore.list in tasks.ts');
    },

    async get(id) {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM tasks WHERE id = $1`, [id]);
      return rows[0] ? toTask(rows[0]) : null;
    },

    async create({ title, status, priority }) {
      const { rows } = await pool.query<Row>(
        `INSERT INTO tasks (title, status, priority) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
        [title, status, priority],
      );
      return toTask(rows[0]!);
    },

    async update(id, patch, expected) {
      // TODO: apply the fields present in `patch`, bump `version` and `updated_at`, but only if the
      // task exists and (when `expected` is not null) its version is one of `expected`. Two writers
      // racing with the same version must not both succeed. When nothing was updated, tell
      // 'not-found' from 'precondition-failed'.
      throw new HttpProblem(501, 'TODO: TaskStore.update in tasks.ts');
    },

    async remove(id, expected) {
      // TODO: delete under the same precondition as update; { ok: true, task: null } when a row went.
      throw new HttpProblem(501, 'TODO: TaskStore.remove in tasks.ts');
    },
  };
}
