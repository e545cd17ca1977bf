import { Router } from 'express';
import { doctor, hidePassword } from '../core/doctor.js';
import { progressStats } from '../core/progress/stats.js';
import { ProgressQuery } from '../shared/schemas.js';
import type { DoctorResponse, ProgressResponse } from '../shared/types.js';
import type { ServerDeps } from './deps.js';

/** The learner's progress over time, and the environment check (`nodeprep progress`, `nodeprep doctor`). */
export function statusRouter(deps: ServerDeps): Router {
  const { plan, store } = deps;
  const r = Router();

  r.get('/progress', (req, res) => {
    const { days } = ProgressQuery.parse(req.query);
    res.json(progressStats(store, plan, deps.now(), days) satisfies ProgressResponse);
  });

  r.get('/doctor', async (_req, res) => {
    const report = await doctor({ home: deps.home, env: deps.env, store: () => store });
    // A service URL from the environment may carry a password: the browser does not need it.
    const body: DoctorResponse = { ...report, services: report.services.map((s) => ({ ...s, url: s.url && hidePassword(s.url) })) };
    res.json(body);
  });

  return r;
}
