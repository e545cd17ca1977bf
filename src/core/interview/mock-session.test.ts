import { describe, expect, it } from 'vitest';
import { loadPlan, loadQuestions } from '../curriculum/load.js';
import { curriculumRoot } from '../paths.js';
import { ProgressStore } from '../progress/store.js';
import { findQuestion } from '../review/deck.js';
import { loadDesignTemplate } from './design-template.js';
import { openSession, sessionAnswers } from './mock-repo.js';
import { answerMock, answerText, finishMock, mockHistory, partsInOrder, selfAssess, startMock } from './mock-session.js';
import { candidates, dayRanges, loadMockSpec, mockDay } from './mock-spec.js';

const plan = loadPlan(curriculumRoot);
const now = new Date('2026-12-07T09:00:00Z');
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
const withQuestions = (days: number[]) => days.filter((d) => loadQuestions(plan, d).length);

/** An answer that says every key point of a question, in the words of its first alternative. */
const perfect = (id: string) => findQuestion(plan, id).question.keyPoints.map((k) => k.match[0]).join('. ');

describe('mock specs', () => {
  it('maps --week to the week’s mock day and --final (or week 4) to day 29', () => {
    expect([1, 2, 3].map((week) => mockDay(plan, { week }))).toEqual([7, 14, 21]);
    expect(mockDay(plan, { final: true })).toBe(29);
    expect(mockDay(plan, { week: 4 })).toBe(29);
  });

  it('reads mock.yaml where the day has one, and falls back to 45 minutes otherwise', () => {
    expect(loadMockSpec(plan, 7)).toMatchObject({ minutes: 45, questionCount: 6, covers: [1, 2, 3, 4, 5, 6], final: false });
    expect(loadMockSpec(plan, 29)).toMatchObject({ minutes: 45, designRound: true, final: true });
  });

  it('writes covered days as ranges', () => {
    expect(dayRanges([1, 2, 3, 4, 5, 6, 8, 9, 10, 12])).toBe('1-6, 8-10, 12');
  });

  it('draws from the covered days that have questions, and says so in one line when none has', () => {
    const days = new Set(candidates(plan, loadMockSpec(plan, 7)).map((c) => c.day));
    expect([...days].sort()).toEqual(withQuestions([1, 2, 3, 4, 5, 6]));
    const spec = loadMockSpec(plan, 14);
    if (withQuestions(spec.covers).length === 0) expect(() => candidates(plan, spec)).toThrow(/^The week 2 mock covers days 8, 9, 10, 11, 12, 13, and none of them has questions yet/);
  });
});

