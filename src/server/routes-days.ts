import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { dayEntry, loadLesson, loadQuestions } from '../core/curriculum/load.js';
import { dayDrills, drillView, judgeDrill } from '../core/drills/judge.js';
import { conflict } from '../core/errors.js';
import { nextHint, unlockedHints } from '../core/labs/hints.js';
import { recordOutcome } from '../core/labs/record.js';
import { openSolution } from '../core/labs/solution.js';
import { parseTarget } from '../core/labs/targets.js';
import { verifyLab } from '../core/labs/verify.js';
import { labCopyDir, watchLab } from '../core/labs/watch.js';
import { copyStarter, labRef, resetLab, workspaceLabDir } from '../core/labs/workspace.js';
import { setDayDone } from '../core/plan/actions.js';
import { planJson, planView } from '../core/plan/status.js';
import { DayParam, DoneBody, DrillIdParam, DrillRunBody, SolutionBody, VerifyBody, WatchBody } from '../shared/schemas.js';
import type { DayResponse, DoneResponse, DrillResult, DrillsResponse, HintResponse, LabCopyResponse, LabResponse, PlanResponse, Problem, QuestionsResponse, ResetResponse, SolutionResponse, VerifyEvent, WatchEvent } from '../shared/types.js';
import type { ServerDeps } from './deps.js';
import { HttpError, toProblem } from './problem.js';
import { openEventStream } from './sse.js';

/** Drill runs at once per server: each is a Node process. */
const MAX_DRILL_RUNS = 2;

/** The plan, each day's lesson, questions and drills, marking it done, and its lab: task, hints, the live verify and watch streams, solution and reset. */
export function daysRouter(deps: ServerDeps): Router {
  const { plan, store, home } = deps;
  const r = Router();
  let drillRuns = 0;
  /** The one watch per lab: aborting `stop` ends it; `ended` settles once its verify and watcher are gone. */
  const watches = new Map<number, { stop: AbortController; ended: Promise<void> }>();

  /** An unexpected error (not a NodeprepError) goes to the log; the client gets its problem either way. */
  const problemOf = (err: unknown): Problem => {
    const problem = toProblem(err);
    if (problem.status >= 500 && !problem.code) deps.onError(err);
    return problem;
  };

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
    if (drillRuns >= MAX_DRILL_RUNS) throw new HttpError(429, 'Too Many Requests', 'Two drills are already running: wait for one to finish.');
    drillRuns++;
    try {
      res.json((await judgeDrill(drill!, prediction)) satisfies DrillResult);
    } finally {
      drillRuns--;
    }
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
    const send = openEventStream<VerifyEvent>(res);
    const client = new AbortController();
    res.on('close', () => client.abort());
    const signal = AbortSignal.any([client.signal, deps.shutdown]);
    try {
      const outcome = await verifyLab({ ref, target, home, env: deps.env, signal, onCheck: (check) => send('check', check) });
      // A run cut short (the tab closed, the server stopping) says nothing about the code: not recorded.
      if (!signal.aborted) recordOutcome(store, outcome, deps.now());
      send('done', outcome);
    } catch (err) {
      send('error', problemOf(err));
    }
    res.end();
  });

  // Re-runs verify on the learner's copy at start and on each save, until the client goes, the
  // server stops or a newer watch of the same lab replaces this one.
  r.post('/days/:day/watch', async (req, res) => {
    const ref = labRef(plan, DayParam.parse(req.params.day));
    const { poll } = WatchBody.parse(req.body ?? {});
    labCopyDir(home, ref); // no copy yet: a 404 problem before the stream opens
    const previous = watches.get(ref.day);
    previous?.stop.abort();
    const stop = new AbortController();
    let ended!: () => void;
    const entry = { stop, ended: new Promise<void>((resolve) => (ended = resolve)) };
    watches.set(ref.day, entry);

    const send = openEventStream<WatchEvent>(res);
    const client = new AbortController();
    res.on('close', () => client.abort());
    const signal = AbortSignal.any([client.signal, deps.shutdown, stop.signal]);
    try {
      await previous?.ended; // its verify runs in the same folder: let it stop first
      await watchLab({
        ref,
        home,
        store,
        env: deps.env,
        poll: poll === true,
        signal,
        now: deps.now,
        onRunStart: (run) => send('run', { n: run.n, at: run.at.toISOString() }),
        onCheck: (check) => send('check', check),
        onOutcome: (outcome) => send('done', outcome),
        onError: (err) => send('error', problemOf(err)),
      });
    } catch (err) {
      send('error', problemOf(err));
    } finally {
      if (watches.get(ref.day) === entry) watches.delete(ref.day);
      ended();
    }
    if (stop.signal.aborted) send('error', toProblem(conflict(`A newer watch of lab ${ref.day} replaced this one: one watch per lab at a time.`)));
    res.end();
  });

  return r;
}
