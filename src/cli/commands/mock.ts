import type { Plan } from '../../core/curriculum/load.js';
import { usageError } from '../../core/errors.js';
import { answerMock, finishMock, mockHistory, requireSession } from '../../core/interview/mock-session.js';
import { startMockFor } from '../../core/interview/mock-start.js';
import { loadMockSpec, mockDay, parseQuestionCount, parseWeek, withQuestionCount } from '../../core/interview/mock-spec.js';
import type { Context } from '../context.js';
import type { Run } from '../main.js';
import { c, json, out } from '../ui.js';
import { readAnswer } from './_answer-file.js';
import { printHistory, printReport } from './_mock-report.js';

/** Which mock `--week N` / `--final` asks for. */
function which(opts: Record<string, unknown>): { final: true } | { week: number } {
  if (!opts.final && opts.week === undefined) throw usageError('Pick a mock: --week 1, 2 or 3 (the mock at the end of that week), or --final (day 29).');
  return opts.final ? { final: true } : { week: parseWeek(String(opts.week)) };
}

/** `--questions N`: a short practice mock of N questions instead of the spec's count. */
const questionCount = (opts: Record<string, unknown>) => (opts.questions === undefined ? undefined : parseQuestionCount(String(opts.questions)));

async function spec(ctx: Context, opts: Record<string, unknown>) {
  const plan = (await ctx.plan());
  const day = mockDay(plan, which(opts));
  const questions = questionCount(opts);
  const flag = `${opts.final ? '--final' : `--week ${String(opts.week)}`}${questions === undefined ? '' : ` --questions ${questions}`}`;
  return { spec: withQuestionCount(loadMockSpec(plan, day), questions), flag };
}

/** `--week N` / `--final` for a mock day, as the learner would type it. */
function flagOf(plan: Plan, day: number): string {
  const d = plan.days[day - 1]!;
  return d.week === 4 ? '--final' : `--week ${d.week}`;
}

async function answer(ctx: Context, rest: string[], opts: Record<string, unknown>): Promise<void> {
  const [session, part] = rest;
  if (!session || !part) throw usageError('Say which answer: `nodeprep mock answer <session> <questionId> --file answer.md`.');
  if (opts.file === undefined && process.stdin.isTTY) throw usageError('Pass the answer with --file answer.md (or pipe it in: --file -).');
  const text = await readAnswer(opts.file === undefined ? '-' : String(opts.file));
  const r = answerMock(ctx.store(), (await ctx.plan()), session, part, text, ctx.now, { rubric: opts.rubric === undefined ? undefined : String(opts.rubric) });
  if (opts.json) {
    json(r);
    return;
  }
  const total = r.covered.length + r.missed.length;
  out(`${c.bold(r.id)}: ${r.covered.length}/${total} key points (${Math.round(r.score * 100)}%). Saved.`);
  for (const k of r.covered) out(`  ${c.green('✓')} ${k.point}`);
  for (const k of r.missed) out(`  ${c.red('✗')} ${k.point}`);
  if (r.followUp) {
    out(`${c.bold('Follow-up')} ${r.followUp.id}: ${r.followUp.prompt.trim()}`);
    out(c.dim(`  nodeprep mock answer ${session} ${r.followUp.id} --file answer.md`));
  }
  out(c.dim(r.remaining ? `${r.remaining} left; \`nodeprep mock finish ${session}\` ends the session and writes the report.` : `All answered: \`nodeprep mock finish ${session}\` writes the report.`));
  if (r.overTime) out(c.yellow('The time box is over: in the interview, this answer would not have happened.'));
}

/** Mock interviews: the timed interactive session, and start / answer / finish / history for scripts. */
export const run: Run = async (ctx, args, opts) => {
  const [action, ...rest] = args;
  switch (action) {
    case undefined: {
      const { spec: s, flag } = (await spec(ctx, opts));
      const { runMock } = await import('./_mock-run.js');
      return runMock(ctx, s, flag, !!opts.editor);
    }
    case 'start': {
      const started = startMockFor(ctx.store(), (await ctx.plan()), { ...which(opts), questions: questionCount(opts) }, ctx.now);
      if (opts.json) {
        json(started);
        return;
      }
      const { session, title, minutes, questions } = started;
      out(`${c.bold(`Session ${session}`)}: ${title}. ${questions.length} questions, ${minutes} minutes from now.`);
      for (const q of questions) out(`  ${q.id.padEnd(36)} ${q.round === 'design' ? c.cyan('[design round] ') : ''}${q.prompt.trim().replace(/\s+/g, ' ')}`);
      out(c.dim(`Answer each: nodeprep mock answer ${session} <id> --file answer.md [--rubric leaning-hire]`));
      out(c.dim(`Then:        nodeprep mock finish ${session}`));
      return;
    }
    case 'answer':
      return answer(ctx, rest, opts);
    case 'finish': {
      if (!rest[0]) throw usageError('Say which session: `nodeprep mock finish <session>` (`nodeprep mock history` lists them).');
      const report = finishMock(ctx.store(), (await ctx.plan()), rest[0], ctx.now);
      if (opts.json) json(report);
      else printReport(report);
      return;
    }
    case 'history': {
      const store = ctx.store();
      if (rest[0]) {
        const session = requireSession(store, rest[0]);
        if (!session.report) throw usageError(`Session ${session.id} is not finished: \`nodeprep mock ${flagOf(await ctx.plan(), session.day)}\` resumes it, \`nodeprep mock finish ${session.id}\` ends it.`);
        if (opts.json) json(session.report);
        else printReport(session.report);
        return;
      }
      const sessions = mockHistory(store);
      if (opts.json) json(sessions);
      else {
        const plan = await ctx.plan();
        printHistory(sessions, (day) => flagOf(plan, day));
      }
      return;
    }
    default:
      throw usageError(`"${action}" is not a mock action: use start, answer, finish or history (or just --week N / --final for the timed session).`);
  }
};
