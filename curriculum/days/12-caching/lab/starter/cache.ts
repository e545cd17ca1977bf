// Cache-aside for Express GET responses, on Redis. Response entries live under <prefix>res:, and
// anything else you keep (tag versions, sets, leases) under <prefix> too. See README.md.
import type { Request, RequestHandler, Response } from 'express';
import { createClient } from 'redis';

export interface CacheOptions {
  /** The Redis server, e.g. redis://127.0.0.1:6379. */
  url: string;
  /** Every key this cache reads or writes starts with it. Taken literally, glob characters included. */
  prefix: string;
  /** The longest an entry lives, in seconds: the staleness bound when everything else fails. Default 60. */
  ttlSeconds?: number;
  /** Each entry's TTL is shortened by a random fraction of up to this much (0 to 1). Default 0.1. */
  jitter?: number;
  /** Deadline for every Redis call a request waits on, in ms. Default 100. */
  timeoutMs?: number;
  /** Bodies larger than this are served but not stored. Default 256 KiB. */
  maxEntryBytes?: number;
  /** Every Redis failure the cache absorbed. Default: one JSON line on stderr. */
  onError?: (err: Error) => void;
}

export interface RouteCacheOptions {
  /** What the response depends on: `invalidate(['product:1'])` retires every response tagged `product:1`. */
  tags?: (req: Request, res: Response) => readonly string[];
  /**
   * 'public' (default): one entry for every caller. 'user': one entry per `res.locals.userId`;
   * requests without a user bypass the cache.
   */
  scope?: 'public' | 'user';
}

export interface ResponseCache {
  /** Middleware for one GET route: serve from the cache, or run the route once and store what it sent. */
  route(options?: RouteCacheOptions): RequestHandler;
  /** Call after the write has committed. Never rejects: a failure goes to onError. */
  invalidate(tags: readonly string[]): Promise<void>;
  /** Deletes every key under the prefix (SCAN + UNLINK) and returns how many went. */
  purge(): Promise<number>;
  /** Lets pending commands finish (briefly), then closes the connection. Safe to call twice. */
  close(): Promise<void>;
}

/** What one stored response needs to be replayed. A suggestion: the format is yours. */
interface Entry {
  status: number;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

export async function createResponseCache(options: CacheOptions): Promise<ResponseCache> {
  const { url, prefix, ttlSeconds = 60, jitter = 0.1, timeoutMs = 100, maxEntryBytes = 256 * 1024 } = options;
  const onError = options.onError ?? ((err: Error) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'cache', error: err.message })}\n`));
  void [prefix, ttlSeconds, jitter, timeoutMs, maxEntryBytes, onError];

  // TODO: the client. A client with no 'error' listener crashes the process on its first network
  // error. A Redis that is down at startup must not stop the API from starting (connect() keeps
  // retrying and does not settle until it is up). While it reconnects, commands should fail at once
  // instead of queueing.
  const client = createClient({ url });
  await client.connect();

  return {
    route(routeOptions = {}) {
      void routeOptions;
      // TODO: the middleware for one GET route (README, requirements 1-8):
      //  - only GET; scope 'user' without res.locals.userId bypasses (X-Cache: BYPASS);
      //  - the key: method, path, the query parameters sorted, the user for scope 'user', and
      //    whatever makes an invalidation stick (tag versions?), hashed, under <prefix>res:;
      //  - a hit replays status, headers and body (X-Cache: HIT);
      //  - a miss: one load per key at a time in this process, the others wait for it;
      //  - to see what the route sends, wrap res.send for this response (res.json calls it), and
      //    store on 'close' only a finished 200 that may be stored, with a jittered TTL (X-Cache: MISS);
      //  - every Redis call the request waits on gets a deadline of timeoutMs; any failure → report it
      //    to onError and let the route answer (X-Cache: BYPASS).
      return (_req, res, next) => {
        res.set('X-Cache', 'BYPASS');
        next();
      };
    },

    async invalidate(tags) {
      // TODO: called after a write commits: every response tagged with one of `tags` must never be
      // served again, including one that a slow request loaded before the write and stores after it.
      // Never rejects and never hangs: failures go to onError.
      void tags;
    },

    async purge() {
      // TODO: delete every key under the prefix and return how many: SCAN MATCH <prefix>* (the
      // prefix is literal: escape * ? [ ] \), UNLINK in batches. Never KEYS.
      throw new Error('TODO: purge()');
    },

    async close() {
      // TODO: let commands already sent finish, but not forever (a stalled Redis never answers),
      // then make sure the connection is gone. A second call is harmless.
      await client.close();
    },
  };
}
