/** Everything the learner has shown about their topics, gathered by weak-evidence.ts. */
export interface Evidence {
  /** Studied cards (not new) with their recall probability now. */
  cards: Array<{ id: string; day: number; tags: string[]; retrievability: number; lapses: number; leech: boolean }>;
  /** Typed answers in quizzes and reviews, newest first. */
  attempts: Array<{ cardId: string; tags: string[]; coverage: number }>;
  /** Mock answers, newest first: score 0..1 from coverage and self-assessment. */
  mock: Array<{ questionId: string; tags: string[]; score: number }>;
  /** Labs the learner ran verify on (their own copy). */
  labs: Array<{ day: number; tags: string[]; runs: number; failures: number; failing: boolean; failingChecks: number }>;
}

export interface Advice {
  kind: 'cards' | 'lab' | 'lesson';
  day: number;
  /** The command to run. */
  command: string;
  /** Why, in a few words. */
  why: string;
  /** For kind "cards": the weakest card ids. */
  ids?: string[];
}

export interface WeakTopic {
  tag: string;
  /**
   * 0..1: the signals below averaged with weights (mock answers 1.5, the rest 1) scaled by how much
   * evidence each has, pulled toward 0.7 when the evidence is thin, less 0.1 per leech (at most 0.3).
   */
  mastery: number;
  signals: {
    /** Mean recall probability of the topic's studied cards. */
    recall: number | null;
    /** Mean key-point coverage of the last 5 typed answers. */
    coverage: number | null;
    /** Mean score of the last 5 mock answers. */
    mock: number | null;
    /** 1 for labs passed first time, lower with each failure, 0.2 while failing. */
    lab: number | null;
  };
  evidence: { cards: number; lapses: number; leeches: number; attempts: number; mockAnswers: number; labRuns: number };
  next: Advice[];
}

const WEIGHTS = { recall: 1, coverage: 1, mock: 1.5, lab: 1 } as const;
/** Where a topic sits before any evidence, and how much that counts. */
const PRIOR = { mastery: 0.7, weight: 0.5 } as const;
const RECENT = 5;

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const round2 = (n: number) => Math.round(n * 100) / 100;
const dayOf = (id: string) => Number(/^d(\d{2})-/.exec(id)?.[1] ?? 0);

function labSignal(labs: Evidence['labs']): number | null {
  if (!labs.length) return null;
  return Math.min(...labs.map((l) => (l.failing ? 0.2 : Math.max(0.5, 1 - 0.1 * l.failures))));
}

const mostCommon = (xs: number[]) => {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
};

/** What to do next for one topic, from its own evidence (every item in `e` carries the tag). */
function advise(e: Evidence): Advice[] {
  const next: Advice[] = [];
  // The newest typed answer and mock answer per question (evidence lists are newest first).
  const coverage = new Map<string, number>();
  for (const a of e.attempts) if (!coverage.has(a.cardId)) coverage.set(a.cardId, a.coverage);
  const mock = new Map<string, number>();
  for (const m of e.mock) if (!mock.has(m.questionId)) mock.set(m.questionId, m.score);
  const byId = new Map(e.cards.map((c) => [c.id, c]));
  const weakest = [...new Set([...byId.keys(), ...mock.keys()])]
    .map((id) => {
      const card = byId.get(id);
      const recall = card?.retrievability ?? 1;
      return { id, leech: !!card?.leech, forgetting: recall < 0.85, low: Math.min(recall, coverage.get(id) ?? 1, mock.get(id) ?? 1), said: Math.min(coverage.get(id) ?? 1, mock.get(id) ?? 1) };
    })
    .filter((x) => x.leech || x.forgetting || x.said < 0.6)
    .sort((a, b) => Number(b.leech) - Number(a.leech) || a.low - b.low || a.id.localeCompare(b.id))
    .slice(0, 3);
  if (weakest.length) {
    const leeches = weakest.filter((x) => x.leech).length;
    next.push({
      kind: 'cards',
      day: dayOf(weakest[0]!.id),
      ids: weakest.map((x) => x.id),
      command: `nodeprep quiz ${weakest.map((x) => x.id).join(' ')}`,
      why: leeches
        ? `${leeches} leech${leeches > 1 ? 'es' : ''}: relearn the answer, do not just repeat it`
        : weakest.some((x) => x.forgetting)
          ? 'the cards you are forgetting'
          : 'your answers missed most of their key points',
    });
  }
  for (const lab of e.labs.filter((l) => l.failing)) {
    next.push({ kind: 'lab', day: lab.day, command: `nodeprep verify ${lab.day}`, why: `your day ${lab.day} lab has ${lab.failingChecks} failing check${lab.failingChecks === 1 ? '' : 's'} (stuck? nodeprep hint ${lab.day})` });
  }
  const lessonDay = mostCommon([...e.cards.map((c) => c.day), ...[...mock.keys()].map(dayOf), ...e.labs.map((l) => l.day)].filter((d) => d > 0));
  if (lessonDay) next.push({ kind: 'lesson', day: lessonDay, command: `nodeprep day ${lessonDay}`, why: 're-read the lesson, then write the key facts from memory in your notes' });
  return next;
}

