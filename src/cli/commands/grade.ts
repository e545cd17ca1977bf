import { parseRating } from '../../core/review/scheduler.js';
import { gradeById } from '../../core/review/session.js';
import type { Run } from '../main.js';
import { c, json, out } from '../ui.js';
import { readAnswer } from './_answer-file.js';
import { leechNote, when } from './_review-text.js';

/** Records a rating for one card (the scriptable side of `review`) and prints when it comes back. */
export const run: Run = async (ctx, args, opts) => {
  const [id = '', ratingText = ''] = args;
  const rating = parseRating(ratingText);
  const answer = opts.file !== undefined ? await readAnswer(String(opts.file)) : undefined;
  const { becameLeech, day, coverage: cov, ...result } = gradeById(ctx.store(), (await ctx.plan()), id, rating, ctx.now, { source: 'grade', answer });
  if (opts.json) {
    json(cov ? { ...result, coverage: cov } : result);
    return;
  }
  const r = result;
  out(`${r.id}: ${r.rating}. Next review ${when(new Date(r.due), ctx.now)}.`);
  if (cov) out(`Key points covered: ${cov.covered.length}/${cov.covered.length + cov.missed.length}${cov.missed.length ? `; missed: ${cov.missed.map((m) => m.point).join(' · ')}` : ''}`);
  if (becameLeech) out(leechNote(r.lapses, day));
  else if (r.leech) out(c.dim('This card is a leech (`nodeprep weak` lists it).'));
};
