import { useState } from 'react';
import type { GradeResponse } from '../../../src/shared/types';
import { post } from '../api';
import { CoverageList } from './QuestionView';
import { ErrorNote, fromNow } from './ui';

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type Rating = (typeof RATINGS)[number];

/** Posts a rating (with the typed answer, scored on key points) and reports when the card returns. */
export async function grade(id: string, rating: Rating, answer: string, source: 'review' | 'quiz'): Promise<GradeResponse> {
  return post<GradeResponse>('/review/grade', { id, rating, source, ...(answer.trim() ? { answer } : {}) });
}

export function RateButtons({ onRate, disabled, keys = false }: { onRate: (r: Rating) => void; disabled?: boolean; keys?: boolean }) {
  return (
    <div className="rate" role="group" aria-label="How well did you know it?">
      {RATINGS.map((r, i) => (
        <button key={r} type="button" className={`rate-${r}`} disabled={disabled} onClick={() => onRate(r)} aria-keyshortcuts={keys ? String(i + 1) : undefined}>
          {keys && <kbd>{i + 1}</kbd>} {r}
        </button>
      ))}
    </div>
  );
}

export function GradeFeedback({ result }: { result: GradeResponse }) {
  return (
    <div className="feedback" role="status">
      <p>
        Rated <strong>{result.rating}</strong>: back {fromNow(result.due)} ({new Date(result.due).toLocaleDateString()}).
        {result.leech && ' This card keeps lapsing: rewrite it in your notes in your own words.'}
      </p>
      {result.coverage && (
        <>
          <p>
            Your answer covered {result.coverage.covered.length} of {result.coverage.covered.length + result.coverage.missed.length} key points.
          </p>
          <CoverageList covered={result.coverage.covered} missed={result.coverage.missed} />
        </>
      )}
    </div>
  );
}

/** Answer (optional), reveal the model answer, rate: the quiz flow on a day's question. */
export function useGrade(source: 'review' | 'quiz') {
  const [result, setResult] = useState<GradeResponse>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const rate = async (id: string, rating: Rating, answer: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await grade(id, rating, answer, source);
      setResult(r);
      return r;
    } catch (e) {
      setError(e as Error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { result, error, busy, rate, errorNote: error ? <ErrorNote error={error} /> : null };
}
