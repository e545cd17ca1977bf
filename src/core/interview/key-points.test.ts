import { describe, expect, it } from 'vitest';
import { coverage, phraseMatches, stem, stemSet } from './key-points.js';

describe('stem', () => {
  it.each([
    ['blocks', 'block'],
    ['blocking', 'block'],
    ['blocked', 'block'],
    ['queues', 'queu'],
    ['queued', 'queu'],
    ['queue', 'queu'],
    ['stopped', 'stop'],
    ['running', 'run'],
    ['retries', 'retry'],
    ['drains', 'drain'],
    ['drain', 'drain'],
    ['IO', 'io'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('phraseMatches', () => {
  it.each([
    ['write returns false', 'When the buffer is full, write() returned false until drain.', true],
    ['write returns false', 'False is what write returns past the mark', true],
    ['highWaterMark', 'once the HIGHWATERMARK is reached', true],
    ['drain event', 'wait for the drain events', true],
    ['drain event', 'wait until it drains', false],
    ['nextTick queue', 'process.nextTick callbacks are queued first', true],
    ['nextTick queue', 'process.nextTick runs first', false],
    ['nextTick queue', 'the nextTick queue runs before promises', true],
    ['thread pool', 'libuv threadpool', true],
    ['threadpool', 'the libuv thread pool', true],
    ['thread pool', 'a pool of worker threads', true],
    ['thread pool', 'worker threads', false],
    ['worker threads', 'use a worker thread', true],
  ])('%j in %j → %s', (phrase, answer, expected) => {
    expect(phraseMatches(phrase, stemSet(answer))).toBe(expected);
  });
});

describe('coverage', () => {
  const keyPoints = [
    { point: 'write() returns false past highWaterMark', match: ['write returns false', 'write false'] },
    { point: 'wait for drain', match: ['drain'] },
    { point: 'pipeline handles it', match: ['pipeline'] },
  ];

  it('counts a point when any one alternative matches', () => {
    const c = coverage('If write gives false you wait for drain.', keyPoints);
    expect(c.covered.map((x) => x.matched)).toEqual(['write false', 'drain']);
    expect(c.missed).toEqual([{ point: 'pipeline handles it' }]);
    expect(c.score).toBeCloseTo(2 / 3);
  });

  it('gives nothing for an empty answer', () => {
    expect(coverage('', keyPoints).score).toBe(0);
  });
});
