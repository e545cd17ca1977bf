// Cache-aside for Express GET responses, on Redis.
//
// Keys:   <prefix>res:<sha256 of method, path, sorted query, user, tags and their versions>  response entries
//         <prefix>tag:<tag>                                                              tag versions
// A write commits, then invalidate(tags) gives each tag a fresh random version. Every key built
// with the old version is unreachable from that moment; the orphans expire on their TTL.
import { createHash, randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
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

interface Entry {
  status: number;
  headers: Record<string, string>;
  /** base64 */
  body: string;
}

/** Response headers replayed on a hit; ETag is recomputed by res.send. */
const KEPT_HEADERS = ['content-type', 'cache-control', 'content-language', 'vary'];
const CONNECT_WAIT_MS = 2000;
const CLOSE_WAIT_MS = 1000;

/** Rejects when `promise` has not settled within `ms`. node-redis only times out commands it has not sent yet. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const toError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

export async function createResponseCache(options: CacheOptions): Promise<ResponseCache> {
  const { url, prefix, ttlSeconds = 60, jitter = 0.1, timeoutMs = 100, maxEntryBytes = 256 * 1024 } = options;
  if (!(ttlSeconds >= 1) || !(jitter >= 0 && jitter < 1) || !(timeoutMs > 0) || !(maxEntryBytes > 0)) {
    throw new RangeError('ttlSeconds must be at least 1, jitter from 0 to below 1, timeoutMs and maxEntryBytes positive');
  }
  const onError = options.onError ?? ((err: Error) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'cache', error: err.message })}\n`));
  const report = (err: unknown) => {
    try {
      onError(toError(err));
    } catch {
      // a broken logger must not break a request
    }
  };

  const client = createClient({
    url,
    disableOfflineQueue: true, // while reconnecting, reject at once instead of queueing
    commandsQueueMaxLength: 1000, // a stalled server cannot grow the queue without bound
  });
  client.on('error', report); // without a listener, the first network error crashes the process
  // Redis down at startup: start anyway (every request fails open); the client keeps reconnecting.
  await within(client.connect(), CONNECT_WAIT_MS).catch(report);

  const inflight = new Map<string, Promise<Entry | null>>();
  const tagKey = (tag: string) => `${prefix}tag:${tag}`;
  // A version may vanish at any time (random versions make that safe: it only costs misses), so it
  // needs no longer life than a few entry lifetimes; tags of ids nobody asks for again go away.
  const versionTtlMs = ttlSeconds * 10_000;

  async function versionOf(tag: string): Promise<string> {
    const key = tagKey(tag);
    const current = await within(client.get(key), timeoutMs);
    if (current !== null) return current;
    // First use, or evicted / expired: mint a version that no earlier entry can carry. A counter
    // restarting at 0 would bring back entries cached before the last invalidation.
    const mine = randomUUID();
    const set = await within(client.set(key, mine, { condition: 'NX', expiration: { type: 'PX', value: versionTtlMs } }), timeoutMs);
    if (set !== null) return mine;
    const winner = await within(client.get(key), timeoutMs);
    if (winner === null) throw new Error(`version of tag ${tag} vanished`);
    return winner;
  }

  function keyFor(req: Request, user: string | null, tags: readonly string[], versions: readonly string[]): string {
    const raw = req.originalUrl;
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
    query.sort(); // by name, stable: ?b=2&a=1 and ?a=1&b=2 are one entry
    const identity = JSON.stringify(['GET', path, query.toString(), user, tags, versions]);
    return `${prefix}res:${createHash('sha256').update(identity).digest('hex')}`; // bounded, whatever the URL
  }

  function ttlMs(): number {
    return Math.max(1000, Math.round(ttlSeconds * 1000 * (1 - jitter * Math.random())));
  }

  function storable(res: Response, body: Buffer | undefined, scope: 'public' | 'user'): Entry | null {
    if (!res.writableFinished || body === undefined) return null; // cut off, or not sent with res.send
    if (res.statusCode !== 200 || body.length > maxEntryBytes) return null;
    if (res.getHeader('set-cookie') !== undefined) return null;
    const cc = String(res.getHeader('cache-control') ?? '').toLowerCase();
    const has = (directive: string) => new RegExp(`(^|,)\\s*${directive}\\s*(=|,|$)`).test(cc);
    if (has('no-store') || has('no-cache')) return null;
    if (has('private') && scope === 'public') return null; // private is fine only under a per-user key
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = res.getHeader(name);
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { status: 200, headers, body: body.toString('base64') };
  }

  function parse(text: string): Entry | null {
    try {
      const e = JSON.parse(text) as Partial<Entry>;
      return typeof e.status === 'number' && typeof e.body === 'string' && typeof e.headers === 'object' && e.headers !== null ? (e as Entry) : null;
    } catch {
      return null;
    }
  }

  function serve(res: Response, entry: Entry): void {
    res.status(entry.status).set(entry.headers).set('X-Cache', 'HIT').send(Buffer.from(entry.body, 'base64'));
  }

  /** Runs the route for everyone waiting on `key`, and stores what it sent if it may be stored. */
  function lead(key: string, scope: 'public' | 'user', res: Response, next: NextFunction): void {
    let settle!: (entry: Entry | null) => void;
    inflight.set(key, new Promise((resolve) => (settle = resolve)));
    let body: Buffer | undefined;
    const send = res.send;
    res.send = function (this: Response, chunk?: unknown) {
      if (typeof chunk === 'string') body = Buffer.from(chunk);
      else if (Buffer.isBuffer(chunk)) body = chunk;
      return send.call(this, chunk);
    } as Response['send'];
    res.once('close', () => {
      const entry = storable(res, body, scope);
      settle(entry); // waiters get it now; an uncacheable response is never handed to anyone else
      if (!entry) return void inflight.delete(key);
      // Keep the flight until the SET lands, so a request that misses meanwhile waits instead of loading.
      within(client.set(key, JSON.stringify(entry), { expiration: { type: 'PX', value: ttlMs() } }), timeoutMs)
        .catch(report)
        .finally(() => inflight.delete(key));
    });
    res.set('X-Cache', 'MISS');
    next();
  }

  return {
    route({ tags = () => [], scope = 'public' } = {}) {
      return async (req, res, next) => {
        const bypass = () => (res.set('X-Cache', 'BYPASS'), next());
        if (req.method !== 'GET') return bypass();
        const user: unknown = res.locals.userId;
        if (scope === 'user' && (typeof user !== 'string' || user === '')) return bypass();

        let key: string;
        let hit: string | null;
        try {
          const tagList = [...tags(req, res)];
          // Versions are read BEFORE the route loads anything: a write that commits after this point
          // retires this key, so whatever this request loads can never be served after that write.
          const versions = await Promise.all(tagList.map(versionOf));
          key = keyFor(req, scope === 'user' ? (user as string) : null, tagList, versions);
          hit = await within(client.get(key), timeoutMs);
        } catch (err) {
          report(err);
          return bypass(); // fail open: the origin answers
        }

        const entry = hit === null ? null : parse(hit);
        if (entry) return serve(res, entry);
        const flight = inflight.get(key);
        if (flight) {
          const shared = await flight;
          if (shared) return serve(res, shared);
          res.set('X-Cache', 'MISS');
          return next(); // the leader's response was not cacheable: run the route for this caller
        }
        lead(key, scope, res, next);
      };
    },

    async invalidate(tags) {
      if (tags.length === 0) return;
      try {
        await within(
          Promise.all(tags.map((tag) => client.set(tagKey(tag), randomUUID(), { expiration: { type: 'PX', value: versionTtlMs } }))),
          timeoutMs,
        );
      } catch (err) {
        report(new Error(`invalidating ${tags.join(', ')} failed: those responses may be stale for up to ${ttlSeconds} s`, { cause: err }));
      }
    },

    async purge() {
      const wait = Math.max(timeoutMs, 2000);
      const match = `${escapeGlob(prefix)}*`;
      let removed = 0;
      let cursor = '0';
      do {
        const reply = await within(client.scan(cursor, { MATCH: match, COUNT: 500 }), wait);
        cursor = String(reply.cursor);
        if (reply.keys.length > 0) removed += await within(client.unlink(reply.keys), wait);
      } while (cursor !== '0');
      return removed;
    },

    close: (() => {
      let closing: Promise<void> | undefined;
      return () =>
        (closing ??= (async () => {
          try {
            await within(client.close(), CLOSE_WAIT_MS); // waits for replies to commands already sent
          } catch {
            // stalled, or already closed
          } finally {
            client.destroy();
          }
        })());
    })(),
  };
}
