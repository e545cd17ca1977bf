// The web app in real Chromium, against the real server and a real store: the flows end to
// end, an axe-core check and a screenshot of every page, and no CSP violation anywhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/plan/dates.js';
import { projectRoot } from '../../src/core/paths.js';
import { chromiumPath, hasChromium, launchChromium, seriousViolations } from '../helpers/browser.js';
import { cli } from './_cli.js';

const SHOTS = join(projectRoot, 'test', 'e2e', 'screenshots');
if (!hasChromium && process.env.CI) throw new Error(`CI needs Chromium at ${chromiumPath}: .ci/run installs it with apt-get install -y chromium.`);

describe.skipIf(!hasChromium)('the web app in Chromium', () => {
  let home: string;
  let server: ChildProcess;
  let origin: string;
  let token: string;
  let browser: Browser;
  let page: Page;
  const cspErrors: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'nodeprep-web-'));
    mkdirSync(SHOTS, { recursive: true });
    // Day 3 of the plan today, so Days 1-3 have cards in the deck.
    const start = localDate(new Date(Date.now() - 2 * 86_400_000));
    expect((await cli(['start', '--date', start], { home })).code).toBe(0);
    server = spawn(process.execPath, [join(projectRoot, 'bin', 'nodeprep.js'), 'ui', '--port', '0', '--no-open'], {
      env: { ...process.env, NODEPREP_HOME: home, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      server.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/.exec(out);
        if (m) resolve(new URL(m[0]));
      });
      server.once('exit', (code) => reject(new Error(`nodeprep ui exited ${code}`)));
    });
    origin = url.origin;
    token = url.searchParams.get('token')!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url.href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  });

  /** Every page: no serious or critical axe violation, and a screenshot for people to look at. */
  async function checkPage(name: string) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  }

  it('opens on Today, takes the token out of the address bar, and shows the plan position', async () => {
    await expect.poll(() => page.locator('h1').textContent()).toBe('Today');
    expect(page.url()).toBe(`${origin}/`);
    await page.getByText('Day 3 of 30').waitFor();
    await page.getByRole('heading', { name: 'Streak' }).waitFor();
    await page.locator('.heatmap svg').waitFor();
    await checkPage('today');
  });

  it('lists the 30 days on Plan and goes to Day 3, its lesson highlighted', async () => {
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { name: /^Week 1/ }).waitFor();
    expect(await page.locator('table.plan tbody tr').count()).toBe(30);
    await checkPage('plan');
    await page.locator('table.plan').getByRole('link', { name: /Streams/ }).first().click();
    await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/^Day 3: /);
    await page.locator('.lesson h3').first().waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('.lesson .hljs-keyword').count()).toBeGreaterThan(0);
    await checkPage('day-3-lesson');
  });

  it("verifies Day 3's solution target and shows each check live before the result", async () => {
    await page.getByRole('link', { name: 'Lab', exact: true }).click();
    await page.getByLabel('Run the checks against').selectOption('solution');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    // A check appears while the run is still going (the Stop button is still there): the stream is live.
    await page.locator('.checks li').first().waitFor({ timeout: 120_000 });
    const liveBeforeDone = await page.getByRole('button', { name: 'Stop' }).isVisible();
    const outcome = page.getByTestId('verify-outcome');
    await outcome.waitFor({ timeout: 180_000 });
    expect(await outcome.textContent()).toMatch(/^All \d+ checks passed/);
    expect(liveBeforeDone).toBe(true);
    expect(await page.locator('.checks li.failed').count()).toBe(0);
    await checkPage('day-3-lab');
  }, 240_000);

  it('watches the learner\'s copy of lab 1: a failing starter, then a save that passes', async () => {
    await page.goto(`${origin}/days/1?tab=lab`);
    await page.getByRole('button', { name: 'Copy the starter into my workspace' }).click();
    await page.getByText(/^Starter copied to/).waitFor();
    await page.getByRole('button', { name: 'Watch: re-run on every save' }).click();
    const outcome = page.getByTestId('verify-outcome');
    await expect.poll(() => outcome.textContent(), { timeout: 90_000 }).toMatch(/checks failed/);
    // The learner saves a finished solution: the watch runs again on its own.
    const lab = join(home, 'labs', '01-event-loop');
    for (const file of ['schedule.ts', 'compare.ts']) cpSync(join(projectRoot, 'curriculum', 'days', '01-event-loop', 'lab', 'solution', file), join(lab, file));
    await expect.poll(() => outcome.textContent(), { timeout: 90_000 }).toMatch(/^All \d+ checks passed/);
    await page.getByText(/Run 2\./).waitFor();
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await page.getByRole('button', { name: 'Verify', exact: true }).waitFor();
    await page.getByText('✓ Your copy has passed.').waitFor();
  }, 200_000);

  it('reviews two cards with the keyboard alone', async () => {
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    const prompt = page.locator('#card-prompt');
    await prompt.waitFor();
    const first = await prompt.textContent();
    await page.locator('h1').focus();
    await page.keyboard.press('Space');
    await page.locator('.model-answer').waitFor();
    await checkPage('review');
    await page.keyboard.press('3');
    await page.getByText(/^Rated good/).waitFor();
    await expect.poll(() => prompt.textContent()).not.toBe(first);
    await page.keyboard.press('Space');
    await page.locator('.model-answer').waitFor();
    await page.keyboard.press('4');
    await page.getByText(/^Rated easy/).waitFor();
    const res = await fetch(`${origin}/api/progress`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await res.json()) as { reviewsTotal: number }).reviewsTotal).toBe(2);
  });

  it('runs a two-question mock and reads its report', async () => {
    await page.getByRole('link', { name: 'Mock interview', exact: true }).click();
    await page.getByLabel('Mock', { exact: true }).selectOption('1');
    await page.getByLabel('Questions').fill('2');
    await page.getByRole('button', { name: 'Start the clock' }).click();
    await page.getByRole('timer').waitFor();
    await checkPage('mock-question');
    let mains = 0;
    for (let guard = 0; guard < 8; guard++) {
      const part = await page.locator('form.card .muted').first().textContent();
      if (!part) break;
      if (part.includes('follow-up')) {
        await page.getByRole('button', { name: 'Skip' }).click();
      } else {
        await page.getByLabel(/^Your answer/).fill('The event loop runs phases in libuv: timers, poll, check; process.nextTick and microtasks drain between callbacks. Backpressure: write() returns false, wait for drain.');
        await page.getByLabel(/How would you rate/).selectOption('leaning-hire');
        await page.getByRole('button', { name: 'Submit answer' }).click();
        await page.locator('.feedback .coverage').waitFor();
        mains++;
        const next = page.getByRole('button', { name: /^(Next question|Last one answered)$/ });
        if ((await next.textContent()) === 'Last one answered') break;
        await next.click();
      }
      if (await page.getByText('Every part has been asked').isVisible()) break;
    }
    expect(mains).toBe(2);
    await page.getByRole('button', { name: 'Finish and see the report' }).click();
    await page.getByRole('heading', { name: 'Report' }).waitFor();
    expect(await page.getByText(/answered 2 of 2/).count()).toBe(1);
    await page.getByRole('img', { name: /^By topic:/ }).waitFor();
    await page.getByRole('img', { name: /^By rubric dimension:/ }).waitFor();
    await checkPage('mock-report');
  });

  it('writes, saves and exports notes, and they survive a reload', async () => {
    await page.getByRole('link', { name: 'Notes', exact: true }).click();
    await page.getByLabel('Day', { exact: true }).selectOption('3');
    const editor = page.getByLabel('Markdown');
    await editor.waitFor();
    await editor.fill('# Streams\n\n- `pipeline()` forwards errors and destroys every stream\n');
    await page.locator('.preview code').first().waitFor();
    await editor.press('Control+s');
    await page.getByText(/^Saved at/).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Markdown').inputValue()).toContain('pipeline()');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export the cheat sheet' }).click();
    expect((await download).suggestedFilename()).toBe('nodeprep-cheat-sheet.md');
    await checkPage('notes');
  });

  it('charts progress: reviews ahead, retention, mastery and labs', async () => {
    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    await page.getByRole('img', { name: /^Cards due per day/ }).waitFor();
    await page.getByRole('img', { name: /^Mastery by topic/ }).waitFor();
    const labRow = page.locator('tr', { has: page.getByRole('link', { name: /./ }) }).filter({ hasText: /^3/ });
    expect(await labRow.count()).toBeGreaterThan(0);
    await checkPage('progress');
  });

  it('runs a Day 1 drill and explains it', async () => {
    await page.goto(`${origin}/days/1?tab=drills`);
    const input = page.getByLabel(/What does it print/).first();
    await input.fill('a b c');
    await page.getByRole('button', { name: 'Run it on this Node' }).first().click();
    await page.getByText(/printed:/).first().waitFor({ timeout: 30_000 });
    await checkPage('day-1-drills');
  });

  it('loaded every page without a CSP violation or an uncaught error', () => {
    expect(cspErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
