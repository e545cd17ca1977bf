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
