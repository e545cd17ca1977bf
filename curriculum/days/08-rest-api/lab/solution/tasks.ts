// The service layer: every SQL statement of the API. It knows nothing about HTTP or versions; the
// v1 and v2 routers in app.ts are thin adapters over it.
import type pg from 'pg';

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
  /** After a write matched no row: was the task missing, or was its version not the expected one? */
  async function whyNot(id: string): Promise<WriteResult> {
    const { rowCount } = await pool.query('SELECT 1 FROM tasks WHERE id = $1', [id]);
    return { ok: false, reason: rowCount ? 'precondition-failed' : 'not-found' };
  }

  return {
    async list({ filters, sort, limit, after }) {
      const params: unknown[] = [];
      const where: string[] = [];
      const bind = (value: unknown) => `$${params.push(value)}`;
      if (filters.status !== undefined) where.push(`status = ${bind(filters.status)}`);
      if (filters.priority !== undefined) where.push(`priority = ${bind(filters.priority)}`);
      const { column, type, key } = SORT_SQL[sort.field];
      const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
      if (after) {
        // Row comparison: "strictly after (value, id)" in the order below, so ties on the sort value
        // are split by id, and the value is compared at full precision (text, not a JS Date).
        where.push(`(${column}, id) ${dir === 'DESC' ? '<' : '>'} (${bind(after.value)}::${type}, ${bind(after.id)}::bigint)`);
      }
      const sql = `SELECT ${COLUMNS} FROM tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${column} ${dir}, id ${dir} LIMIT ${bind(limit + 1)}`;
      const rows = (await pool.query<Row>(sql, params)).rows.map(toTask);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? { value: key(last), id: last.id } : null };
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
      // Check and write in ONE statement: a concurrent writer holding the row makes this wait, and
      // PostgreSQL then re-evaluates `version = ANY(...)` against the row it committed.
      const { rows } = await pool.query<Row>(
        `UPDATE tasks SET title = COALESCE($2, title), status = COALESCE($3, status), priority = COALESCE($4, priority),
           version = version + 1, updated_at = now()
         WHERE id = $1 AND ($5::int[] IS NULL OR version = ANY($5::int[]))
         RETURNING ${COLUMNS}`,
        [id, patch.title ?? null, patch.status ?? null, patch.priority ?? null, expected],
      );
      return rows[0] ? { ok: true, task: toTask(rows[0]) } : whyNot(id);
    },

    async remove(id, expected) {
      const { rowCount } = await pool.query('DELETE FROM tasks WHERE id = $1 AND ($2::int[] IS NULL OR version = ANY($2::int[]))', [id, expected]);
      return rowCount ? { ok: true, task: null } : whyNot(id);
    },
  };
}
