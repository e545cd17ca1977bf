import express, { type NextFunction, type Request, type Response } from 'express';
import type { ServerDeps } from './deps.js';
import { HttpError, sendProblem, toProblem } from './problem.js';
import { daysRouter } from './routes-days.js';
import { practiceRouter } from './routes-practice.js';
import { statusRouter } from './routes-status.js';
import { todayRouter } from './routes-today.js';
import { hostCheck, originCheck, securityHeaders, tokenCheck } from './security.js';
import { webApp } from './web.js';
import type { ApiIndex } from '../shared/types.js';

/** The largest JSON body the API reads (a long mock answer fits many times over). */
export const BODY_LIMIT = '64kb';

/** Every route, for the index at `GET /api`. */
export const API_ROUTES = [
  'GET /api',
  'POST /api/start',
  'GET /api/plan',
  'GET /api/today',
  'GET /api/days/:day',
  'GET /api/days/:day/questions',
  'POST /api/days/:day/done',
  'GET /api/days/:day/drills',
  'POST /api/days/:day/drills/:id/run',
  'GET /api/days/:day/lab',
  'POST /api/days/:day/lab',
  'POST /api/days/:day/hint',
  'POST /api/days/:day/verify',
  'POST /api/days/:day/watch',
  'POST /api/days/:day/solution',
  'POST /api/days/:day/reset',
  'GET /api/review/due',
  'POST /api/review/grade',
  'POST /api/review/undo',
  'PUT /api/review/limits',
  'POST /api/review/add-day',
  'POST /api/mock/start',
  'GET /api/mock/history',
  'GET /api/mock/:session',
  'POST /api/mock/:session/answer',
  'POST /api/mock/:session/finish',
  'GET /api/notes/export',
  'GET /api/notes/:day',
  'PUT /api/notes/:day',
  'GET /api/weak',
  'GET /api/progress',
  'GET /api/doctor',
];

/** The HTTP app: security checks first, then the API over core and the web app. `port` is read per request (known after listen). */
export function createApp(deps: ServerDeps, opts: { token: string; port: () => number }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders, hostCheck(opts.port));

  const api = express.Router();
  api.use(tokenCheck(opts.token), originCheck, express.json({ limit: BODY_LIMIT }));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.get('/', (_req, res) => {
    res.json({ name: 'nodeprep', api: API_ROUTES, auth: 'Authorization: Bearer <token> or ?token=<token>' } satisfies ApiIndex);
  });
  api.use(daysRouter(deps), todayRouter(deps), practiceRouter(deps), statusRouter(deps));
  api.use((req) => {
    throw new HttpError(404, 'Not Found', `There is no ${req.method} ${req.originalUrl.split('?')[0]}: GET /api lists the API.`);
  });
  app.use('/api', api);

  app.use(webApp(deps.webDir));

  app.use((req: Request) => {
    throw new HttpError(404, 'Not Found', `Nothing at ${req.path}: GET /api lists the API.`);
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const p = toProblem(err);
    // HttpErrors are deliberate answers (e.g. the 503 before the web app is built), not bugs to log.
    if (p.status >= 500 && !p.code && !(err instanceof HttpError)) deps.onError(err);
    if (res.headersSent) res.end();
    else sendProblem(res, p);
  });
  return app;
}
