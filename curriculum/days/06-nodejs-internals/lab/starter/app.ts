// Given: the HTTP layer of the accounts-and-orders service. The hot paths it calls live in
// passwords.ts, usernames.ts, orders-json.ts and loop-monitor.ts. You do not need to change this file.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLoopMonitor } from './loop-monitor.js';
import { createOrdersImporter, writeOrdersJson } from './orders-json.js';
import { InvalidOrdersError, makeOrders } from './orders.js';
import { DEFAULT_ITERATIONS, hashPassword, verifyPassword } from './passwords.js';
import { isValidUsername } from './usernames.js';

export interface AppOptions {
  port: number;
  host?: string;
  /** How many orders GET /orders/export serves (makeOrders(orders)). */
  orders?: number;
  /** PBKDF2 iterations for new password hashes. */
  iterations?: number;
}

export interface App {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Largest accepted POST /orders/import body. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
const MAX_FORM_BYTES = 16 * 1024;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 1024;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length']) > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

async function readForm(req: IncomingMessage): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, 'the body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Starts the service on `port` and resolves once it listens. */
export async function startApp({ port, host = '127.0.0.1', orders: orderCount = 20_000, iterations = DEFAULT_ITERATIONS }: AppOptions): Promise<App> {
  const monitor = createLoopMonitor();
  const importer = createOrdersImporter();
  const orders = makeOrders(orderCount);
  /** username → password hash; a pending signup holds `null`, so the name is taken while it hashes. */
  const users = new Map<string, string | null>();
  const dummyHash = await hashPassword('not-a-real-password', iterations);

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const key = `${req.method} ${url.pathname}`;
    switch (key) {
      case 'GET /ping':
        return send(res, 200, 'pong');
      case 'GET /metrics/loop':
        return send(res, 200, monitor.read());
      case 'GET /users/check': {
        const username = url.searchParams.get('username');
        if (username === null) throw new HttpError(400, 'pass ?username=');
        return send(res, 200, { valid: isValidUsername(username) });
      }
      case 'POST /users': {
        const { username, password } = await readForm(req);
        if (typeof username !== 'string' || !isValidUsername(username)) throw new HttpError(400, 'invalid username');
        if (typeof password !== 'string' || password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
          throw new HttpError(400, `the password must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters`);
        }
        if (users.has(username)) throw new HttpError(409, 'username taken');
        users.set(username, null); // reserve the name before the first await
        try {
          users.set(username, await hashPassword(password, iterations));
        } catch (err) {
          users.delete(username);
          throw err;
        }
        return send(res, 201, { username });
      }
      case 'POST /login': {
        const { username, password } = await readForm(req);
        if (typeof username !== 'string' || typeof password !== 'string' || password.length > PASSWORD_MAX) throw new HttpError(400, 'username and password must be strings');
        const stored = users.get(username);
        // Unknown users cost a verification too, so response time does not reveal which names exist.
        const ok = (await verifyPassword(password, stored ?? dummyHash)) && typeof stored === 'string';
        return send(res, ok ? 200 : 401, { ok });
      }
      case 'POST /orders/import': {
        const body = await readBody(req, MAX_IMPORT_BYTES);
        try {
          return send(res, 200, await importer.importOrders(body));
        } catch (err) {
          if (err instanceof InvalidOrdersError) throw new HttpError(400, err.message);
          throw err;
        }
      }
      case 'GET /orders/export': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const gone = new AbortController();
        res.once('close', () => gone.abort(new Error('the client went away')));
        try {
          await writeOrdersJson(res, orders, { signal: gone.signal });
        } catch (err) {
          if (!gone.signal.aborted) throw err;
        }
        return;
      }
      default:
        throw new HttpError(404, `no route for ${key}`);
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    route(req, res, url).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) console.error(err);
      if (res.headersSent) return void res.destroy();
      if (status === 413) res.setHeader('connection', 'close'); // the rest of the body is unread
      send(res, status, { error: status === 500 ? 'internal error' : (err as Error).message });
    });
  });

  try {
    await importer.ready;
    server.listen(port, host);
    await once(server, 'listening');
  } catch (err) {
    monitor.close();
    await importer.close();
    throw err;
  }
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${actual}`,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await closed;
      monitor.close();
      await importer.close();
    },
  };
}
