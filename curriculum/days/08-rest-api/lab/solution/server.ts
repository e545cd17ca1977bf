// Serving the app, and shutting it down without dropping requests or leaking connections.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createApp } from './app.js';
import { createPool } from './db.js';

export interface StartOptions {
  connectionString: string;
  schema: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** pg_stat_activity.application_name of the pool's connections (default: PGAPPNAME). */
  applicationName?: string;
}

export interface Running {
  port: number;
  pool: pg.Pool;
  /** Stops accepting connections, lets in-flight requests finish, then closes the pool. Safe to call twice. */
  close(): Promise<void>;
}

export async function start(options: StartOptions): Promise<Running> {
  const pool = createPool({
    connectionString: options.connectionString,
    schema: options.schema,
    ...(options.applicationName ? { applicationName: options.applicationName } : {}),
  });
  // An idle client whose connection dies emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', (err) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'idle database client failed', err: err.message })}\n`));
  try {
    await pool.query('SELECT 1'); // fail at startup, not on the first request
  } catch (err) {
    await pool.end();
    throw err;
  }

  const server = createServer(createApp({ pool }));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (err) {
    await pool.end();
    throw err;
  }

  let closing: Promise<void> | undefined;
  const close = async () => {
    // 1. stop accepting; server.close() calls back once the last in-flight request has finished
    await new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeIdleConnections(); // idle keep-alive sockets would otherwise hold close() open
    });
    // 2. only then the pool: in-flight requests needed it until now
    await pool.end();
  };
  return {
    port: (server.address() as AddressInfo).port,
    pool,
    close: () => (closing ??= close()),
  };
}
