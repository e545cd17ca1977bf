import { describe, expect, it } from 'vitest';
import { loadPlan } from '../curriculum/load.js';
import { curriculumRoot } from '../paths.js';
import { ProgressStore } from '../progress/store.js';
import { getCard } from '../review/cards-repo.js';
import { dueQueue, gradeCard } from '../review/session.js';
import { masteryByTag, rankTopics, type Evidence } from './weak-areas.js';
import { weakAreas } from './weak-evidence.js';

const card = (id: string, tags: string[], retrievability: number, over: Partial<Evidence['cards'][number]> = {}) => ({
  id, day: Number(id.slice(1, 3)), tags, retrievability, lapses: 0, leech: false, ...over,
});
const none: Evidence = { cards: [], attempts: [], mock: [], labs: [] };
/** The ranking's formula for one signal: n items at value s, with signal weight w, against the 0.7 prior (weight 0.5). */
const shrunk = (...signals: Array<[s: number, n: number, w?: number]>) => {
  const ws = signals.map(([, n, w = 1]) => (w * n) / (n + 2));
  return (signals.reduce((sum, [s], i) => sum + ws[i]! * s, 0) + 0.35) / (ws.reduce((a, b) => a + b, 0) + 0.5);
};

describe('rankTopics', () => {
  it('lists only topics with evidence, weakest first', () => {
    const topics = rankTopics({ ...none, cards: [card('d01-a', ['event-loop'], 0.95), card('d03-b', ['streams'], 0.4), card('d02-c', ['promises'], 0.7)] });
    expect(topics.map((t) => t.tag)).toEqual(['streams', 'promises', 'event-loop']);
    expect(topics[0]!.mastery).toBeCloseTo(shrunk([0.4, 1]), 1);
  });

  it('trusts consistent evidence over one unlucky card', () => {
    const many = Array.from({ length: 8 }, (_, i) => card(`d02-p${i}`, ['promises'], 0.5));
    const topics = rankTopics({ ...none, cards: [card('d01-a', ['event-loop'], 0.5), ...many] });
    expect(topics.map((t) => t.tag)).toEqual(['promises', 'event-loop']);
  });

  it('weighs recall, answer coverage, mock scores and labs together', () => {
    const [t] = rankTopics({
      cards: [card('d03-b', ['streams'], 0.9)],
      attempts: [{ cardId: 'd03-b', tags: ['streams'], coverage: 0.5 }],
      mock: [{ questionId: 'd03-x', tags: ['streams'], score: 0.2 }],
      labs: [{ day: 3, tags: ['streams'], runs: 3, failures: 3, failing: true, failingChecks: 2 }],
    });
    expect(t).toMatchObject({ tag: 'streams', signals: { recall: 0.9, coverage: 0.5, mock: 0.2, lab: 0.2 } });
    expect(t!.mastery).toBeCloseTo(shrunk([0.9, 1], [0.5, 1], [0.2, 1, 1.5], [0.2, 1]), 1);
  });

  it('marks leeches down and sends the learner to relearn them first', () => {
    const [t] = rankTopics({ ...none, cards: [card('d03-ok', ['streams'], 0.95), card('d03-leech', ['streams'], 0.95, { leech: true, lapses: 8 })] });
    expect(t!.mastery).toBeCloseTo(shrunk([0.95, 2]) - 0.1, 1);
    expect(t!.next[0]).toMatchObject({ kind: 'cards', ids: ['d03-leech'], command: 'nodeprep quiz d03-leech' });
    expect(t!.next[0]!.why).toMatch(/1 leech/);
  });

  it('says what to do next: the weakest cards (mock answers included), the failing lab, the lesson', () => {
    const [t] = rankTopics({
      ...none,
      cards: [card('d03-a', ['streams'], 0.5), card('d03-b', ['streams'], 0.95), card('d03-c', ['streams'], 0.95)],
      mock: [{ questionId: 'd07-mock-q', tags: ['streams'], score: 0.3 }],
      labs: [{ day: 3, tags: ['streams'], runs: 1, failures: 1, failing: true, failingChecks: 2 }],
    });
    expect(t!.next.map((a) => [a.kind, a.command])).toEqual([
      ['cards', 'nodeprep quiz d07-mock-q d03-a'],
      ['lab', 'nodeprep verify 3'],
      ['lesson', 'nodeprep day 3'],
    ]);
    expect(t!.next[0]!.why).toBe('the cards you are forgetting');
    expect(t!.next[1]!.why).toMatch(/2 failing checks/);
  });

  it('counts a lab passed after failures as partial mastery', () => {
    const [t] = rankTopics({ ...none, labs: [{ day: 2, tags: ['promises'], runs: 4, failures: 3, failing: false, failingChecks: 0 }] });
    expect(t).toMatchObject({ tag: 'promises', signals: { lab: 0.7 } });
    expect(masteryByTag([t!]).get('promises')).toBe(t!.mastery);
  });
});

describe('weakAreas from the store', () => {
  it('ranks a topic the learner keeps failing below one they recall, and points at the failing lab', () => {
    const plan = loadPlan(curriculumRoot);
    const store = ProgressStore.open(':memory:');
    store.setStartDate('2026-12-01');
    const start = new Date('2026-12-03T09:00:00Z');
    const [a, b] = dueQueue(store, plan, start).cards;
    gradeCard(store, a!, 'easy', start, { source: 'quiz', coverage: 1 });
    gradeCard(store, b!, 'again', start, { source: 'quiz', coverage: 0 });
    gradeCard(store, getCard(store.db, b!.id)!, 'again', new Date(start.getTime() + 120_000), { source: 'review' });
    store.recordVerify({ day: 3, target: 'workspace', ok: false, passed: 1, failed: 4, failing: ['x'], durationMs: 5, at: start.toISOString() });
    const topics = weakAreas(store, plan, new Date('2026-12-05T09:00:00Z'));
    const onlyB = b!.tags.filter((t) => !a!.tags.includes(t));
    const onlyA = a!.tags.filter((t) => !b!.tags.includes(t));
    const rank = (tag: string) => topics.findIndex((t) => t.tag === tag);
    if (onlyA.length && onlyB.length) expect(rank(onlyB[0]!)).toBeLessThan(rank(onlyA[0]!));
    expect(topics.some((t) => t.next.some((n) => n.kind === 'lab' && n.day === 3))).toBe(true);
  });
});
