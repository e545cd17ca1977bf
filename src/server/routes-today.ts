import { Router } from 'express';
import { weakAreas } from '../core/interview/weak-evidence.js';
import { startPlan } from '../core/plan/actions.js';
import { nextDay, planView } from '../core/plan/status.js';
import { deckSize, hasEvidence } from '../core/review/probe.js';
import { dueQueue } from '../core/review/session.js';
import { StartBody } from '../shared/schemas.js';
import type { StartResponse, TodayResponse } from '../shared/types.js';
import type { ServerDeps } from './deps.js';

/**
 * `GET /today`: the plan position, what to do next, cards due and the weakest topic (what `nodeprep today` shows);
 * `POST /start`: set the plan's start date (what `nodeprep start` does).
 */
export function todayRouter(deps: ServerDeps): Router {
  const { plan, store } = deps;
  const r = Router();
  r.get('/today', (_req, res) => {
    const now = deps.now();
    const view = planView(plan, store, now);
    const next = nextDay(view) ?? null;
    // Reviews and weak areas cost something only when the learner has any.
    const reviewsDue = store.startDate() || deckSize(store) ? dueQueue(store, plan, now).cards.length : 0;
    const weakest = hasEvidence(store) ? weakAreas(store, plan, now, 0)[0] : undefined;
    const body: TodayResponse = {
      position: view.position,
      done: view.days.filter((d) => d.status === 'done').length,
      catchUp: view.days.filter((d) => d.status === 'catch-up').map((d) => d.day),
      next,
      nextLabPassed: next?.lab ? store.labPassed(next.day) : null,
      reviewsDue,
      weakest: weakest ? { tag: weakest.tag, mastery: weakest.mastery } : null,
      problems: view.problems,
    };
    res.json(body);
  });

  r.post('/start', (req, res) => {
    const { date } = StartBody.parse(req.body ?? {});
    res.json(startPlan(store, deps.now(), date) satisfies StartResponse);
  });
  return r;
}
