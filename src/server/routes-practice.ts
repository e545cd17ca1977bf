import { Router } from 'express';
import { answerMock, finishMock, mockHistory, requireSession } from '../core/interview/mock-session.js';
import { startMockFor } from '../core/interview/mock-start.js';
import { weakAreas } from '../core/interview/weak-evidence.js';
import { exportNotes } from '../core/notes/export.js';
import { readNote, saveNote } from '../core/notes/notes.js';
import { addDay } from '../core/review/deck.js';
import { getLimits, setLimits } from '../core/review/limits.js';
import { dueCard, dueQueue, gradeById, undoLast } from '../core/review/session.js';
import { AddDayBody, DayParam, GradeBody, LimitsBody, MockAnswerBody, MockStartBody, NoteBody } from '../shared/schemas.js';
import type {
  AddDayResponse,
  AnswerResult,
  GradeResponse,
  LimitsResponse,
  MockHistoryResponse,
  MockReport,
  MockSessionResponse,
  NoteResponse,
  NotesExportResponse,
  ReviewDueResponse,
  StartedMock,
  UndoResponse,
  WeakResponse,
} from '../shared/types.js';
import type { ServerDeps } from './deps.js';

/** Spaced review, mock interviews, notes and weak areas. */
export function practiceRouter(deps: ServerDeps): Router {
  const { plan, store, home } = deps;
  const r = Router();

  r.get('/review/due', (_req, res) => {
    const q = dueQueue(store, plan, deps.now());
    const body: ReviewDueResponse = {
      cards: q.cards.map(dueCard),
      deckSize: q.deckSize,
      catchUp: q.catchUp,
      newPaused: q.newPaused,
      next: q.next?.toISOString() ?? null,
      limits: getLimits(store),
      problems: q.problems,
    };
    res.json(body);
  });

  r.post('/review/grade', (req, res) => {
    const { id, rating, answer, source } = GradeBody.parse(req.body);
    const { becameLeech: _, day: __, ...result } = gradeById(store, plan, id, rating, deps.now(), { source: source ?? 'review', answer });
    res.json(result satisfies GradeResponse);
  });

  r.put('/review/limits', (req, res) => {
    res.json(setLimits(store, LimitsBody.parse(req.body ?? {})) satisfies LimitsResponse);
  });

  r.post('/review/add-day', (req, res) => {
    const { day } = AddDayBody.parse(req.body ?? {});
    const { added, total } = addDay(store, plan, day, deps.now());
    res.json({ day, added, total } satisfies AddDayResponse);
  });

  r.post('/review/undo', (_req, res) => {
    const u = undoLast(store);
    const body: UndoResponse = { undone: u && { id: u.id, rating: u.rating, due: u.card?.due.toISOString() ?? null } };
    res.json(body);
  });

  r.post('/mock/start', (req, res) => {
    res.status(201).json(startMockFor(store, plan, MockStartBody.parse(req.body), deps.now()) satisfies StartedMock);
  });

  r.get('/mock/history', (_req, res) => {
    res.json(mockHistory(store) satisfies MockHistoryResponse);
  });

  r.get('/mock/:session', (req, res) => {
    res.json(requireSession(store, req.params.session) satisfies MockSessionResponse);
  });

  r.post('/mock/:session/answer', (req, res) => {
    const { questionId, answer, rubric } = MockAnswerBody.parse(req.body);
    res.json(answerMock(store, plan, req.params.session, questionId, answer, deps.now(), { rubric }) satisfies AnswerResult);
  });

  r.post('/mock/:session/finish', (req, res) => {
    res.json(finishMock(store, plan, req.params.session, deps.now()) satisfies MockReport);
  });

  // Before /notes/:day, which would take "export" for a day.
  r.get('/notes/export', (_req, res) => {
    res.json(exportNotes(plan, home, deps.now()) satisfies NotesExportResponse);
  });

  r.get('/notes/:day', (req, res) => {
    const day = DayParam.parse(req.params.day);
    const note = readNote(plan, home, day);
    res.json({ day, saved: note.saved, text: note.content } satisfies NoteResponse);
  });

  r.put('/notes/:day', (req, res) => {
    const day = DayParam.parse(req.params.day);
    const { text } = NoteBody.parse(req.body);
    saveNote(plan, home, day, text);
    res.json({ day, saved: true, text } satisfies NoteResponse);
  });

  r.get('/weak', (_req, res) => {
    res.json(weakAreas(store, plan, deps.now()) satisfies WeakResponse);
  });

  return r;
}
