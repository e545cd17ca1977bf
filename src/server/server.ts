import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { ServerDeps } from './deps.js';

export interface Running {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  token: string;
  /** The address to open: the origin with the token. */
  url: string;
  /** Stops accepting, aborts running verifies, ends open streams; resolves once the server is closed. */
  close(): Promise<void>;
}

export interface StartOptions extends Omit<ServerDeps, 'shutdown'> {
  /** 0 picks a free port. */
  port: number;
}

/** Starts the API on 127.0.0.1 (never another interface) with a fresh random token. */
export async function startServer(opts: StartOptions): Promise<Running> {
  const token = randomBytes(32).toString('hex');
  const shutdown = new AbortController();
  let port = 0;
  const app = createApp({ ...opts, shutdown: shutdown.signal }, { token, port: () => port });
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    port,
    token,
    url: `${origin}/?token=${token}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        shutdown.abort();
        // Streams end as soon as their verify has stopped; keep-alive sockets go once idle; anything left after 2 s is cut.
        const sweep = setInterval(() => server.closeIdleConnections(), 25);
        const cut = setTimeout(() => server.closeAllConnections(), 2000);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      })),
  };
}
