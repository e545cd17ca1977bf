import { describe, expect, it } from 'vitest';
import type { Drill } from '../curriculum/schema.js';
import { checkDrill, parseOrder, runDrillOnce } from './run.js';

const drill = (over: Partial<Drill>): Drill => ({
  id: 'd01-drill-test',
  title: 't',
  module: 'cjs',
  code: "process.nextTick(() => console.log('tick'));\nPromise.resolve().then(() => console.log('promise'));\nconsole.log('sync');",
  output: ['sync', 'tick', 'promise'],
  alternatives: [],
  explanation: 'x',
  sources: [{ title: 'docs', url: 'https://nodejs.org/api/process.html' }],
  ...over,
});

describe('drills', () => {
  it.each([
    ['a b c', ['a', 'b', 'c']],
    ['a, b,c', ['a', 'b', 'c']],
    ['a > b > c', ['a', 'b', 'c']],
    ['  a\nb  ', ['a', 'b']],
  ])('reads the answer %j as tokens', (text, tokens) => {
    expect(parseOrder(text)).toEqual(tokens);
  });

  it('runs CommonJS and ES module snippets as what they are', async () => {
    expect(await runDrillOnce(drill({}))).toEqual(['sync', 'tick', 'promise']);
    expect(await runDrillOnce(drill({ module: 'esm' }))).toEqual(['sync', 'promise', 'tick']);
  });

  it('fails a stored answer that the real run contradicts', async () => {
    const wrong = await checkDrill(drill({ output: ['sync', 'promise', 'tick'] }), 1);
    expect(wrong.ok).toBe(false);
    expect(wrong.unexpected).toEqual([['sync', 'tick', 'promise']]);
  });
});
