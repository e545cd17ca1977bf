import type { Response } from 'express';
import { ZodError } from 'zod';
import { isNodeprepError, type ErrorCode } from '../core/errors.js';
import type { Problem } from '../shared/types.js';

/** An HTTP-level refusal (auth, host, origin, too many at once): carries its own status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS: Record<ErrorCode, number> = { USAGE: 400, NOT_FOUND: 404, CONTENT: 500, STORE: 500, SERVICE: 503, LAB: 500, CONFLICT: 409 };

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const problem = (status: number, detail: string, extra: Partial<Problem> = {}): Problem => ({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra });

/**
 * The one place an error becomes an HTTP answer (RFC 9457): NodeprepError codes map to statuses
 * and keep their message (it says what to do next); anything unexpected is a 500 without internals.
 */
export function toProblem(err: unknown): Problem {
  if (err instanceof HttpError) return { type: 'about:blank', title: err.title, status: err.status, detail: err.message };
  if (isNodeprepError(err)) return problem(STATUS[err.code], err.message, { code: err.code });
  if (err instanceof ZodError) {
    const issue = err.issues[0]!;
    return problem(400, `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`, { code: 'USAGE' });
  }
  // body-parser's errors carry a status and a type (entity.too.large, entity.parse.failed, …).
  const e = err as { status?: unknown; type?: unknown; message?: unknown };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string') {
    const detail = e.type === 'entity.too.large' ? 'The request body is larger than the 64 kB limit.' : e.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : String(e.message);
    return problem(e.status, detail);
  }
  return problem(500, 'Unexpected error: this is a bug in nodeprep. The server log has the details.');
}

/** Sends `problem` as application/problem+json. */
export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}
