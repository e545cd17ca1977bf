import { coverage } from '../../core/interview/key-points.js';
import { getCard } from '../../core/review/cards-repo.js';
import { ensureCard, findQuestion } from '../../core/review/deck.js';
import { parseRating } from '../../core/review/scheduler.js';
import { gradeCard } from '../../core/review/session.js';
import type { Run } from '../main.js';
import { c, json, out } from '../ui.js';
import { readAnswer } from './_answer-file.js';
import { leechNote, when } from './_review-text.js';

/** Records a rating for one card (the scriptable side of `review`) and prints when it comes back. */
export const run: Run = async (ctx, args, opts) => {
  const [id = '', ratingText = ''] = args;
  const rating = parseRating(ratingText);
  const plan = ctx.plan();
  const store = ctx.store();
  let card = getCard(store.db, id);
  if (!card) {
    // An unknown id fails here; a known question whose day is not reached yet joins the deck.
    ensureCard(store, plan, id, ctx.now);
    card = getCard(store.db, id)!;
  }
  const answer = opts.file !== undefined ? await readAnswer(String(opts.file)) : undefined;
  const cov = answer !== undefined ? coverage(answer, findQuestion(plan, id).question.keyPoints) : undefined;
  const r = gradeCard(store, card, rating, ctx.now, { source: 'grade', coverage: cov?.score, answer });
  if (opts.json) {
    const { becameLeech: _, ...result } = r;
    json(cov ? { ...result, coverage: cov } : result);
    return;
  }
  out(`${r.id}: ${r.rating}. Next review ${when(new Date(r.due), ctx.now)}.`);
  if (cov) out(`Key points covered: ${cov.covered.length}/${cov.covered.length + cov.missed.length}${cov.missed.length ? `; missed: ${cov.missed.map((m) => m.point).join(' · ')}` : ''}`);
  if (r.becameLeech) out(leechNote(r.lapses, card.day));
  else if (r.leech) out(c.dim('This card is a leech (`nodeprep weak` lists it).'));
};
