import { useEffect, useState, type FormEvent } from 'react';
import type { AnswerResult, MockHistoryResponse, MockReport, MockSessionResponse, StartedMock } from '../../../src/shared/types';
import { post } from '../api';
import { ScoreBars } from '../components/charts';
import { Prompt, splitPrompt } from '../components/Prompt';
import { CoverageList } from '../components/QuestionView';
import { ErrorNote, Loading, Page, percent } from '../components/ui';
import { Link, navigate } from '../router';
import { useApi } from '../use-api';

const BANDS = ['strong-no-hire', 'leaning-no-hire', 'leaning-hire', 'strong-hire'] as const;
const band = (b: string | null) => (b ? b.replaceAll('-', ' ') : '—');

interface Part {
  part: string;
  round: 'question' | 'follow-up' | 'design';
  prompt: string;
}

/** The parts in the order they are asked: each question, its follow-ups, then the design round. */
function partsOf(s: MockSessionResponse): Part[] {
  const parts: Part[] = [];
  for (const q of s.plan.questions) {
    parts.push({ part: q.id, round: 'question', prompt: q.prompt });
    for (const f of q.followUps) parts.push({ part: f.part, round: 'follow-up', prompt: f.prompt });
  }
  if (s.plan.design) parts.push({ part: s.plan.design.id, round: 'design', prompt: s.plan.design.prompt });
  return parts;
}

