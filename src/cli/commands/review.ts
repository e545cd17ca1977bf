import { join } from 'node:path';
import { loadQuestions } from '../../core/curriculum/questions.js';
import type { Question } from '../../core/curriculum/schema.js';
import { coverage } from '../../core/interview/key-points.js';
import type { DeckCard } from '../../core/review/cards-repo.js';
import { isNodeprepError } from '../../core/errors.js';
import { addDay } from '../../core/review/deck.js';
import { getLimits, parseLimits, setLimits } from '../../core/review/limits.js';
import { LEARN_AHEAD_MS, type Queue } from '../../core/review/queue.js';
import { interval, kindOf, type RatingName } from '../../core/review/scheduler.js';
import { dueCard, dueQueue, gradeCard, undoLast } from '../../core/review/session.js';
import { parseDay, type Context } from '../context.js';
import type { Run } from '../main.js';
import { c, err, heading, json, out } from '../ui.js';
import { askAnswer, CANCELLED, isInteractive } from './_interactive.js';
import { leechNote } from './_review-text.js';

function summary(q: Queue, now: Date, limits: { newPerDay: number; reviewsPerDay: number }): string[] {
  const lines: string[] = [];
  const by = (k: string) => q.cards.filter((x) => kindOf(x.state) === k).length;
  lines.push(`${c.bold(`${q.cards.length} card${q.cards.length === 1 ? '' : 's'} to review`)}: ${by('learning')} learning, ${by('review')} review, ${by('new')} new ${c.dim(`(daily limits: ${limits.newPerDay} new, ${limits.reviewsPerDay} reviews)`)}`);
  if (q.catchUp) {
    const { backlog, today, days } = q.catchUp;
    lines.push(
      `${c.yellow('Catch-up:')} ${backlog} reviews are due, more than today's limit allows. Today: the ${today} you are most likely to have forgotten${q.newPaused ? '; new cards wait' : ''}. ` +
        (days === null ? 'With a review limit of 0 the backlog never clears: raise it with --set-limits.' : `At ${limits.reviewsPerDay} a day the backlog clears in about ${days} day${days === 1 ? '' : 's'}.`),
    );
  }
  if (!q.cards.length && q.next) lines.push(`Nothing due now. The next card comes due in ${interval(q.next, now)}.`);
  return lines;
}

async function session(ctx: Context, opts: Record<string, unknown>): Promise<void> {
  // The Markdown renderer loads only for an interactive session.
  const { askRating, showDeep, showFeedback, showQuestion, suggestedRating } = await import('./_card-view.js');
  const plan = (await ctx.plan());
  const store = ctx.store();
  const t0 = Date.now();
  const now = () => new Date(ctx.now.getTime() + Date.now() - t0);
  const questions = new Map<number, Map<string, Question>>();
  const question = (card: DeckCard) => {
    if (!questions.has(card.day)) {
      try {
        questions.set(card.day, new Map(loadQuestions(plan, card.day).map((q) => [q.id, q])));
      } catch (e) {
        if (!isNodeprepError(e)) throw e;
        err(`${c.yellow('warning:')} ${e.message} (day ${card.day}'s cards are skipped)`);
        questions.set(card.day, new Map());
      }
    }
    return questions.get(card.day)!.get(card.id);
  };
  const unavailable = new Set<string>();
  const tally: Record<RatingName, number> = { again: 0, hard: 0, good: 0, easy: 0 };
  let rated = 0;
  let last: string | undefined;
  let first = true;
  for (;;) {
    const queue = dueQueue(store, plan, now(), LEARN_AHEAD_MS);
    if (first) {
      heading('Review');
      for (const line of summary(queue, now(), getLimits(store))) out(line);
      out(c.dim('Recall the answer (or type it to check your key points). Esc stops; each rating is saved at once.'));
      first = false;
    }
    // Do not show the card just rated again while others wait.
    const cards = queue.cards.filter((x) => !unavailable.has(x.id));
    const card = cards.find((x) => x.id !== last) ?? cards[0];
    if (!card) break;
    const q = question(card);
    if (!q) {
      unavailable.add(card.id);
      continue;
    }
    showQuestion(`${cards.length} left · ${kindOf(card.state)}`, q, card.leech ? c.red(' · leech') : '');
    const answer = await askAnswer({ env: ctx.env, draft: join(ctx.home, 'drafts', `${q.id}.md`), header: `<!-- ${q.prompt.trim()} -->\n\n`, useEditor: !!opts.editor, emptyMeans: 'shows the answer' });
    if (answer === CANCELLED) break;
    const cov = answer ? coverage(answer, q.keyPoints) : null;
    showFeedback(q, cov);
    let deepShown = false;
    let choice;
    for (;;) {
      choice = await askRating(card, now(), { suggested: suggestedRating(cov), canUndo: rated > 0, deepShown });
      if (choice !== 'deep') break;
      showDeep(q);
      deepShown = true;
    }
    if (choice === 'stop') break;
    if (choice === 'undo') {
      const undone = undoLast(store);
      if (undone) {
        tally[undone.rating]--;
        rated--;
        out(c.dim(`Took back "${undone.rating}" on ${undone.id}: it is back in the queue.`));
      }
      last = undefined;
      continue;
    }
    const at = now();
    const r = gradeCard(store, card, choice, at, { source: 'review', coverage: cov?.score, answer: answer || undefined });
    tally[choice]++;
    rated++;
    last = card.id;
    out(c.dim(`Saved. Next review in ${interval(new Date(r.due), at)}.`));
    if (r.becameLeech) out(leechNote(r.lapses, card.day));
  }
  out();
  const end = dueQueue(store, plan, now(), LEARN_AHEAD_MS);
  const dist = (Object.entries(tally) as Array<[RatingName, number]>).filter(([, n]) => n).map(([r, n]) => `${n} ${r}`).join(', ');
  if (rated) out(`${c.bold(`${rated} reviewed`)} (${dist}).`);
  if (!end.cards.length) out(end.next ? `All done for now. The next card comes due in ${interval(end.next, now())}.` : 'All done for now.');
  else out(`${end.cards.length} still due: \`nodeprep review\` picks up where you stopped.`);
}

