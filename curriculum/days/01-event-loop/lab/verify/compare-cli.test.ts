import { describe, expect, it } from 'vitest';
import { spawnTarget } from 'nodeprep/testkit';
import { MICROTASKS_CJS, orderProblems, stderrSummary } from './_support.js';

const BETWEEN = 'A A:nextTick A:promise B B:nextTick B:promise';

/** The value of the first stdout line `label: value`, or undefined. */
function field(stdout: string, label: string): string | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(`${label}: `));
  return line?.slice(label.length + 2).trim();
}

describe('compare.ts: the command-line comparison', () => {
  it('prints every observed order and the starvation comparison, then exits 0 on its own', async () => {
    const cli = spawnTarget('compare.ts');
    const { code, signal } = await cli.exited(15_000);
    const out = cli.stdout();
    const err = stderrSummary(cli.stderr());
    expect({ code, signal }, `compare.ts must exit by itself with code 0 once everything ran (no timer, socket or promise left pending); stderr: ${err}`).toEqual({ code: 0, signal: null });

    const main = field(out, 'main')?.split(' ');
    expect(main, `missing the line "main: <five labels>"; stdout was:\n${out}`).toBeDefined();
    expect(orderProblems(main), `"main:" must list the five callbacks in the order they ran from the module's top level; either macrotask may come first there, but all five must be listed; got "${main?.join(' ')}": ${orderProblems(main).join('; ')}`).toEqual([]);

    expect(field(out, 'io'), 'the line "io: …" must show the order inside an fs.readFile callback').toBe([...MICROTASKS_CJS, 'setImmediate', 'setTimeout'].join(' '));
    expect(field(out, 'between-immediates'), 'the line "between-immediates: …" must show microtasks drained after each immediate').toBe(BETWEEN);
    expect(field(out, 'between-timeouts'), 'the line "between-timeouts: …" must show microtasks drained after each timer').toBe(BETWEEN);

    const starvation = (label: string) => {
      const m = /^timer ran after (\d+) of (\d+) items$/.exec(field(out, label) ?? '');
      expect(m, `missing the line "${label}: timer ran after <n> of <total> items"; stdout was:\n${out}`).not.toBeNull();
      return { seen: Number(m![1]), total: Number(m![2]) };
    };
    const guarded = starvation('yield-setImmediate');
    expect(guarded.total, 'the starvation demo must work through at least 100000 items').toBeGreaterThanOrEqual(100_000);
    expect(guarded.seen, `yield-setImmediate: the timer ran after ${guarded.seen} of ${guarded.total} items; with setImmediate yields it must run before the last item`).toBeLessThan(guarded.total);
    const starved = starvation('yield-nextTick');
    expect(starved.total, 'both demos must process the same number of items').toBe(guarded.total);
    expect(starved.seen, `yield-nextTick: the timer ran after ${starved.seen} of ${starved.total} items; with nextTick "yields" it must run only after the last item`).toBe(starved.total);
  });
});
