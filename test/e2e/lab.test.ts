import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempHome } from './_cli.js';

const LAB = ['labs', '03-streams-buffers'];

describe('a lab from copy to solution', () => {
  it('copies the starter once and never overwrites the learner’s edits', async () => {
    const home = tempHome();
    const first = await cli(['lab', '3'], { home });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Lab 3 — /);
    const file = join(home, ...LAB, 'compress.ts');
    expect(readFileSync(file, 'utf8')).toMatch(/\/\/ TODO:/);
    expect(existsSync(join(home, 'node_modules')), 'a workspace outside the repo links node_modules').toBe(true);
    writeFileSync(file, '// my work in progress\n');
    const again = await cli(['lab', '3'], { home });
    expect(again.stdout).toMatch(/kept your \d+ existing file/);
    expect(readFileSync(file, 'utf8')).toBe('// my work in progress\n');
  });

  it('climbs the hint ladder one rung at a time and stops at the third', async () => {
    const home = tempHome();
    const rungs = [];
    for (let i = 0; i < 4; i++) rungs.push((await cli(['hint', '3'], { home })).stdout);
    expect(rungs.map((r) => /Hint (\d)\/3/.exec(r)?.[1])).toEqual(['1', '2', '3', '3']);
    expect(rungs[2]).toMatch(/last rung/);
  });

  it('keeps the solution closed until a pass or an explicit give-up, then shows a diff', async () => {
    const home = tempHome();
    await cli(['lab', '3'], { home });
    const closed = await cli(['solution', '3'], { home });
    expect(closed.code).toBe(1);
    expect(closed.stdout).toMatch(/opens once your copy passes/);
    const open = await cli(['solution', '3', '--give-up'], { home });
    expect(open.code).toBe(0);
    expect(open.stdout).toMatch(/^\+\+\+ solution\/compress\.ts/m);
    expect(open.stdout).toMatch(/Talking points/);
    expect((await cli(['solution', '3'], { home })).code, 'a give-up is remembered').toBe(0);
  });

  it('resets a lab to the starter and keeps the old copy in backups/', async () => {
    const home = tempHome();
    await cli(['lab', '3'], { home });
    writeFileSync(join(home, ...LAB, 'compress.ts'), '// mine\n');
    const r = await cli(['reset', '3', '--yes'], { home, now: '2026-12-03T10:00:00Z' });
    expect(r.code).toBe(0);
    const backups = readdirSync(join(home, 'backups'));
    expect(backups).toEqual([expect.stringMatching(/^03-streams-buffers-2026-12-03T10-00-00/)]);
    expect(readFileSync(join(home, 'backups', backups[0]!, 'compress.ts'), 'utf8')).toBe('// mine\n');
    expect(readFileSync(join(home, ...LAB, 'compress.ts'), 'utf8')).toMatch(/\/\/ TODO:/);
  });
});

describe('nodeprep verify', () => {
  it('passes the reference solution (exit 0) and records the run', async () => {
    const home = tempHome();
    const r = await cli(['verify', '3', '--target', 'solution', '--json'], { home });
    const outcome = JSON.parse(r.stdout) as { ok: boolean; checks: Array<{ state: string }> };
    expect(outcome.ok, r.stdout).toBe(true);
    expect(r.code).toBe(0);
    expect(outcome.checks.length).toBeGreaterThan(3);
  });

  it('fails the starter (non-zero) and names each failing check with what was expected', async () => {
    const home = tempHome();
    const r = await cli(['verify', '3', '--target', 'starter'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ /);
    expect(r.stdout).toMatch(/\d+ of \d+ checks fail/);
  });

  it('verifies the learner’s copy after `lab` and opens the solution after a pass', async () => {
    const home = tempHome();
    await cli(['lab', '2'], { home });
    const failing = await cli(['verify', '2'], { home });
    expect(failing.code).toBe(1);
    // The learner "solves" it: here, by copying the reference files over their copy.
    const solutionDir = join(import.meta.dirname, '..', '..', 'curriculum', 'days', '02-async-programming', 'lab', 'solution');
    for (const f of readdirSync(solutionDir)) writeFileSync(join(home, 'labs', '02-async-programming', f), readFileSync(join(solutionDir, f)));
    const passing = await cli(['verify', '2'], { home });
    expect(passing.code, passing.stdout).toBe(0);
    expect(passing.stdout).toMatch(/All \d+ checks pass/);
    expect((await cli(['solution', '2'], { home })).code).toBe(0);
  });
});
