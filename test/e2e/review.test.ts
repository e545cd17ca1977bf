import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempHome } from './_cli.js';

const NOW = '2026-12-03T09:00:00';
const later = (days: number) => new Date(new Date(NOW).getTime() + days * 86_400_000).toISOString();

interface DueCard {
  id: string;
  prompt: string;
  day: number;
  tags: string[];
  kind: 'new' | 'learning' | 'review';
  due: string;
}

async function started(): Promise<string> {
  const home = tempHome();
  await cli(['start', '--date', '2026-12-01'], { home, now: NOW });
  return home;
}

async function due(home: string, now = NOW): Promise<DueCard[]> {
  const r = await cli(['review', '--json'], { home, now });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as DueCard[];
}

describe('nodeprep review --json and grade (the scriptable review)', () => {
  it('lists the due cards of the reached days, at most 10 new a day, in the contract shape', async () => {
    const home = await started();
    const cards = await due(home);
    expect(cards).toHaveLength(10);
    for (const c of cards) {
      expect(Object.keys(c).sort()).toEqual(['day', 'due', 'id', 'kind', 'prompt', 'tags']);
      expect(c).toMatchObject({ kind: 'new', id: expect.stringMatching(/^d0[1-3]-/) });
      expect(c.day).toBeLessThanOrEqual(3);
      expect(new Date(c.due).toISOString()).toBe(c.due);
    }
  });

  it('records a rating, prints the next due date and takes the card off the list', async () => {
    const home = await started();
    const [first] = await due(home);
    const r = await cli(['grade', first!.id, 'easy', '--json'], { home, now: NOW });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['due', 'id', 'lapses', 'leech', 'rating', 'state']);
    expect(result).toMatchObject({ id: first!.id, rating: 'easy', state: 'review', lapses: 0, leech: false });
    expect(new Date(result.due as string).getTime()).toBeGreaterThan(new Date(NOW).getTime() + 86_400_000);
    const after = await due(home);
    expect(after.map((c) => c.id)).not.toContain(first!.id);
    expect(after.filter((c) => c.kind === 'new')).toHaveLength(9);
    const month = await due(home, later(60));
    expect(month.find((c) => c.id === first!.id)?.kind).toBe('review');
  });

  it('scores an answer file against the key points when one is given', async () => {
    const home = await started();
    const [first] = await due(home);
    writeFileSync(join(home, 'a.md'), 'I would not know.');
    const r = await cli(['grade', first!.id, 'again', '--file', 'a.md', '--json'], { home, now: NOW });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'learning', coverage: { score: 0, covered: [] } });
  });

  it.each([
    [['grade', 'd03-no-such-question', 'good'], /There is no question "d03-no-such-question"/],
    [['grade', 'backpressure', 'good'], /ids look like d03-backpressure/],
    [['grade', 'd03-backpressure', 'great'], /"great" is not a rating: use again, hard, good or easy/],
    [['grade', 'd03-backpressure', 'good', '--file', 'missing.md'], /Cannot read the answer file missing\.md/],
    [['review', '--set-limits', 'new=lots'], /write the limits as new=N,reviews=M/],
    [['review', '--add-day', '26'], /Day 26 has no questions yet/],
    [['quiz', '3'], /quiz is interactive and this is not a terminal: .*nodeprep grade <id> <rating>/],
    [['quiz'], /nodeprep quiz 3.*--week 1/],
    [['quiz', 'd03-backpressure', 'd03-nope'], /There is no question "d03-nope"/],
  ])('nodeprep %j fails in one line and exits 1', async (args, message) => {
    const r = await cli(args, { home: tempHome(), now: NOW });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  });

  it('honours daily limits the learner sets', async () => {
    const home = await started();
    expect((await cli(['review', '--set-limits', 'new=2,reviews=50'], { home })).stdout).toMatch(/2 new cards, 50 reviews/);
    expect(await due(home)).toHaveLength(2);
  });

  it('adds a day before the plan reaches it', async () => {
    const home = tempHome();
    expect(await due(home)).toEqual([]);
    expect((await cli(['review'], { home, now: NOW })).stdout).toMatch(/Your deck is empty: `nodeprep start`/);
    expect((await cli(['review', '--add-day', '5'], { home, now: NOW })).stdout).toMatch(/Added day 5's \d+ cards/);
    const cards = await due(home);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => c.day === 5)).toBe(true);
  });

  it('undoes the last rating', async () => {
    const home = await started();
    const [first] = await due(home);
    await cli(['grade', first!.id, 'easy'], { home, now: NOW });
    const undo = await cli(['review', '--undo'], { home, now: NOW });
    expect(undo.stdout).toMatch(new RegExp(`Took back "easy" on ${first!.id}: due again now`));
    expect((await due(home))[0]).toEqual(first);
    expect((await cli(['review', '--undo'], { home, now: NOW })).stdout).toMatch(/no rating to undo/);
  });

  it('after a break, shows the most forgotten reviews up to the limit, pauses new cards and says how long the backlog takes', async () => {
    const home = await started();
    const cards = await due(home);
    for (const c of cards.slice(0, 8)) await cli(['grade', c.id, 'good'], { home, now: NOW });
    for (const c of cards.slice(0, 8)) await cli(['grade', c.id, 'good'], { home, now: later(0.01) });
    await cli(['review', '--set-limits', 'reviews=3'], { home });
    const back = await due(home, later(90));
    expect(back).toHaveLength(3);
    expect(back.every((c) => c.kind === 'review')).toBe(true);
    const text = await cli(['review'], { home, now: later(90) });
    expect(text.stdout).toMatch(/Catch-up: 8 reviews are due, more than today's limit allows\. Today: the 3 you are most likely to have forgotten; new cards wait\. At 3 a day the backlog clears in about 3 days\./);
  });

  it('without a terminal, lists what is due and points at the scriptable commands', async () => {
    const home = await started();
    const r = await cli(['review'], { home, now: NOW });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/10 cards to review: 0 learning, 0 review, 10 new/);
    expect(r.stdout).toMatch(/script it: `nodeprep review --json`, then `nodeprep grade <id> <again\|hard\|good\|easy>`/);
  });
});

describe('nodeprep weak', () => {
  it('has nothing to say without evidence, then ranks topics and shows the weakest in today', async () => {
    const home = await started();
    expect((await cli(['weak'], { home, now: NOW })).stdout).toMatch(/No evidence yet/);
    expect((await cli(['today'], { home, now: NOW })).stdout).not.toMatch(/Weakest topic/);
    const [a, b] = await due(home);
    await cli(['grade', a!.id, 'easy'], { home, now: NOW });
    await cli(['grade', b!.id, 'again'], { home, now: NOW });
    const r = await cli(['weak', '--json'], { home, now: later(2) });
    expect(r.code, r.stderr).toBe(0);
    const topics = JSON.parse(r.stdout) as Array<{ tag: string; mastery: number; next: Array<{ kind: string; command: string }> }>;
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.map((t) => t.mastery)).toEqual([...topics.map((t) => t.mastery)].sort((x, y) => x - y));
    expect(topics[0]!.next.map((n) => n.kind)).toContain('lesson');
    const today = await cli(['today'], { home, now: later(2) });
    expect(today.stdout).toMatch(new RegExp(`Weakest topic: ${topics[0]!.tag} \\(\\d+% mastery\\)`));
    expect(today.stdout).toMatch(/Review: \d+ cards? due/);
  });
});