describe('a mock session', () => {
  it('asks the configured number of questions from the covered days, covering the must-cover tags it can', () => {
    const store = ProgressStore.open(':memory:');
    const spec = loadMockSpec(plan, 7);
    const s = startMock(store, plan, spec, now, new Map());
    expect(s.id).toMatch(/^w1-[0-9a-z]{6}$/);
    expect(s.plan.questions).toHaveLength(spec.questionCount);
    expect(s.plan.questions.every((q) => spec.covers.includes(q.day))).toBe(true);
    const available = new Set(candidates(plan, spec).flatMap((c) => c.question.tags));
    const drawn = new Set(s.plan.questions.flatMap((q) => q.tags));
    for (const tag of spec.mustCover.filter((t) => available.has(t))) expect(drawn, tag).toContain(tag);
    expect(openSession(store.db, 7)?.id).toBe(s.id);
  });

  it('scores and commits each answer at once, offers the follow-up, and replaces a re-answer', () => {
    const store = ProgressStore.open(':memory:');
    const s = startMock(store, plan, loadMockSpec(plan, 7), now, new Map());
    const withFollowUp = s.plan.questions.find((q) => q.followUps.length) ?? s.plan.questions[0]!;
    const first = answerMock(store, plan, s.id, withFollowUp.id, 'I am not sure.', minutes(5));
    expect(first.score).toBe(0);
    const again = answerMock(store, plan, s.id, withFollowUp.id, perfect(withFollowUp.id), minutes(6));
    expect(again.score).toBe(1);
    expect(again.followUp).toEqual(withFollowUp.followUps[0] ? { id: `${withFollowUp.id}/f1`, prompt: withFollowUp.followUps[0].prompt } : null);
    expect(sessionAnswers(store.db, s.id)).toHaveLength(1);
    expect(() => answerMock(store, plan, s.id, 'd99-nope', 'x', now)).toThrow(/did not ask "d99-nope": it asks /);
    expect(() => answerMock(store, plan, s.id, withFollowUp.id, '<!-- only a comment -->', now)).toThrow(/The answer is empty/);
  });

  it('reports per topic and per rubric dimension, counting what was not answered as zero', () => {
    const store = ProgressStore.open(':memory:');
    const s = startMock(store, plan, loadMockSpec(plan, 7), now, new Map());
    const [a, b] = s.plan.questions;
    answerMock(store, plan, s.id, a!.id, perfect(a!.id), minutes(5), { rubric: 'strong-hire' });
    answerMock(store, plan, s.id, b!.id, 'no idea', minutes(10));
    selfAssess(store, s, b!.id, 'strong-no-hire');
    const report = finishMock(store, plan, s.id, minutes(20));
    expect(report).toMatchObject({ session: s.id, day: 7, minutes: 45, usedMinutes: 20, overTime: false, answered: 2, asked: 6 });
    const partA = report.parts.find((p) => p.part === a!.id)!;
    expect(partA).toMatchObject({ answered: true, coverage: 1, band: 'strong-hire', missed: [] });
    expect(report.parts.find((p) => p.part === b!.id)).toMatchObject({ coverage: 0, band: 'strong-no-hire' });
    expect(report.parts.filter((p) => !p.answered && p.round === 'question')).toHaveLength(4);
    expect(report.overall.band).toBe('strong-no-hire');
    expect(report.topics.map((t) => t.score)).toEqual([...report.topics.map((t) => t.score)].sort((x, y) => x - y));
    expect(report.rubric.map((d) => d.dimension)).toEqual(['requirements', 'runtime-depth', 'design-tradeoffs', 'scaling-failure', 'code-testing', 'communication', 'senior-scope']);
    expect(report.rubric.find((d) => d.dimension === 'runtime-depth')?.answers).toBeGreaterThan(0);
    // Saved: finishing again returns the same report, and the session takes no more answers.
    expect(finishMock(store, plan, s.id, minutes(90))).toEqual(report);
    expect(() => answerMock(store, plan, s.id, a!.id, 'late', minutes(91))).toThrow(/is finished/);
    expect(mockHistory(store)).toEqual([expect.objectContaining({ session: s.id, answered: 2, asked: 6, overall: report.overall })]);
  });

  it('ends the final with a system-design round scored on the design template too', () => {
    const store = ProgressStore.open(':memory:');
    const s = startMock(store, plan, loadMockSpec(plan, 29), now, new Map());
    expect(s.id).toMatch(/^final-/);
    const design = s.plan.design!;
    expect(findQuestion(plan, design.id).question.type).toBe('design');
    expect(s.plan.questions.map((q) => q.id)).not.toContain(design.id);
    expect(partsInOrder(s.plan).at(-1)).toMatchObject({ part: design.id, round: 'design' });
    const steps = loadDesignTemplate(plan.root).steps;
    const answer = `## Requirements\n\nWe clarify the functional requirement and the SLO.\n\n## Estimates\n\nPeak QPS is 2k.\n\n## Trade-offs\n`;
    const r = answerMock(store, plan, s.id, design.id, answer, minutes(30));
    const covered = new Set(r.covered.map((c) => c.point));
    expect(covered.has('Requirements') && covered.has('Estimates')).toBe(true);
    expect(covered.has('Trade-offs')).toBe(false); // a heading alone is not content
    const report = finishMock(store, plan, s.id, minutes(40));
    expect(report.design?.steps).toHaveLength(steps.length);
    expect(report.design?.steps.filter((x) => x.covered).map((x) => x.title)).toEqual(['Requirements', 'Estimates']);
  });
});

describe('answerText', () => {
  it('drops editor guidance, and headings only in the design round', () => {
    expect(answerText('<!-- the prompt -->\n## Why\nBecause.', 'question')).toBe('## Why\nBecause.');
    expect(answerText('<!-- x -->\n## Requirements\nUsers upload files.', 'design')).toBe('Users upload files.');
  });
});
