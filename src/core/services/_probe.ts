import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';

/** True when something accepts TCP connections on host:port within `ms`. */
export function reachable(host: string, port: number, ms = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(ms, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** The absolute path of an executable on PATH (or in the extra dirs), or undefined. */
export function which(name: string, extraDirs: string[] = []): string | undefined {
  const path = [...extraDirs, ...(process.env.PATH ?? '').split(':')].filter(Boolean).join(':');
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { env: { ...process.env, PATH: path }, encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** host and port of a service URL, with the scheme's default port. */
export function hostPort(url: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: u.port ? Number(u.port) : defaultPort };
}
