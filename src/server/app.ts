import express, { type NextFunction, type Request, type Response } from 'express';
import type { ServerDeps } from './deps.js';
import { HttpError, sendProblem, toProblem } from './problem.js';
import { daysRouter } from './routes-days.js';
import { practiceRouter } from './routes-practice.js';
import { todayRouter } from './routes-today.js';
import { hostCheck, originCheck, securityHeaders, tokenCheck } from './security.js';

/** The largest JSON body the API reads (a long mock answer fits many times over). */
export const BODY_LIMIT = '64kb';

/** Every route, for the index at `/` until the web app is served there. */
export const API_ROUTES = [
  'GET /api/plan',
  'GET /api/today',
  'GET /api/days/:day',
  'GET /api/days/:day/questions',
  'GET /api/days/:day/lab',
  'POST /api/days/:day/lab',
  'POST /api/days/:day/hint',
  'POST /api/days/:day/verify',
  'GET /api/review/due',
  'POST /api/review/grade',
  'POST /api/review/undo',
  'POST /api/mock/start',
  'GET /api/mock/history',
  'GET /api/mock/:session',
  'POST /api/mock/:session/answer',
  'POST /api/mock/:session/finish',
  'GET /api/notes/:day',
  'PUT /api/notes/:day',
  'GET /api/weak',
];

/** The HTTP app: security checks first, then the API over core. `port` is read per request (known after listen). */
export function createApp(deps: ServerDeps, opts: { token: string; port: () => number }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders, hostCheck(opts.port));

  app.get('/', (_req, res) => {
    res.json({ name: 'nodeprep', api: API_ROUTES, auth: 'Authorization: Bearer <token> or ?token=<token>' });
  });

  const api = express.Router();
  api.use(tokenCheck(opts.token), originCheck, express.json({ limit: BODY_LIMIT }));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(daysRouter(deps), todayRouter(deps), practiceRouter(deps));
  api.use((req) => {
    throw new HttpError(404, 'Not Found', `There is no ${req.method} ${req.originalUrl.split('?')[0]}: GET / lists the API.`);
  });
  app.use('/api', api);

  app.use((req: Request) => {
    throw new HttpError(404, 'Not Found', `Nothing at ${req.path}: GET / lists the API.`);
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const p = toProblem(err);
    if (p.status >= 500 && !p.code) deps.onError(err);
    if (res.headersSent) res.end();
    else sendProblem(res, p);
  });
  return app;
}
