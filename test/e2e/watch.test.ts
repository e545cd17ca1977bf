import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/core/paths.js';
import { cli, tempHome } from './_cli.js';

describe('nodeprep watch', () => {
  it('re-runs the checks when the learner saves, and stops cleanly on Ctrl-C', async () => {
    const home = tempHome();
    await cli(['lab', '1'], { home });
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'nodeprep.js'), 'watch', '1'], {
      cwd: home,
      env: { ...process.env, NO_COLOR: '1', NODEPREP_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const seen = (re: RegExp, count: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${count}× ${re}:\n${out}`)), 60_000);
        const scan = () => {
          if ((out.match(new RegExp(re, 'g')) ?? []).length >= count) {
            clearTimeout(timer);
            child.stdout.off('data', scan);
            resolve();
          }
        };
        child.stdout.on('data', scan);
        scan();
      });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    try {
      await seen(/Watching /, 1);
      expect(out).toMatch(/checks fail/);
      appendFileSync(join(home, 'labs', '01-event-loop', 'schedule.ts'), '\n// saved\n');
      await seen(/Watching /, 2);
      expect((out.match(/Running .* checks…/g) ?? []).length).toBe(2);
      child.kill('SIGINT');
      const code = await new Promise((r) => child.once('close', r));
      expect(code).toBe(0);
      expect(out).toMatch(/Stopped watching/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
