// A learner three weeks in: days 1-21 reached, every card in the deck rated a few times over those
// weeks, a mock answered. The review, weak-area and today commands must stay as quick as `plan`.
import { join } from 'node:path';
import { loadPlan } from '../src/core/curriculum/load.js';
import { curriculumRoot } from '../src/core/paths.js';
import { ProgressStore } from '../src/core/progress/store.js';
import { activeCards, getCard } from '../src/core/review/cards-repo.js';
import { syncDeck } from '../src/core/review/deck.js';
import { RATINGS } from '../src/core/review/scheduler.js';
import { gradeCard } from '../src/core/review/session.js';

export const DECK_NOW = '2026-12-22T09:00:00';

export function prepareDeck(home: string): void {
  const plan = loadPlan(curriculumRoot);
  const store = ProgressStore.open(join(home, 'nodeprep.db'));
  try {
    store.setStartDate('2026-12-01');
    syncDeck(store, plan, new Date(DECK_NOW));
    let t = new Date('2026-12-01T09:00:00').getTime();
    for (let round = 0; round < 4; round++) {
      for (const [i, c] of activeCards(store.db).entries()) {
        t += 60_000;
        const card = getCard(store.db, c.id)!;
        gradeCard(store, card, RATINGS[(i * 7 + round) % 4]!, new Date(Math.max(t, card.due.getTime())), { source: 'review', coverage: (i % 10) / 10 });
      }
      t += 4 * 86_400_000;
    }
  } finally {
    store.close();
  }
}
