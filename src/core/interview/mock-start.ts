import type { Plan } from '../curriculum/load.js';
import type { ProgressStore } from '../progress/store.js';
import { startMock } from './mock-session.js';
import { loadMockSpec, mockDay, withQuestionCount } from './mock-spec.js';
import { masteryByTag } from './weak-areas.js';
import { weakAreas } from './weak-evidence.js';

/** **contract**: what `nodeprep mock start --json` prints and `POST /api/mock/start` returns. */
export interface StartedMock {
  session: string;
  title: string;
  minutes: number;
  questions: Array<{ id: string; prompt: string; day: number; tags: string[]; round: 'question' | 'design' }>;
}

/**
 * Starts the mock of a week (1-3) or the final one, drawn toward the learner's weak topics;
 * `questions` overrides the spec's question count (a short practice mock).
 */
export function startMockFor(store: ProgressStore, plan: Plan, which: { week?: number; final?: boolean; questions?: number | undefined }, now: Date): StartedMock {
  const spec = withQuestionCount(loadMockSpec(plan, mockDay(plan, which)), which.questions);
  const session = startMock(store, plan, spec, now, masteryByTag(weakAreas(store, plan, now, 0)));
  return {
    session: session.id,
    title: session.title,
    minutes: session.minutes,
    questions: [
      ...session.plan.questions.map((q) => ({ id: q.id, prompt: q.prompt, day: q.day, tags: q.tags, round: 'question' as const })),
      ...(session.plan.design ? [{ ...session.plan.design, round: 'design' as const }] : []),
    ],
  };
}
