// The HTTP app: users routes, a request id on every response, and ONE error middleware that turns
// every failure into an RFC 9457 problem+json response.
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { inspect } from 'node:util';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldError } from './errors.js';
import { createMemoryStore, UniqueViolationError, type NewUser, type UserStore } from './store.js';

export interface ErrorLogEntry {
  /** 'error' for 5xx (a bug or an outage: page someone), 'warn' for 4xx (the client's mistake). */
  level: 'error' | 'warn';
  time: string;
  requestId: string;
  method: string;
  /** req.originalUrl */
  path: string;
  status: number;
  name: string;
  message: string;
  code?: string;
  stack?: string;
  /** The `cause` chain, outermost first, as "Name: message" strings. */
  causes?: string[];
}

export interface AppOptions {
  /** 'development' shows stacks in 500 problems; anything else hides them. Default: process.env.NODE_ENV when createApp is called. */
  env?: string;
  /** Mounts extra routes after the app's own routes and before the 404 handler. */
  routes?: (router: Router) => void;
  /** Receives one entry per error response. Default: one JSON line on stderr. */
  log?: (entry: ErrorLogEntry) => void;
  /** Default: a fresh seeded in-memory store. */
  store?: UserStore;
}

/** An RFC 9457 problem details object, as this API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: readonly FieldError[];
  stack?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** An inbound X-Request-Id is reused only if it looks like an id: bounded, no spaces, quotes or markup. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const JSON_LIMIT = '100kb';
const GENERIC_5XX = 'An unexpected error occurred. Quote the request id if you report it.';

export function createApp(options: AppOptions = {}): Express {
  const showStack = (options.env ?? process.env.NODE_ENV) === 'development'; // fail closed
  const log = options.log ?? writeLogLine;
  const store = options.store ?? createMemoryStore();

  const app = express();
  app.disable('x-powered-by');
  app.use(requestId); // first, so even a body-parser failure carries an id
  app.use(express.json({ limit: JSON_LIMIT }));

  app.get('/users/:id', async (req, res) => {
    const user = await store.get(req.params.id);
    if (!user) throw new NotFoundError(`user ${req.params.id}`);
    res.json(user);
  });

  app.post('/users', async (req, res) => {
    const input = validateNewUser(req.body);
    try {
      res.status(201).json(await store.insert(input));
    } catch (err) {
      if (err instanceof UniqueViolationError) {
        throw new ConflictError(`a user with email ${input.email} already exists`, { cause: err });
      }
      throw err; // anything else is not ours to interpret: a 500
    }
  });

  app.get('/users/:id/activity', async (req, res, next) => {
    const user = await store.get(req.params.id);
    if (!user) throw new NotFoundError(`user ${req.params.id}`);
    const activity = store.activity(user.id);
    // A stream reports failure with an 'error' event: not part of this handler's promise, so
    // Express 5 never sees it unless we forward it. pipe() (unlike pipeline()) leaves `res` open,
    // so an error before the first byte can still become a 500 problem.
    activity.once('error', next);
    res.once('close', () => activity.destroy()); // client gone or response done: release the cursor
    res.type('application/x-ndjson');
    activity.pipe(res);
  });

  if (options.routes) {
    const extra = express.Router();
    options.routes(extra);
    app.use(extra);
  }

  // No route matched: not an error to Express, so make it one.
  app.use((req, _res, next) => next(new NotFoundError(`route ${req.method} ${req.path}`)));
  app.use(problemHandler(showStack, log));
  return app;
}

const requestId: RequestHandler = (req, res, next) => {
  const id = req.get('x-request-id') || randomUUID(); // the proxy sets it, so it must be fine
  res.locals.requestId = id;
  res.set('X-Request-Id', id);
  next();
};

function validateNewUser(body: unknown): NewUser {
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (name.length === 0 || name.length > 100) errors.push({ field: 'name', message: 'must be a string of 1 to 100 characters' });
  const email = typeof b.email === 'string' ? b.email.trim() : '';
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', message: 'must be an email address' });
  if (errors.length > 0) throw new ValidationError(errors);
  return { name, email };
}

interface HttpAwareError {
  status: number;
  expose: boolean;
  message?: unknown;
}

/**
 * Errors that carry a status meant for OUR client: AppErrors, and http-errors (what body-parser
 * throws for malformed or oversized bodies), both of which set a boolean `expose`. A `status` on
 * anything else (an HTTP client's error for a dependency's 404) is not our response status.
 */
function isHttpAware(err: unknown): err is HttpAwareError {
  if (err instanceof AppError) return true;
  if (typeof err !== 'object' || err === null) return false;
  const { status, expose } = err as Partial<HttpAwareError>;
  return typeof expose === 'boolean' && Number.isInteger(status) && status! >= 400 && status! <= 599;
}

function problemHandler(showStack: boolean, log: (entry: ErrorLogEntry) => void): ErrorRequestHandler {
  // Four parameters: Express recognises an error handler by fn.length === 4.
  return (err: unknown, req, res, next) => {
    const status = isHttpAware(err) ? err.status : 500;
    const requestId = String(res.locals.requestId ?? randomUUID());
    safeLog(log, logEntry(err, status, requestId, req.method, req.originalUrl));

    // Streaming already started: the status line is gone. Express's default handler destroys the
    // socket, so the client sees a broken response rather than a truncated "success".
    if (res.headersSent) return next(err);

    const exposed = status < 500 && isHttpAware(err) && err.expose;
    const problem: Problem = {
      type: 'about:blank', // no problem-type URI of our own: the title is the status phrase
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: exposed ? String(err.message) : status >= 500 ? GENERIC_5XX : (STATUS_CODES[status] ?? 'Error'),
      instance: req.originalUrl,
      requestId,
    };
    if (err instanceof ValidationError) problem.errors = err.errors;
    if (showStack && status >= 500) {
      problem.detail = err instanceof Error ? err.message : inspect(err);
      if (err instanceof Error && err.stack) problem.stack = err.stack;
    }
    res.status(status).set('X-Request-Id', requestId).type(PROBLEM_CONTENT_TYPE).json(problem);
  };
}

function logEntry(err: unknown, status: number, requestId: string, method: string, path: string): ErrorLogEntry {
  const e = err instanceof Error ? err : undefined;
  const entry: ErrorLogEntry = {
    level: status >= 500 ? 'error' : 'warn',
    time: new Date().toISOString(),
    requestId,
    method,
    path,
    status,
    name: e?.name ?? typeof err,
    message: e ? e.message : inspect(err),
  };
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') entry.code = code;
  if (e?.stack) entry.stack = e.stack;
  const causes: string[] = [];
  for (let c = e?.cause, depth = 0; c !== undefined && depth < 5; c = c instanceof Error ? c.cause : undefined, depth++) {
    causes.push(c instanceof Error ? `${c.name}: ${c.message}` : inspect(c));
  }
  if (causes.length) entry.causes = causes;
  return entry;
}

function safeLog(log: (entry: ErrorLogEntry) => void, entry: ErrorLogEntry): void {
  try {
    log(entry);
  } catch {
    // a broken logger must not turn one error response into none
  }
}

function writeLogLine(entry: ErrorLogEntry): void {
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}
