import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ port, host });
    sock.once('connect', () => (sock.destroy(), resolve(true)));
    sock.once('error', () => resolve(false));
  });
}

/** Resolves once something accepts connections on the port; rejects after `ms`. */
export async function waitForPort(port: number, ms = 10_000, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await canConnect(port, host)) return;
    await sleep(50);
  }
  throw new Error(`Nothing listened on ${host}:${port} within ${ms} ms.`);
}

/** Resolves once nothing accepts connections on the port (the server really let go of it). */
export async function waitForPortClosed(port: number, ms = 5_000, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await canConnect(port, host))) return;
    await sleep(50);
  }
  throw new Error(`${host}:${port} still accepted connections after ${ms} ms.`);
}
