// HTTP helpers shared by the checks (not a test file: vitest only runs *.test.ts).
import { STATUS_CODES, createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { expect } from 'vitest';

/** Serves a request listener (the app) on an ephemeral port of 127.0.0.1. */
export async function serve(app: RequestListener): Promise<{ base: string; port: number; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // a hung request (a broken solution) must not hold the file open
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON for JSON and problem+json responses, {} otherwise. */
  body: Record<string, unknown>;
  text: string;
}

const NO_ANSWER_MS = 4000;

/**
 * One request through supertest against a served app. A request that gets no answer fails with
 * `hangHint` instead of the check's timeout.
 */
export async function call(
  base: string,
  method: 'get' | 'post',
  path: string,
  opts: { headers?: Record<string, string>; json?: unknown; raw?: string; hangHint?: string; cutHint?: string } = {},
): Promise<Reply> {
  let req = request(base)[method](path).timeout({ deadline: NO_ANSWER_MS });
  for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.set(k, v);
  if (opts.raw !== undefined) req = req.set('Content-Type', 'application/json').send(opts.raw);
  else if (opts.json !== undefined) req = req.send(opts.json as object);
  try {
    const res = await req;
    return { status: res.status, headers: res.headers as Reply['headers'], body: (res.body ?? {}) as Reply['body'], text: res.text ?? '' };
  } catch (err) {
    const e = err as { timeout?: number; code?: string; message?: string };
    if (e.timeout) {
      throw new Error(`${method.toUpperCase()} ${path} got no response within ${NO_ANSWER_MS / 1000} s: ${opts.hangHint ?? 'an error was swallowed somewhere and nothing ever answered the request'}`);
    }
    throw new Error(`${method.toUpperCase()} ${path} failed at the socket level (${e.code ?? e.message}): the server cut the connection instead of answering${opts.cutHint ? ` — ${opts.cutHint}` : ''}`);
  }
}

export const PROBLEM_TYPE = /^application\/problem\+json\s*(;|$)/i;
export const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Node's STATUS_CODES phrase, or RFC 9110's newer name where they differ. */
const STATUS_PHRASES: Record<number, string[]> = {
  413: ['Payload Too Large', 'Content Too Large'],
  422: ['Unprocessable Entity', 'Unprocessable Content'],
};
const phrasesFor = (status: number) => STATUS_PHRASES[status] ?? [STATUS_CODES[status] ?? ''];

/**
 * Checks an RFC 9457 problem response and returns its body: status, media type, the five members,
 * and the request id in both the body and the X-Request-Id header.
 */
export function expectProblem(res: Reply, status: number, instance: string, context: string): Record<string, unknown> {
  const type = String(res.headers['content-type'] ?? '');
  if (/text\/html/i.test(type)) {
    expect.fail(`${context}: got a ${res.status} HTML page, which is what Express's default handler sends — the error never reached your error middleware (it needs exactly 4 parameters, (err, req, res, next), and must be registered after every route and the 404 handler)`);
  }
  expect(res.status, `${context}: the HTTP status must be ${status}`).toBe(status);
  expect(type, `${context}: Content-Type must be application/problem+json (RFC 9457), got "${type}"`).toMatch(PROBLEM_TYPE);
  const b = res.body;
  expect(b.status, `${context}: the problem's "status" member must repeat the HTTP status`).toBe(status);
  expect(typeof b.type === 'string' && b.type.length > 0, `${context}: "type" must be a URI reference ("about:blank" when you have no problem-type URI)`).toBe(true);
  if (b.type === 'about:blank') {
    expect(phrasesFor(status), `${context}: with type "about:blank" the "title" must be the HTTP status phrase (RFC 9457 §4.2.1), got ${JSON.stringify(b.title)}`).toContain(b.title);
  } else {
    expect(typeof b.title === 'string' && b.title.length > 0, `${context}: "title" must be a short summary of the problem type`).toBe(true);
  }
  expect(typeof b.detail === 'string' && b.detail.length > 0, `${context}: "detail" must be a non-empty, human-readable explanation`).toBe(true);
  expect(b.instance, `${context}: "instance" must be the request's path (req.originalUrl)`).toBe(instance);
  const header = res.headers['x-request-id'];
  expect(typeof header === 'string' && REQUEST_ID.test(header), `${context}: every response carries an X-Request-Id header of 8-64 [A-Za-z0-9_-] characters, got ${JSON.stringify(header)}`).toBe(true);
  expect(b.requestId, `${context}: the body's "requestId" must equal the X-Request-Id header, so a user's report maps to your logs`).toBe(header);
  return b;
}

export interface RawResult {
  status?: number;
  headers?: IncomingHttpHeaders;
  body: string;
  /** True when the response ended cleanly (all of its body arrived); false when the connection was cut. */
  complete: boolean;
  /** The client-side error, e.g. ECONNRESET or ECONNREFUSED. */
  error?: string;
  timedOut: boolean;
}

/**
 * A raw node:http request with a fresh connection (`Connection: close`), for what supertest hides:
 * a response cut mid-body, and the moment the first bytes arrive.
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  opts: { headers?: Record<string, string | string[]>; timeoutMs?: number } = {},
): { firstChunk: Promise<string>; done: Promise<RawResult> } {
  let gotFirst!: (text: string) => void;
  let noFirst!: (err: Error) => void;
  const firstChunk = new Promise<string>((res, rej) => ((gotFirst = res), (noFirst = rej)));
  firstChunk.catch(() => {}); // a caller that only awaits `done` must not see an unhandled rejection
  const done = new Promise<RawResult>((resolve) => {
    const result: RawResult = { body: '', complete: false, timedOut: false };
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: opts.headers });
    const timer = setTimeout(() => {
      result.timedOut = true;
      req.destroy();
    }, opts.timeoutMs ?? NO_ANSWER_MS);
    const finish = () => {
      clearTimeout(timer);
      noFirst(new Error(`${method} ${path}: no body arrived (${result.error ?? (result.timedOut ? 'timed out' : 'closed')})`));
      resolve(result);
    };
    req.on('error', (err: NodeJS.ErrnoException) => {
      result.error ??= err.code ?? err.message;
      if (!result.status) finish();
    });
    req.on('response', (res) => {
      result.status = res.statusCode;
      result.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        result.body += d;
        gotFirst(result.body);
      });
      res.on('error', (err: NodeJS.ErrnoException) => (result.error ??= err.code ?? err.message));
      res.on('close', () => {
        result.complete = res.complete && !result.timedOut;
        finish();
      });
    });
    req.end();
  });
  return { firstChunk, done };
}

/** Resolves once `condition()` holds; rejects with `message` after `ms`. */
export async function until(condition: () => boolean, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await sleep(25);
  }
}

/** True when a value, serialized, contains something that looks like a stack frame. */
export function looksLikeStack(value: unknown): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /\bat .+:\d+:\d+/.test(text) || /\n\s+at /.test(text) || /\\n\s+at /.test(text);
}
