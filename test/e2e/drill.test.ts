import { describe, expect, it } from 'vitest';
import { cli, tempHome } from './_cli.js';

describe('nodeprep drill', () => {
  it('takes the predicted order from stdin, runs the snippet on this Node and marks it right', async () => {
    const r = await cli(['drill', '1', '--id', 'd01-drill-io-callback-immediate-first'], { home: tempHome(), input: 'readFile, nextTick, promise, immediate, timeout\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ Right\./);
    expect(r.stdout).toMatch(new RegExp(`Your Node ${process.version} printed: readFile nextTick promise immediate timeout`));
    expect(r.stdout).toMatch(/1\/1 right/);
  });

  it('marks a wrong order, shows the real one and explains it', async () => {
    const r = await cli(['drill', '1', '--id', 'd01-drill-nexttick-vs-promise-esm'], { home: tempHome(), input: 'a b c\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ Not quite\. You said: a b c/);
    expect(r.stdout).toMatch(/0\/1 right/);
  });

  it('accepts either order of a race and says why it is one', async () => {
    const r = await cli(['drill', '1', '--id', 'd01-drill-sync-nexttick-timeout-immediate'], { home: tempHome(), input: 'sync nextTick immediate timeout\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Not deterministic:/);
  });
});
