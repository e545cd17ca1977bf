import { describe, expect, it } from 'vitest';
import { withoutColours } from './_interactive.js';

describe('withoutColours (NO_COLOR for the prompts)', () => {
  it.each([
    ['36', ''],
    ['90;47', ''],
    ['7', '7'],
    ['1;31', '1'],
    ['38;5;208;1', '1'],
    ['48;2;10;20;30;7', '7'],
    ['0', '0'],
    ['', '0'],
  ])('%j → %j', (params, kept) => {
    expect(withoutColours(params)).toBe(kept);
  });
});