const clock = (ms: number) => {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${ms < 0 ? '+' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function Countdown({ minutes, elapsedMs }: { minutes: number; elapsedMs: number }) {
  const [loaded] = useState(() => Date.now());
  const [now, setNow] = useState(loaded);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = minutes * 60_000 - elapsedMs - (now - loaded);
  return (
    <p className={`countdown${left < 0 ? ' over' : ''}`}>
      <span role="timer" aria-label={left >= 0 ? 'Time left' : 'Over time by'}>
        {clock(left)}
      </span>{' '}
      <span className="muted">{left >= 0 ? `left of ${minutes} minutes` : 'over time: wrap up'}</span>
    </p>
  );
}

export function Report({ report }: { report: MockReport }) {
  return (
    <section aria-labelledby="report-h" className="report">
      <h2 id="report-h">Report</h2>
      <p className="big">
        Overall: <strong>{band(report.overall.band)}</strong> ({percent(report.overall.score)}) · answered {report.answered} of {report.asked} · {report.usedMinutes} of {report.minutes} minutes
        {report.overTime ? ' (over time)' : ''}
      </p>
      <div className="grid">
        <ScoreBars title="By topic" rows={report.topics.map((t) => ({ label: t.tag, score: t.score, note: `${t.tag}: ${percent(t.score)}, ${band(t.band)}, ${t.answers} answer(s)` }))} />
        <ScoreBars
          title="By rubric dimension"
          rows={report.rubric.map((r) => ({ label: r.label, score: r.score, note: `${r.label}: ${r.score === null ? 'no evidence' : `${percent(r.score)}, ${band(r.band)}`}${r.self ? `; you said ${band(r.self)}` : ''}` }))}
        />
      </div>
      {report.design && (
        <>
          <h3>Design round: template steps</h3>
          <ul className="coverage">
            {report.design.steps.map((s) => (
              <li key={s.title} className={s.covered ? 'covered' : 'missed'}>
                <span aria-hidden="true">{s.covered ? '✓' : '✗'}</span> <span className="sr-only">{s.covered ? 'Covered: ' : 'Missed: '}</span>
                {s.title}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Answer by answer</h3>
      {report.parts.map((p) => (
        <details key={p.part} className="card">
          <summary>
            {p.round === 'follow-up' ? '↳ ' : ''}
            {splitPrompt(p.prompt)[0]} — {p.answered ? `${percent(p.coverage)} of key points, ${band(p.band)}` : 'not answered'}
          </summary>
          {splitPrompt(p.prompt)[1] && <Prompt text={p.prompt} level={3} />}
          {p.answer && <blockquote className="answer-text">{p.answer}</blockquote>}
          <CoverageList covered={p.covered.map((point) => ({ point }))} missed={p.missed.map((point) => ({ point }))} />
        </details>
      ))}
    </section>
  );
}

function Session({ id }: { id: string }) {
  const s = useApi<MockSessionResponse>(`/mock/${encodeURIComponent(id)}`);
  const [index, setIndex] = useState(0);
  const [text, setText] = useState('');
  const [self, setSelf] = useState('');
  const [result, setResult] = useState<AnswerResult>();
  const [report, setReport] = useState<MockReport>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  if (s.error) return <ErrorNote error={s.error} onRetry={s.reload} />;
  if (!s.data) return <Loading what="Loading the session" />;
  const session = s.data;
  const done = report ?? session.report;
  if (done) return <Report report={done} />;
  const parts = partsOf(session);
  const part = parts[index];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!part) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await post<AnswerResult>(`/mock/${encodeURIComponent(id)}/answer`, { questionId: part.part, answer: text, ...(self ? { rubric: self } : {}) }));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const next = () => {
    setResult(undefined);
    setText('');
    setSelf('');
    setIndex((i) => i + 1);
  };
  const finish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setReport(await post<MockReport>(`/mock/${encodeURIComponent(id)}/finish`));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="session-h">
      <h2 id="session-h">{session.title}</h2>
      <Countdown minutes={session.minutes} elapsedMs={session.elapsedMs} />
      {part ? (
        <form className="card" onSubmit={submit}>
          <p className="muted">
            Part {index + 1} of {parts.length} · {part.round}
          </p>
          <Prompt text={part.prompt} id="part-prompt" />
          <label htmlFor="mock-answer">Your answer (say it as you would out loud: claim, mechanism, example, trade-off)</label>
          <textarea id="mock-answer" rows={part.round === 'design' ? 16 : 8} value={text} onChange={(e) => setText(e.target.value)} readOnly={!!result} required />
          <label htmlFor="mock-self">How would you rate this answer? (optional)</label>
          <select id="mock-self" value={self} onChange={(e) => setSelf(e.target.value)} disabled={!!result}>
            <option value="">—</option>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {band(b)}
              </option>
            ))}
          </select>
          <div className="button-row">
            {!result ? (
              <>
                <button type="submit" className="primary" disabled={busy || !text.trim()}>
                  Submit answer
                </button>
                <button type="button" onClick={next}>
                  Skip
                </button>
              </>
            ) : (
              <button type="button" className="primary" onClick={next}>
                {index + 1 < parts.length ? 'Next question' : 'Last one answered'}
              </button>
            )}
          </div>
          {result && (
            <div className="feedback" role="status">
              <p>
                Key points: {result.covered.length} of {result.covered.length + result.missed.length} ({percent(result.score)}){result.overTime ? ' · over time' : ''}
              </p>
              <CoverageList covered={result.covered} missed={result.missed} />
            </div>
          )}
        </form>
      ) : (
        <p>Every part has been asked. Finish to see your report.</p>
      )}
      <div className="button-row">
        <button type="button" onClick={finish} disabled={busy}>
          Finish and see the report
        </button>
      </div>
      {error && <ErrorNote error={error} />}
    </section>
  );
}

function Start() {
  const history = useApi<MockHistoryResponse>('/mock/history');
  const [which, setWhich] = useState('1');
  const [count, setCount] = useState('');
  const [error, setError] = useState<Error>();
  const start = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const body = { ...(which === 'final' ? { final: true } : { week: Number(which) }), ...(count ? { questions: Number(count) } : {}) };
      const m = await post<StartedMock>('/mock/start', body);
      navigate(`/mock/${m.session}`);
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <>
      <form className="card inline-form" onSubmit={start}>
        <label htmlFor="mock-which">Mock</label>
        <select id="mock-which" value={which} onChange={(e) => setWhich(e.target.value)}>
          <option value="1">Week 1 (days 1–6)</option>
          <option value="2">Week 2</option>
          <option value="3">Week 3</option>
          <option value="final">Final (with a design round)</option>
        </select>
        <label htmlFor="mock-count">Questions</label>
        <input id="mock-count" type="number" min={1} max={12} placeholder="default" value={count} onChange={(e) => setCount(e.target.value)} />
        <button type="submit" className="primary">
          Start the clock
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      <section aria-labelledby="history-h">
        <h2 id="history-h">Earlier sessions</h2>
        {history.error && <ErrorNote error={history.error} onRetry={history.reload} />}
        {history.data && !history.data.length && <p>None yet.</p>}
        <ul>
          {history.data?.map((h) => (
            <li key={h.session}>
              <Link href={`/mock/${h.session}`}>{h.title}</Link>{' '}
              <span className="muted">
                · {new Date(h.startedAt).toLocaleString()} · answered {h.answered} of {h.asked} · {h.overall ? `${band(h.overall.band)} (${percent(h.overall.score)})` : 'not finished'}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export default function MockPage({ session }: { session?: string }) {
  return (
    <Page title="Mock interview" lead="Timed, scored on the key points each answer makes and on your own rating against the senior rubric.">
      {session ? <Session id={session} /> : <Start />}
    </Page>
  );
}
