import { existsSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempHome } from './_cli.js';

describe('nodeprep plan --json', () => {
  it('lists 30 days in 4 weeks, each with the plan fields and a status', async () => {
    const r = await cli(['plan', '--json'], { home: tempHome() });
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { weeks: Array<Record<string, unknown>>; days: Array<Record<string, unknown>> };
    expect(plan.weeks.map((w) => w.week)).toEqual([1, 2, 3, 4]);
    expect(plan.days).toHaveLength(30);
    for (const d of plan.days) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['day', 'week', 'title', 'study', 'practice', 'question', 'lab', 'status']));
      expect(d.status).toBe('unscheduled');
    }
    expect(plan.days.filter((d) => d.question).length).toBe(25);
  });
});

describe('bad input', () => {
  it.each([
    [['day', '0'], /pick a day from 1 to 30/],
    [['day', '31'], /pick a day from 1 to 30/],
    [['questions', 'abc'], /pick a day from 1 to 30/],
    [['verify', '3', '--target', 'nope'], /use workspace, solution, starter or mutant:NAME/],
    [['verify', '3', '--target', 'mutant:nope'], /has no mutant "nope"/],
    [['plan', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['start', '--date', '2026-02-30'], /write it as YYYY-MM-DD/],
    [['lab', '7'], /Day 7 has no lab/], // a mock day: never a lab
    [['verify', '3'], /run `nodeprep lab <day>` first/],
    [['reset', '3'], /pass --yes/],
  ])('nodeprep %j says what to do in one line and exits 1', async (args, message) => {
    const r = await cli(args, { home: tempHome() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says what to do with an unreadable progress database and leaves it as it was', async () => {
    const home = tempHome();
    const junk = 'not a database\n'.repeat(200);
    writeFileSync(join(home, 'nodeprep.db'), junk);
    const r = await cli(['today'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^nodeprep: .*nodeprep\.db is not a SQLite database .*Move it aside/);
    expect(readFileSync(join(home, 'nodeprep.db'), 'utf8')).toBe(junk);
  });

  it('refuses an impossible NODEPREP_NOW', async () => {
    const r = await cli(['today'], { home: tempHome(), now: 'yesterday' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NODEPREP_NOW="yesterday" is not a date-time/);
  });
});

describe('the daily loop', () => {
  it('starts the plan, shows today and keeps missed days as catch-up', async () => {
    const home = tempHome();
    expect((await cli(['start', '--date', '2026-12-01'], { home, now: '2026-12-04T08:00:00' })).stdout).toMatch(/Today is day 4/);
    await cli(['done', '1'], { home, now: '2026-12-04T08:00:00' });
    const today = await cli(['today'], { home, now: '2026-12-04T08:00:00' });
    expect(today.code).toBe(0);
    expect(today.stdout).toMatch(/Day 4 of 30 — Cluster & Worker Threads/);
    expect(today.stdout).toMatch(/1\/30 days done/);
    expect(today.stdout).toMatch(/Catch-up: day 2, day 3/);
    expect(today.stdout).toMatch(/Next: day 2 — Asynchronous programming/);
    const plan = JSON.parse((await cli(['plan', '--json'], { home, now: '2026-12-04T08:00:00' })).stdout) as { days: Array<{ status: string }> };
    expect(plan.days.slice(0, 5).map((d) => d.status)).toEqual(['done', 'catch-up', 'catch-up', 'today', 'upcoming']);
  });

  it('shows "coming" for a day whose material is not written yet instead of failing', async () => {
    const r = await cli(['day', '26'], { home: tempHome() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/lesson for day 26 is coming/);
  });
});

describe('nodeprep progress', () => {
  it('prints the streak, the 14-day forecast, retention, weakest topics and the labs; --json the full record', async () => {
    const home = tempHome();
    const now = '2026-12-04T08:00:00';
    await cli(['start', '--date', '2026-12-01'], { home, now });
    await cli(['done', '1'], { home, now: '2026-12-03T20:00:00' });
    await cli(['done', '2'], { home, now });
    const r = await cli(['progress'], { home, now });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Progress\n/);
    expect(r.stdout).toMatch(/Streak: 2 days \(longest 2 days\)/);
    expect(r.stdout).toMatch(/Due, next 14 days \(today first\): (0 ){13}0\n/);
    expect(r.stdout).toMatch(/Retention: no recall tested in the last 30 days yet\./);
    expect(r.stdout).toMatch(/Weakest topics: no evidence yet\./);
    expect(r.stdout).toMatch(/^ {4}3 {2}A gzip file compressor built on streams +0 {2}not run/m);

    const json = await cli(['progress', '--json'], { home, now });
    expect(json.code, json.stderr).toBe(0);
    const p = JSON.parse(json.stdout) as { activity: Array<{ date: string; daysDone: number }>; streak: unknown; forecast: unknown[]; labs: Array<{ day: number }> };
    expect(p.activity).toHaveLength(120);
    expect(p.activity.slice(-2)).toEqual([
      { date: '2026-12-03', reviews: 0, labRuns: 0, mockAnswers: 0, daysDone: 1 },
      { date: '2026-12-04', reviews: 0, labRuns: 0, mockAnswers: 0, daysDone: 1 },
    ]);
    expect(p.streak).toEqual({ current: 2, longest: 2 });
    expect(p.forecast).toHaveLength(14);
    expect(p.labs.map((l) => l.day)).toEqual(expect.arrayContaining([1, 2, 3]));
  });
});

describe('nodeprep doctor', () => {
  it('checks Node, the workspace, the database and lists every service', async () => {
    const home = tempHome();
    await cli(['start', '--date', '2026-12-01'], { home });
    const r = await cli(['doctor'], { home });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^nodeprep doctor\n─+\n✓ Node\.js \d+\.\d+\.\d+\n✓ workspace .+\n✓ progress database, plan started 2026-12-01\nServices/);
    for (const name of ['redis', 'postgres', 'rabbitmq', 'nats', 'mongodb']) expect(r.stdout).toMatch(new RegExp(`^ {2}[✓○] ${name}( at |: not found — )`, 'm'));
  });
});
