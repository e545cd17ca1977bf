import { describe, expect, it } from 'vitest';
import { loadPlan } from '../curriculum/load.js';
import { curriculumRoot } from '../paths.js';
import { ProgressStore } from '../progress/store.js';
import { daysBetween, parseDate } from './dates.js';
import { nextDay, planView, position } from './status.js';

const at = (iso: string) => new Date(`${iso}T09:00:00`);

describe('position', () => {
  it.each([
    [undefined, '2026-12-01', null],
    ['2026-12-01', '2026-11-30', null],
    ['2026-12-01', '2026-12-01', 1],
    ['2026-12-01', '2026-12-07', 7],
    ['2026-12-01', '2026-12-30', 30],
    ['2026-12-01', '2027-02-01', 30],
  ])('start %s, on %s, is day %s', (start, today, day) => {
    expect(position(start, at(today)).today).toBe(day);
  });

  it('counts calendar days across a daylight-saving change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('parseDate', () => {
  it.each(['2026-02-30', '2026-13-01', '01-12-2026', 'tomorrow'])('refuses %s with a usage error', (text) => {
    expect(() => parseDate(text)).toThrow(/is not a date: write it as YYYY-MM-DD/);
  });
});

describe('planView', () => {
  const plan = loadPlan(curriculumRoot);

  it('shows missed days as catch-up and points at the earliest one', () => {
    const store = ProgressStore.open(':memory:');
    store.setStartDate('2026-12-01');
    store.markDone(1, '2026-12-01T10:00:00Z');
    const view = planView(plan, store, at('2026-12-04'));
    expect(view.days.slice(0, 5).map((d) => d.status)).toEqual(['done', 'catch-up', 'catch-up', 'today', 'upcoming']);
    expect(nextDay(view)?.day).toBe(2);
  });

  it('leaves every day unscheduled before a start date is set', () => {
    const view = planView(plan, ProgressStore.open(':memory:'), at('2026-12-04'));
    expect(new Set(view.days.map((d) => d.status))).toEqual(new Set(['unscheduled']));
    expect(nextDay(view)?.day).toBe(1);
  });

  it('shows every day upcoming before the start date', () => {
    const store = ProgressStore.open(':memory:');
    store.setStartDate('2027-01-01');
    expect(new Set(planView(plan, store, at('2026-12-04')).days.map((d) => d.status))).toEqual(new Set(['upcoming']));
  });
});
