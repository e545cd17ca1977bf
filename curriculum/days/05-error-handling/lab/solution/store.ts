// The user store the routes talk to: an in-memory stand-in for a database repository.
// Given code: you do not need to edit this file (createApp accepts any UserStore, so the checks can
// hand it a store that fails the way a real database does).
import { Readable } from 'node:stream';

export interface User {
  id: string;
  name: string;
  email: string;
}

export interface NewUser {
  name: string;
  email: string;
}

/**
 * What a database driver throws on a duplicate key (Postgres: SQLSTATE 23505). Its message names
 * the constraint: an implementation detail that must not reach the client.
 */
export class UniqueViolationError extends Error {
  readonly code = 'UNIQUE_VIOLATION';
  constructor(readonly constraint: string, options?: ErrorOptions) {
    super(`duplicate key value violates unique constraint "${constraint}"`, options);
    this.name = 'UniqueViolationError';
  }
}

export interface UserStore {
  /** The user, or undefined when there is none. */
  get(id: string): Promise<User | undefined>;
  /** Inserts and returns the new user; rejects with UniqueViolationError when the email is taken. */
  insert(user: NewUser): Promise<User>;
  /**
   * The user's activity log as NDJSON text chunks (one JSON object per line). Like a database
   * cursor, a failure arrives as an 'error' event on the stream, not as a rejection or a throw.
   */
  activity(id: string): Readable;
}

const SEED: User[] = [
  { id: '1', name: 'Ada Lovelace', email: 'ada@example.com' },
  { id: '2', name: 'Grace Hopper', email: 'grace@example.com' },
];

/** A fresh in-memory store, seeded with users 1 (ada@example.com) and 2 (grace@example.com). */
export function createMemoryStore(seed: readonly User[] = SEED): UserStore {
  const users = new Map(seed.map((u) => [u.id, { ...u }]));
  let nextId = Math.max(0, ...seed.map((u) => Number(u.id) || 0)) + 1;
  return {
    async get(id) {
      const user = users.get(id);
      return user && { ...user };
    },
    async insert({ name, email }) {
      const taken = [...users.values()].some((u) => u.email.toLowerCase() === email.toLowerCase());
      if (taken) throw new UniqueViolationError('users_email_key');
      const user = { id: String(nextId++), name, email };
      users.set(user.id, user);
      return { ...user };
    },
    activity(id) {
      async function* lines() {
        for (const [i, action] of ['signed-up', 'verified-email', 'logged-in'].entries()) {
          yield `${JSON.stringify({ seq: i + 1, userId: id, action })}\n`;
        }
      }
      return Readable.from(lines());
    },
  };
}
