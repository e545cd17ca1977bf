import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { dayEntry, loadLesson, loadQuestions } from '../core/curriculum/load.js';
import { dayDrills, drillView, judgeDrill } from '../core/drills/judge.js';
import { nextHint, unlockedHints } from '../core/labs/hints.js';
import { recordOutcome } from '../core/labs/record.js';
import { openSolution } from '../core/labs/solution.js';
import { parseTarget } from '../core/labs/targets.js';
import { verifyLab } from '../core/labs/verify.js';
import { copyStarter, labRef, resetLab, workspaceLabDir } from '../core/labs/workspace.js';
import { setDayDone } from '../core/plan/actions.js';
import { planJson, planView } from '../core/plan/status.js';
import { DayParam, DoneBody, DrillIdParam, DrillRunBody, SolutionBody, VerifyBody } from '../shared/schemas.js';
import type { DayResponse, DoneResponse, DrillResult, DrillsResponse, HintResponse, LabCopyResponse, LabResponse, PlanResponse, QuestionsResponse, ResetResponse, SolutionResponse } from '../shared/types.js';
import type { ServerDeps } from './deps.js';
import { toProblem } from './problem.js';
import { openEventStream } from './sse.js';

/** The plan, each day's lesson, questions and drills, marking it done, and its lab: task, hints, the live verify stream, solution and reset. */
export function daysRouter(deps: ServerDeps): Router {
  const { plan, store, home } = deps;
  const r = Router();

  r.get('/plan', (_req, res) => {
    res.json(planJson(plan, planView(plan, store, deps.now())) satisfies PlanResponse);
  });

  r.get('/days/:day', (req, res) => {
    const day = DayParam.parse(req.params.day);
    const entry = dayEntry(plan, day);
    const lesson = loadLesson(plan, day);
    const view = planView(plan, store, deps.now()).days[day - 1]!;
    const body: DayResponse = { ...view, covers: entry.covers, has: entry.has, lesson: lesson && { meta: lesson.meta, markdown: lesson.body } };
    res.json(body);
  });

  r.get('/days/:day/questions', (req, res) => {
    res.json(loadQuestions(plan, DayParam.parse(req.params.day)) satisfies QuestionsResponse);
  });

  r.post('/days/:day/done', (req, res) => {
    const day = DayParam.parse(req.params.day);
    const { undo } = DoneBody.parse(req.body ?? {});
    res.json(setDayDone(store, day, undo !== true, deps.now()) satisfies DoneResponse);
  });

  r.get('/days/:day/drills', (req, res) => {
    res.json(dayDrills(plan, DayParam.parse(req.params.day)).map(drillView) satisfies DrillsResponse);
  });

  // Runs the drill's own snippet from the curriculum, never code sent by the client.
  r.post('/days/:day/drills/:id/run', async (req, res) => {
    const day = DayParam.parse(req.params.day);
    const id = DrillIdParam.parse(req.params.id);
    const { prediction } = DrillRunBody.parse(req.body ?? {});
    const [drill] = dayDrills(plan, day, id);
    res.json((await judgeDrill(drill!, prediction)) satisfies DrillResult);
  });

  r.get('/days/:day/lab', (req, res) => {
    const ref = labRef(plan, DayParam.parse(req.params.day));
    const dir = workspaceLabDir(home, ref);
    const body: LabResponse = {
      day: ref.day,
      title: ref.spec.title,
      readme: readFileSync(join(ref.dir, 'README.md'), 'utf8'),
      files: ref.spec.files,
      hints: unlockedHints(store, ref),
      hintCount: ref.spec.hints.length,
      workspace: { dir, exists: existsSync(dir) },
      passed: store.labPassed(ref.day),
    };
    res.json(body);
  });

  r.post('/days/:day/lab', (req, res) => {
    const copy = copyStarter(home, labRef(plan, DayParam.parse(req.params.day)));
    res.json(copy satisfies LabCopyResponse);
  });

  r.post('/days/:day/solution', (req, res) => {
    const ref = labRef(plan, DayParam.parse(req.params.day));
    const { giveUp } = SolutionBody.parse(req.body ?? {});
    res.json(openSolution(store, home, ref, { giveUp: giveUp === true, now: deps.now() }) satisfies SolutionResponse);
  });

  r.post('/days/:day/reset', (req, res) => {
    const { backup, copy } = resetLab(home, labRef(plan, DayParam.parse(req.params.day)), deps.now());
    res.json({ backup, dir: copy.dir, created: copy.created } satisfies ResetResponse);
  });

  r.post('/days/:day/hint', (req, res) => {
    const ref = labRef(plan, DayParam.parse(req.params.day));
    res.json(nextHint(store, ref, deps.now()) satisfies HintResponse);
  });

  // The only route that runs learner code, and only when asked to.
  r.post('/days/:day/verify', async (req, res) => {
    const ref = labRef(plan, DayParam.parse(req.params.day));
    const target = parseTarget(VerifyBody.parse(req.body ?? {}).target);
    const send = openEventStream(res);
    const client = new AbortController();
    res.on('close', () => client.abort());
    const signal = AbortSignal.any([client.signal, deps.shutdown]);
    try {
      const outcome = await verifyLab({ ref, target, home, env: deps.env, signal, onCheck: (check) => send('check', check) });
      // A run cut short (the tab closed, the server stopping) says nothing about the code: not recorded.
      if (!signal.aborted) recordOutcome(store, outcome, deps.now());
      send('done', outcome);
    } catch (err) {
      const problem = toProblem(err);
      if (problem.status >= 500 && !problem.code) deps.onError(err);
      send('error', problem);
    }
    res.end();
  });

  return r;
}
