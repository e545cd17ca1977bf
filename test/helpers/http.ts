import { request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Each chunk as it arrived (ms since the request was sent), to tell a live stream from a buffered one. */
  chunks: Array<{ at: number; text: string }>;
  json: <T = any>() => T;
}

/** One real HTTP request on loopback, with full control of Host and Origin (fetch forbids both). */
export function call(origin: string, method: string, path: string, opts: { token?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {}): Promise<Reply> {
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string> = {
    ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    ...(method !== 'GET' ? { origin } : {}),
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...opts.headers,
  };
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Reply['chunks'] = [];
      res.setEncoding('utf8').on('data', (d: string) => chunks.push({ at: performance.now() - t0, text: d }));
      res.on('end', () => {
        const text = chunks.map((c) => c.text).join('');
        resolve({ status: res.statusCode!, headers: res.headers, text, chunks, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Server-Sent Events of a finished stream, in order. */
export function parseEvents(text: string): Array<{ event: string; data: any }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) };
    });
}

export interface EventStream {
  status: Promise<number>;
  /** Every event so far, in order. */
  events: Array<{ event: string; data: any }>;
  /** Resolves once `count` events named `event` have arrived (rejects after `timeoutMs`, or if the stream ends first). */
  waitFor(event: string, count: number, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Closes the connection from the client side. */
  abort(): void;
}

/** A Server-Sent Events request read as it arrives, for streams that do not end by themselves. */
export function openStream(origin: string, path: string, opts: { token: string; body?: unknown }): EventStream {
  const events: EventStream['events'] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let done = false;
  let resolveStatus!: (status: number) => void;
  let resolveEnded!: () => void;
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const finish = () => {
    done = true;
    resolveEnded();
    waiters.forEach((w) => w());
  };
  const req = request(`${origin}${path}`, { method: 'POST', headers: { authorization: `Bearer ${opts.token}`, origin, 'content-type': 'application/json' } }, (res) => {
    resolveStatus(res.statusCode!);
    res.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      events.push(...parseEvents(blocks.join('\n\n')));
      waiters.forEach((w) => w());
    });
    res.on('end', finish).on('error', finish).on('close', finish);
  });
  req.on('error', finish);
  req.end(JSON.stringify(opts.body ?? {}));
  return {
    status,
    events,
    ended,
    abort: () => req.destroy(),
    waitFor: (event, count, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (events.filter((e) => e.event === event).length >= count) settle();
          else if (done) settle(new Error(`the stream ended before ${count}× ${event}: ${JSON.stringify(events.map((e) => e.event))}`));
        };
        const settle = (err?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) reject(err);
          else resolve();
        };
        const timer = setTimeout(() => settle(new Error(`timed out waiting for ${count}× ${event}: ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}
