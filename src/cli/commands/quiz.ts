import { join } from 'node:path';
import { loadQuestions } from '../../core/curriculum/questions.js';
import type { Question } from '../../core/curriculum/schema.js';
import { notFound, usageError } from '../../core/errors.js';
import { coverage } from '../../core/interview/key-points.js';
import { parseWeek } from '../../core/interview/mock-spec.js';
import { getCard } from '../../core/review/cards-repo.js';
import { ensureCard, findQuestion } from '../../core/review/deck.js';
import { interval, newCard, type RatingName } from '../../core/review/scheduler.js';
import { gradeCard } from '../../core/review/session.js';
import { parseDay } from '../context.js';
import type { Run } from '../main.js';
import { c, heading, out } from '../ui.js';
import { askRating, showDeep, showFeedback, showQuestion, suggestedRating } from './_card-view.js';
import { leechNote } from './_review-text.js';
import { askAnswer, CANCELLED, requireInteractive } from './_interactive.js';

/** Asks a day's, a week's or chosen questions: answer, compare with the key points, rate yourself. */
export const run: Run = async (ctx, args, opts) => {
  const plan = (await ctx.plan());
  let items: Array<{ q: Question; day: number }>;
  let title: string;
  if (opts.week !== undefined) {
    const week = parseWeek(String(opts.week));
    items = plan.days.filter((d) => d.week === week).flatMap((d) => loadQuestions(plan, d.day).map((q) => ({ q, day: d.day })));
    title = `week ${week}`;
    if (!items.length) throw notFound(`Week ${week} has no questions yet: pick a week whose material is ready (\`nodeprep plan\`).`);
  } else if (args.length === 1 && /^\d+$/.test(args[0]!)) {
    const day = parseDay(args[0]!);
    items = loadQuestions(plan, day).map((q) => ({ q, day }));
    title = `day ${day}`;
    if (!items.length) throw notFound(`Day ${day} has no questions yet: pick a day whose material is ready (\`nodeprep plan\`).`);
  } else if (args.length) {
    items = args.map((id) => findQuestion(plan, id)).map(({ question, day }) => ({ q: question, day }));
    title = `${items.length} chosen question${items.length === 1 ? '' : 's'}`;
  } else throw usageError('Pick what to practise: `nodeprep quiz 3` for a day, `--week 1` for a week, or question ids (`nodeprep weak` suggests some).');
  requireInteractive('quiz', 'list the questions with `nodeprep questions <day> --json`, then record each with `nodeprep grade <id> <rating> --file answer.md`.');

  const store = ctx.store();
  const t0 = Date.now();
  const now = () => new Date(ctx.now.getTime() + Date.now() - t0);
  const tally: Record<RatingName, number> = { again: 0, hard: 0, good: 0, easy: 0 };
  const scores: number[] = [];
  heading(`Quiz: ${title}, ${items.length} question${items.length === 1 ? '' : 's'}`);
  out(c.dim('Answer as you would in the interview, then compare. Esc stops; each rating is saved at once.'));

  outer: for (const [i, { q, day }] of items.entries()) {
    const existing = getCard(store.db, q.id);
    showQuestion(`${i + 1}/${items.length}`, q, existing?.leech ? c.red(' · leech') : '');
    const answer = await askAnswer({ env: ctx.env, draft: join(ctx.home, 'drafts', `${q.id}.md`), header: `<!-- ${q.prompt.trim()} -->\n\n`, useEditor: !!opts.editor, emptyMeans: 'shows the answer' });
    if (answer === CANCELLED) break;
    const cov = answer ? coverage(answer, q.keyPoints) : null;
    showFeedback(q, cov);
    let deepShown = false;
    for (;;) {
      const choice = await askRating(getCard(store.db, q.id) ?? newCard(now()), now(), { suggested: suggestedRating(cov), canUndo: false, deepShown });
      if (choice === 'deep') {
        showDeep(q);
        deepShown = true;
        continue;
      }
      if (choice === 'stop' || choice === 'undo') break outer;
      if (!getCard(store.db, q.id)) ensureCard(store, plan, q.id, now());
      const at = now();
      const r = gradeCard(store, getCard(store.db, q.id)!, choice, at, { source: 'quiz', coverage: cov?.score, answer: answer || undefined });
      tally[choice]++;
      if (cov) scores.push(cov.score);
      out(c.dim(`Saved. Next review in ${interval(new Date(r.due), at)}.`));
      if (r.becameLeech) out(leechNote(r.lapses, day));
      break;
    }
  }

  const rated = Object.values(tally).reduce((a, b) => a + b, 0);
  out();
  if (!rated) {
    out('Nothing rated this time.');
    return;
  }
  const avg = scores.length ? `, key points covered ${Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100)}% on average` : '';
  const dist = (Object.entries(tally) as Array<[RatingName, number]>).filter(([, n]) => n).map(([r, n]) => `${n} ${r}`).join(', ');
  out(`${c.bold(`${rated} rated`)}${avg} (${dist}). ${c.cyan('nodeprep review')} brings each back when it is due.`);
};
