import type { Plan } from '../curriculum/load.js';
import type { ProgressStore } from '../progress/store.js';
import { activeCards } from '../review/cards-repo.js';
import { retrievability, State } from '../review/scheduler.js';
import { bandValue, type Band } from './rubric.js';
import { rankTopics, type Evidence, type WeakTopic } from './weak-areas.js';

type Row = Record<string, unknown>;

/** A lab's topics: its lesson's `topics`, else the tags of the day's cards. */
function labTags(plan: Plan, day: number, cardTags: Map<number, Set<string>>): string[] {
  return plan.lessonTopics[day] ?? [...(cardTags.get(day) ?? [])];
}

/** Reads every piece of evidence from the store: cards, typed answers, mock answers, lab runs. */
export function gatherEvidence(store: ProgressStore, plan: Plan, now: Date): Evidence {
  const db = store.db;
  const all = activeCards(db);
  const cardTags = new Map<number, Set<string>>();
  for (const c of all) for (const t of c.tags) (cardTags.get(c.day) ?? cardTags.set(c.day, new Set()).get(c.day)!).add(t);
  const cards = all
    .filter((c) => c.state !== State.New)
    .map((c) => ({ id: c.id, day: c.day, tags: c.tags, retrievability: retrievability(c, now) ?? 0, lapses: c.lapses, leech: c.leech }));

  const attempts = (db.prepare('SELECT l.card_id, c.tags, l.coverage FROM review_log l JOIN cards c ON c.id = l.card_id WHERE l.coverage IS NOT NULL ORDER BY l.id DESC').all() as Row[]).map((r) => ({
    cardId: r.card_id as string,
    tags: JSON.parse(r.tags as string) as string[],
    coverage: r.coverage as number,
  }));

  const mock = (db.prepare('SELECT question_id, tags, score, rubric FROM mock_answers ORDER BY at DESC').all() as Row[]).map((r) => {
    const bands = r.rubric ? Object.values(JSON.parse(r.rubric as string) as Record<string, Band>) : [];
    const self = bands.length ? bands.reduce((s, b) => s + bandValue(b), 0) / bands.length : null;
    const coverage = r.score as number;
    return { questionId: r.question_id as string, tags: JSON.parse(r.tags as string) as string[], score: self === null ? coverage : (coverage + self) / 2 };
  });

  const runs = db.prepare("SELECT day, ok, failed FROM verify_runs WHERE target = 'workspace' ORDER BY id").all() as Row[];
  const byDay = new Map<number, Row[]>();
  for (const r of runs) (byDay.get(r.day as number) ?? byDay.set(r.day as number, []).get(r.day as number)!).push(r);
  const labs = [...byDay].map(([day, rs]) => {
    const last = rs.at(-1)!;
    return { day, tags: labTags(plan, day, cardTags), runs: rs.length, failures: rs.filter((r) => r.ok !== 1).length, failing: last.ok !== 1, failingChecks: last.failed as number };
  });
  return { cards, attempts, mock, labs };
}

/** Topics ranked weakest first, with what to do next for the first `advised` (all by default). */
export function weakAreas(store: ProgressStore, plan: Plan, now: Date, advised = Infinity): WeakTopic[] {
  return rankTopics(gatherEvidence(store, plan, now), advised);
}
