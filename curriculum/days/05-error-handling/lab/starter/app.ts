// The HTTP app: users routes, a request id on every response, and ONE error middleware that turns
// every failure into an RFC 9457 problem+json response.
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import type { FieldError } from './errors.js';
import { createMemoryStore, type UserStore } from './store.js';

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

export function createApp(options: AppOptions = {}): Express {
  const store = options.store ?? createMemoryStore();
  const app = express();

  // TODO: a request-id middleware, first: reuse a well-formed inbound X-Request-Id
  // (REQUEST_ID_PATTERN), else mint randomUUID(); keep it in res.locals and set the X-Request-Id
  // response header, for every response.

  // TODO: JSON bodies are limited to 100 kB; malformed or oversized bodies must end up as
  // 400 / 413 problems (body-parser's errors carry `status` and `expose`).
  app.use(express.json());

  app.get('/users/:id', async (req, res) => {
    const user = await store.get(req.params.id);
    if (!user) {
      // TODO: throw a NotFoundError and let the one error middleware answer.
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.json(user);
  });

  app.post('/users', async (req, res) => {
    // TODO: validate the body (name: 1-100 characters after trimming; email: an address), reporting
    // every invalid field in one ValidationError; turn the store's UniqueViolationError into a
    // ConflictError (keep it as `cause`); let anything else through as a 500.
    const user = await store.insert(req.body as { name: string; email: string });
    res.status(201).json(user);
  });

  app.get('/users/:id/activity', async (req, res) => {
    const user = await store.get(req.params.id);
    if (!user) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    const activity = store.activity(user.id);
    // TODO: the stream reports failure with an 'error' event, which is not part of this handler's
    // promise, so Express 5 never sees it. Before the first byte it must become a 500 problem;
    // after it, the response must be cut, not ended as if it were whole.
    activity.on('error', () => res.end());
    res.type('application/x-ndjson');
    activity.pipe(res);
  });

  if (options.routes) {
    const extra = express.Router();
    options.routes(extra);
    app.use(extra);
  }

  // TODO: a 404 for every request no route matched.

  app.use(problemHandler(options));
  return app;
}

function problemHandler(options: AppOptions): ErrorRequestHandler {
  void options;
  return (err, _req, _res, next) => {
    // TODO: the one error middleware:
    //  - status: an AppError's, or a body-parser (http-errors) error's — both have a boolean
    //    `expose`; anything else, whatever properties it carries, is a 500;
    //  - log every error (options.log, default a JSON line on stderr) with request id and stack;
    //  - if the response has already started, hand the error to Express's default handler;
    //  - else answer application/problem+json: type, title, status, detail, instance, requestId
    //    (+ `errors` for a ValidationError); a 5xx detail is generic, and `stack` appears only
    //    when env is exactly 'development'.
    next(err);
  };
}
