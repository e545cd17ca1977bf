import { useState, type FormEvent } from 'react';
import type { ProgressResponse, StartResponse, TodayResponse } from '../../../src/shared/types';
import { post } from '../api';
import { Heatmap } from '../components/charts';
import { ErrorNote, Loading, Page, percent, StatusBadge } from '../components/ui';
import { Link } from '../router';
import { useApi } from '../use-api';

function StartForm({ onStarted, current }: { onStarted: () => void; current: string | null }) {
  const [date, setDate] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await post<StartResponse>('/start', date ? { date } : {});
      onStarted();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="start-date">{current ? 'Move the start date' : 'Start the 30-day plan on'}</label>
      <input id="start-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      <button type="submit">{date ? 'Set start date' : 'Start today'}</button>
      {error && <ErrorNote error={error} />}
    </form>
  );
}

export function TodayPage() {
  const today = useApi<TodayResponse>('/today');
  const progress = useApi<ProgressResponse>('/progress?days=119');
  const t = today.data;
  const reload = () => {
    today.reload();
    progress.reload();
  };
  return (
    <Page title="Today" lead={t?.position.today ? `Day ${t.position.today} of 30 · ${t.done} done` : t?.position.startDate ? `The plan starts ${t.position.startDate}` : undefined}>
      {today.error && <ErrorNote error={today.error} onRetry={today.reload} />}
      {!t && !today.error && <Loading />}
      {t && (
        <div className="grid">
          <section className="card" aria-labelledby="next-h">
            <h2 id="next-h">What's next</h2>
            {t.next ? (
              <>
                <p>
                  <Link href={`/days/${t.next.day}`} className="big-link">
                    Day {t.next.day}: {t.next.title}
                  </Link>{' '}
                  <StatusBadge status={t.next.status} />
                </p>
                {t.next.practice && <p>Practice: {t.next.practice}</p>}
                {t.next.lab && (
                  <p>
                    Lab: {t.next.lab} — {t.nextLabPassed ? 'passed ✓' : <Link href={`/days/${t.next.day}?tab=lab`}>open the lab</Link>}
                  </p>
                )}
                {t.next.content !== 'ready' && <p className="muted">Some of this day's material is still coming.</p>}
              </>
            ) : (
              <p>Every day of the plan is done. Keep your reviews going and sit the final mock again.</p>
            )}
            {t.catchUp.length > 0 && (
              <p>
                Catch-up:{' '}
                {t.catchUp.map((d, i) => (
                  <span key={d}>
                    {i > 0 && ', '}
                    <Link href={`/days/${d}`}>day {d}</Link>
                  </span>
                ))}
              </p>
            )}
          </section>
          <section className="card" aria-labelledby="review-h">
            <h2 id="review-h">Review</h2>
            <p>
              {t.reviewsDue ? (
                <Link href="/review" className="big-link">
                  {t.reviewsDue} card{t.reviewsDue === 1 ? '' : 's'} due
                </Link>
              ) : (
                'No cards due right now.'
              )}
            </p>
            {t.weakest && (
              <p>
                Weakest topic: <strong>{t.weakest.tag}</strong> ({percent(t.weakest.mastery)}) — <Link href="/progress">see all topics</Link>
              </p>
            )}
          </section>
          <section className="card wide" aria-labelledby="streak-h">
            <h2 id="streak-h">Streak</h2>
            {progress.error && <ErrorNote error={progress.error} onRetry={progress.reload} />}
            {progress.data && (
              <>
                <p>
                  <strong>{progress.data.streak.current}</strong> day{progress.data.streak.current === 1 ? '' : 's'} in a row · longest {progress.data.streak.longest}
                </p>
                <Heatmap title="Activity over the last 17 weeks" activity={progress.data.activity} />
              </>
            )}
          </section>
          <section className="card wide" aria-labelledby="plan-h">
            <h2 id="plan-h">Plan</h2>
            <StartForm current={t.position.startDate} onStarted={reload} />
            {t.problems.length > 0 && (
              <ul className="problems">
                {t.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </Page>
  );
}