/** The evidence split by tag, each list keeping its order. */
function byTag(e: Evidence): Map<string, Evidence> {
  const index = new Map<string, Evidence>();
  const slice = (tag: string) => index.get(tag) ?? index.set(tag, { cards: [], attempts: [], mock: [], labs: [] }).get(tag)!;
  for (const key of ['cards', 'attempts', 'mock', 'labs'] as const) {
    for (const item of e[key]) for (const tag of new Set(item.tags)) (slice(tag)[key] as Array<typeof item>).push(item);
  }
  return index;
}

function score(tag: string, e: Evidence): Omit<WeakTopic, 'next'> {
  const signals = {
    recall: avg(e.cards.map((c) => c.retrievability)),
    coverage: avg(e.attempts.slice(0, RECENT).map((a) => a.coverage)),
    mock: avg(e.mock.slice(0, RECENT).map((m) => m.score)),
    lab: labSignal(e.labs),
  };
  // Each signal counts in proportion to the evidence behind it (n / (n + 2)), and a prior pulls
  // thin evidence toward the middle, so one unlucky card does not outrank a consistently weak topic.
  const counts = { recall: e.cards.length, coverage: Math.min(e.attempts.length, RECENT), mock: Math.min(e.mock.length, RECENT), lab: e.labs.length };
  const keys = (Object.keys(WEIGHTS) as Array<keyof typeof WEIGHTS>).filter((k) => signals[k] !== null);
  const weightOf = (k: keyof typeof WEIGHTS) => (WEIGHTS[k] * counts[k]) / (counts[k] + 2);
  const base = (keys.reduce((sum, k) => sum + weightOf(k) * signals[k]!, 0) + PRIOR.weight * PRIOR.mastery) / (keys.reduce((sum, k) => sum + weightOf(k), 0) + PRIOR.weight);
  const leeches = e.cards.filter((c) => c.leech).length;
  const r = (n: number | null) => (n === null ? null : round2(n));
  return {
    tag,
    mastery: round2(Math.max(0, Math.min(1, base - Math.min(0.3, 0.1 * leeches)))),
    signals: { recall: r(signals.recall), coverage: r(signals.coverage), mock: r(signals.mock), lab: r(signals.lab) },
    evidence: {
      cards: e.cards.length,
      lapses: e.cards.reduce((sum, c) => sum + c.lapses, 0),
      leeches,
      attempts: e.attempts.length,
      mockAnswers: e.mock.length,
      labRuns: e.labs.reduce((sum, l) => sum + l.runs, 0),
    },
  };
}

/**
 * Ranks topic tags by mastery, weakest first; only topics with some evidence appear. Advice is
 * worked out for the first `advised` topics (all by default; `nodeprep today` needs one).
 */
export function rankTopics(e: Evidence, advised = Infinity): WeakTopic[] {
  const index = byTag(e);
  const amount = (t: Omit<WeakTopic, 'next'>) => t.evidence.cards + t.evidence.attempts + t.evidence.mockAnswers + t.evidence.labRuns;
  return [...index]
    .map(([tag, slice]) => score(tag, slice))
    .sort((a, b) => a.mastery - b.mastery || amount(b) - amount(a) || a.tag.localeCompare(b.tag))
    .map((t, i) => ({ ...t, next: i < advised ? advise(index.get(t.tag)!) : [] }));
}

/** Mastery per tag, for weighting mock draws toward weak topics. */
export const masteryByTag = (topics: readonly WeakTopic[]) => new Map(topics.map((t) => [t.tag, t.mastery]));
