import { join } from 'node:path';
import { loadDesignTemplate, answerSkeleton } from '../../core/interview/design-template.js';
import { openSession, recordElapsed, sessionAnswers, type MockSession } from '../../core/interview/mock-repo.js';
import { answerMock, finishMock, partsInOrder, selfAssess, startMock } from '../../core/interview/mock-session.js';
import type { MockSpec } from '../../core/interview/mock-spec.js';
import { BANDS, bandLabel } from '../../core/interview/rubric.js';
import { masteryByTag } from '../../core/interview/weak-areas.js';
import { weakAreas } from '../../core/interview/weak-evidence.js';
import type { Context } from '../context.js';
import { renderMarkdown } from '../markdown.js';
import { c, heading, out } from '../ui.js';
import { startCountdown, timeLeft } from './_countdown.js';
import { promptText } from './_card-view.js';
import { askAnswer, CANCELLED, choose, chooseKey, requireInteractive } from './_interactive.js';
import { printReport } from './_mock-report.js';

/** Resumes the day's unfinished session, or (after the brief) starts a new one. Null when the learner backs out. */
async function openOrStart(ctx: Context, spec: MockSpec, now: Date): Promise<MockSession | null> {
  const store = ctx.store();
  const open = openSession(store.db, spec.day);
  if (open) {
    const answered = sessionAnswers(store.db, open.id).length;
    const left = open.minutes * 60_000 - open.elapsedMs;
    const pick = await choose('You have an unfinished session', [
      { value: 'resume', label: `resume ${open.id}`, hint: `${answered} answer${answered === 1 ? '' : 's'} saved, ${timeLeft(left)}` },
      { value: 'new', label: 'start a new session', hint: 'the unfinished one is finished as it stands' },
    ]);
    if (pick === CANCELLED) return null;
    if (pick === 'resume') return open;
    finishMock(store, (await ctx.plan()), open.id, now, open.elapsedMs);
  }
  heading(spec.title);
  out(renderMarkdown(spec.brief).trimEnd());
  out(c.dim(`${spec.questionCount} questions${spec.followUps ? `, up to ${spec.followUps} follow-up${spec.followUps > 1 ? 's' : ''} each` : ''}${spec.designRound ? ', then a system-design round' : ''}; ${spec.minutes} minutes. Every answer is saved the moment you submit it.`));
  const go = await choose('Ready?', [
    { value: 'start', label: 'start the clock' },
    { value: 'cancel', label: 'not now' },
  ]);
  if (go !== 'start') return null;
  return startMock(store, (await ctx.plan()), spec, now, masteryByTag(weakAreas(store, (await ctx.plan()), now, 0)));
}

/** The timed interactive mock: questions, follow-ups, the design round, self-assessment, the report. */
export async function runMock(ctx: Context, spec: MockSpec, flag: string, useEditor: boolean): Promise<number> {
  requireInteractive('mock', `script it: \`nodeprep mock start ${flag} --json\`, then \`nodeprep mock answer <session> <id> --file answer.md\` for each question, then \`nodeprep mock finish <session>\`.`);
  const t0 = Date.now();
  const now = () => new Date(ctx.now.getTime() + Date.now() - t0);
  const session = await openOrStart(ctx, spec, now());
  if (!session) return 0;
  const store = ctx.store();
  const resumedAt = Date.now();
  const elapsed = () => session.elapsedMs + Date.now() - resumedAt;
  const remaining = () => session.minutes * 60_000 - elapsed();
  const answered = new Set(sessionAnswers(store.db, session.id).map((a) => a.part));
  const parts = partsInOrder(session.plan);
  const mains = parts.filter((p) => p.round !== 'follow-up');
  const skipped = new Set<string>();
  const countdown = startCountdown(remaining);
  let paused = false;
  try {
    for (const part of parts) {
      if (answered.has(part.part)) continue;
      if (part.round === 'follow-up' && (skipped.has(part.questionId) || !answered.has(part.questionId))) continue;
      if (remaining() <= 0) {
        out(c.yellow('\nTime is up: the session ends here, as it would in the interview.'));
        break;
      }
      const index = mains.findIndex((m) => m.questionId === part.questionId) + 1;
      const title = part.round === 'design' ? 'System-design round' : part.round === 'follow-up' ? `Follow-up to question ${index}` : `Question ${index} of ${mains.length}`;
      out();
      out(`${c.bold(title)}  ${c.dim(timeLeft(remaining()))}`);
      let header = `<!-- ${part.prompt.trim()} -->\n\n`;
      if (part.round === 'design') {
        const template = loadDesignTemplate((await ctx.plan()).root);
        out(renderMarkdown(template.body).trimEnd());
        out(c.dim(`Steps: ${template.steps.map((s) => s.title).join(' → ')}`));
        header = answerSkeleton(template, part.prompt.trim());
      }
      out(promptText(part.prompt));
      const draft = join(ctx.home, 'drafts', session.id, `${part.part.replace('/', '-')}.md`);
      const answer = await askAnswer({ env: ctx.env, draft, header, useEditor, emptyMeans: 'skips it' });
      if (answer === CANCELLED) {
        paused = true;
        break;
      }
      if (!answer) {
        skipped.add(part.part);
        continue;
      }
      answerMock(store, (await ctx.plan()), session.id, part.part, answer, now(), { elapsedMs: elapsed() });
      answered.add(part.part);
      const band = await chooseKey(
        'Saved. How would an interviewer score that answer?',
        [...BANDS.map((b, i) => ({ value: String(i + 1), label: bandLabel(b) })), { value: 's', label: 'skip: score it on key points only' }],
      );
      if (band === CANCELLED) {
        paused = true;
        break;
      }
      if (band !== 's') selfAssess(store, session, part.part, BANDS[Number(band) - 1]!);
    }
  } finally {
    countdown.stop();
  }
  if (paused) {
    recordElapsed(store.db, session.id, elapsed());
    out(`\nPaused with ${answered.size} answer${answered.size === 1 ? '' : 's'} saved. \`nodeprep mock ${flag}\` resumes it; the clock stops while you are away.`);
    return 0;
  }
  out();
  printReport(finishMock(store, (await ctx.plan()), session.id, now(), elapsed()));
  return 0;
}
