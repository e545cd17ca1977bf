import { describe, expect, it } from 'vitest';
import { answerScore, bandOf, parseRubric } from './rubric.js';

describe('bandOf', () => {
  it.each([
    [0, 'strong-no-hire'],
    [0.24, 'strong-no-hire'],
    [0.25, 'leaning-no-hire'],
    [0.6, 'leaning-hire'],
    [0.75, 'strong-hire'],
    [1, 'strong-hire'],
  ])('%d → %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});

describe('answerScore', () => {
  it('is the coverage when the learner did not self-assess', () => {
    expect(answerScore(0.6, ['runtime-depth', 'communication'], {})).toBeCloseTo(0.6);
  });

  it('averages coverage with the self-assessed band on each dimension that has one', () => {
    // runtime-depth: (0.6 + 0.875) / 2; communication: 0.6
    expect(answerScore(0.6, ['runtime-depth', 'communication'], { 'runtime-depth': 'strong-hire' })).toBeCloseTo((0.7375 + 0.6) / 2);
  });
});

describe('parseRubric', () => {
  it('applies one band to every exercised dimension', () => {
    expect(parseRubric('leaning hire', ['runtime-depth', 'communication'])).toEqual({ 'runtime-depth': 'leaning-hire', communication: 'leaning-hire' });
  });

  it('takes bands per dimension', () => {
    expect(parseRubric('runtime-depth=strong-hire, communication=leaning-no-hire', [])).toEqual({ 'runtime-depth': 'strong-hire', communication: 'leaning-no-hire' });
  });

  it.each([
    ['great', /"great" is not a band: use strong-no-hire, leaning-no-hire, leaning-hire or strong-hire/],
    ['depth=strong-hire', /"depth" is not a rubric dimension: use requirements, runtime-depth/],
  ])('refuses %j and says what works', (text, message) => {
    expect(() => parseRubric(text, ['runtime-depth'])).toThrow(message);
  });
});