/** Spaced repetition: the due cards, daily limits, adding a day early, undo. */
export const run: Run = async (ctx, _args, opts) => {
  const plan = (await ctx.plan());
  const store = ctx.store();
  if (opts.setLimits !== undefined) {
    const limits = setLimits(store, parseLimits(String(opts.setLimits)));
    out(`Daily limits: ${limits.newPerDay} new cards, ${limits.reviewsPerDay} reviews.`);
    return;
  }
  if (opts.addDay !== undefined) {
    const day = parseDay(String(opts.addDay));
    const { added, total } = addDay(store, plan, day, ctx.now);
    out(added ? `Added day ${day}'s ${added} card${added === 1 ? '' : 's'} to your deck: they come up as new cards.` : `Day ${day}'s ${total} cards are already in your deck.`);
    return;
  }
  if (opts.undo) {
    const undone = undoLast(store);
    if (!undone) out('There is no rating to undo.');
    else out(`Took back "${undone.rating}" on ${undone.id}${undone.card ? `: due again ${undone.card.due.getTime() <= ctx.now.getTime() ? 'now' : `in ${interval(undone.card.due, ctx.now)}`}` : ''}.`);
    return;
  }
  const queue = dueQueue(store, plan, ctx.now);
  for (const p of queue.problems) err(`${c.yellow('warning:')} ${p}`);
  if (opts.json) {
    json(queue.cards.map(dueCard));
    return;
  }
  if (!queue.deckSize) {
    out(store.startDate()
      ? 'Your deck is empty: cards enter as the plan reaches each day with questions. Add one early with `nodeprep review --add-day <day>`.'
      : 'Your deck is empty: `nodeprep start` begins the plan (each reached day adds its cards), or add a day now with `nodeprep review --add-day <day>`.');
    return;
  }
  if (!isInteractive() || !queue.cards.length) {
    for (const line of summary(queue, ctx.now, getLimits(store))) out(line);
    for (const card of queue.cards) out(`  ${card.id.padEnd(34)} ${kindOf(card.state).padEnd(8)} ${c.dim(card.prompt.trim().replace(/\s+/g, ' ').slice(0, 60))}`);
    if (queue.cards.length) out(c.dim('Review them in a terminal with `nodeprep review`, or script it: `nodeprep review --json`, then `nodeprep grade <id> <again|hard|good|easy>`.'));
    return;
  }
  await session(ctx, opts);
};
