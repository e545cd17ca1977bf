import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DueCard, GradeResponse, Question, QuestionsResponse, ReviewDueResponse, UndoResponse } from '../../../src/shared/types';
import { api, post, put } from '../api';
import { Prompt } from '../components/Prompt';
import { ModelAnswer } from '../components/QuestionView';
import { GradeFeedback, RateButtons, RATINGS, useGrade, type Rating } from '../components/Rate';
import { ErrorNote, fromNow, Loading, Page } from '../components/ui';
import { useApi } from '../use-api';

/** The model answers of the days the due cards come from, fetched once per day. */
function useQuestions(cards: DueCard[] | undefined): Map<string, Question> {
  const [byId, setById] = useState(new Map<string, Question>());
  const days = [...new Set(cards?.map((c) => c.day) ?? [])].sort((a, b) => a - b).join(',');
  useEffect(() => {
    if (!days) return;
    const ac = new AbortController();
    Promise.all(days.split(',').map((d) => api<QuestionsResponse>(`/days/${d}/questions`, { signal: ac.signal })))
      .then((lists) => setById(new Map(lists.flat().map((q) => [q.id, q]))))
      .catch(() => undefined);
    return () => ac.abort();
  }, [days]);
  return byId;
}

/** Where keys are typing, not shortcuts. */
const typing = (el: EventTarget | null) => el instanceof HTMLElement && (['TEXTAREA', 'INPUT', 'SELECT'].includes(el.tagName) || el.isContentEditable);
/** Space on a link, button or summary activates it: the deck leaves it alone. */
const activates = (el: EventTarget | null) => el instanceof HTMLElement && ['A', 'BUTTON', 'SUMMARY'].includes(el.tagName);

function Settings({ due, onChange }: { due: ReviewDueResponse; onChange: () => void }) {
  const [newPerDay, setNew] = useState(String(due.limits.newPerDay));
  const [reviewsPerDay, setReviews] = useState(String(due.limits.reviewsPerDay));
  const [addDay, setAddDay] = useState('');
  const [msg, setMsg] = useState<string>();
  const [error, setError] = useState<Error>();
  const wrap = (fn: () => Promise<string>) => async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      setMsg(await fn());
      onChange();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <details className="card">
      <summary>Deck settings</summary>
      <form className="inline-form" onSubmit={wrap(async () => {
        await put('/review/limits', { newPerDay: Number(newPerDay), reviewsPerDay: Number(reviewsPerDay) });
        return 'Daily limits saved.';
      })}>
        <label htmlFor="lim-new">New cards a day</label>
        <input id="lim-new" type="number" min={0} max={1000} value={newPerDay} onChange={(e) => setNew(e.target.value)} />
        <label htmlFor="lim-rev">Reviews a day</label>
        <input id="lim-rev" type="number" min={0} max={10000} value={reviewsPerDay} onChange={(e) => setReviews(e.target.value)} />
        <button type="submit">Save limits</button>
      </form>
      <form className="inline-form" onSubmit={wrap(async () => {
        const r = await post<{ day: number; added: number; total: number }>('/review/add-day', { day: Number(addDay) });
        return `Added ${r.added} card(s) from day ${r.day}; the deck has ${r.total}.`;
      })}>
        <label htmlFor="add-day">Add a day's cards before the plan reaches it</label>
        <input id="add-day" type="number" min={1} max={30} value={addDay} onChange={(e) => setAddDay(e.target.value)} required />
        <button type="submit">Add</button>
      </form>
      {msg && <p role="status">{msg}</p>}
      {error && <ErrorNote error={error} />}
    </details>
  );
}

export default function ReviewPage() {
  const due = useApi<ReviewDueResponse>('/review/due');
  const questions = useQuestions(due.data?.cards);
  const [index, setIndex] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const [answer, setAnswer] = useState('');
  const [last, setLast] = useState<GradeResponse>();
  const [undone, setUndone] = useState<string>();
  const g = useGrade('review');
  const card = due.data?.cards[index];

  const rate = useCallback(
    async (rating: Rating) => {
      if (!card || g.busy) return;
      const r = await g.rate(card.id, rating, answer);
      if (!r) return;
      setLast(r);
      setUndone(undefined);
      setRevealed(false);
      setAnswer('');
      setIndex((i) => i + 1);
    },
    [card, g, answer],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.metaKey || e.ctrlKey || e.altKey || !card) return;
      if (!revealed && e.key === ' ' && !activates(e.target)) {
        e.preventDefault();
        setRevealed(true);
      } else if (revealed && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        void rate(RATINGS[Number(e.key) - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [card, revealed, rate]);

  const undo = async () => {
    const r = await post<UndoResponse>('/review/undo');
    setLast(undefined);
    setUndone(r.undone ? `Took back "${r.undone.rating}" on ${r.undone.id}.` : 'Nothing to undo.');
    setIndex(0);
    due.reload();
  };

  const d = due.data;
  const left = d ? d.cards.length - index : 0;
  return (
    <Page title="Review" lead="Spaced repetition (FSRS): answer from memory, reveal, rate. Keys: Space reveals, 1–4 rate.">
      {due.error && <ErrorNote error={due.error} onRetry={due.reload} />}
      {!d && !due.error && <Loading what="Loading due cards" />}
      {d && (
        <>
          <p className="muted" role="status">
            {left > 0 ? `${left} of ${d.cards.length} due card${d.cards.length === 1 ? '' : 's'} left` : 'No cards due.'} · deck {d.deckSize} card{d.deckSize === 1 ? '' : 's'}
            {d.next && left === 0 ? ` · next due ${fromNow(d.next)}` : ''}
            {d.newPaused ? ' · new cards paused while you catch up' : ''}
          </p>
          {d.catchUp && <p>Backlog: {d.catchUp.backlog} reviews. At your daily limit it clears in about {d.catchUp.days ?? '—'} days.</p>}
          {last && <GradeFeedback result={last} />}
          {undone && <p role="status">{undone}</p>}
          {card ? (
            <article className="card review-card" aria-labelledby="card-prompt">
              <p className="muted">
                Day {card.day} · {card.kind} · {card.tags.map((t) => `#${t}`).join(' ')}
              </p>
              <Prompt text={card.prompt} level={2} id="card-prompt" />
              <label htmlFor="review-answer">Your answer (optional; Tab out of the box to use the keys)</label>
              <textarea id="review-answer" rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} />
              {!revealed ? (
                <button type="button" className="primary" onClick={() => setRevealed(true)} aria-keyshortcuts="Space">
                  <kbd>Space</kbd> Show the answer
                </button>
              ) : (
                <>
                  {questions.get(card.id) ? <ModelAnswer q={questions.get(card.id)!} /> : <Loading what="Loading the answer" />}
                  <RateButtons onRate={(r) => void rate(r)} disabled={g.busy} keys />
                </>
              )}
              {g.errorNote}
            </article>
          ) : (
            d.deckSize === 0 && <p>The deck fills as the plan reaches each day. Start the plan on the Today page, or add a day's cards below.</p>
          )}
          <div className="button-row">
            <button type="button" onClick={undo}>
              Undo the last rating
            </button>
            {left === 0 && d.cards.length > 0 && (
              <button type="button" onClick={() => { setIndex(0); due.reload(); }}>
                Check for more
              </button>
            )}
          </div>
          <Settings due={d} onChange={due.reload} />
        </>
      )}
    </Page>
  );
}
