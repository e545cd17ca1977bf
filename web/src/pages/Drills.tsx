import { useState, type FormEvent } from 'react';
import type { DrillResult, DrillView } from '../../../src/shared/types';
import { post } from '../api';
import { Markdown } from '../components/Markdown';
import { ErrorNote, Loading } from '../components/ui';
import { useApi } from '../use-api';

function DrillCard({ day, drill, n }: { day: number; drill: DrillView; n: number }) {
  const [prediction, setPrediction] = useState('');
  const [result, setResult] = useState<DrillResult>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setResult(await post<DrillResult>(`/days/${day}/drills/${encodeURIComponent(drill.id)}/run`, { prediction }));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const input = `drill-${drill.id}`;
  return (
    <article className="drill" aria-labelledby={`${input}-h`}>
      <h3 id={`${input}-h`}>
        {n}. {drill.title} <span className="badge">{drill.module === 'esm' ? 'ES module' : 'CommonJS'}</span>
      </h3>
      <Markdown source={'```js\n' + drill.code + '\n```'} />
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={input}>What does it print? Tokens in order, separated by spaces</label>
        <input id={input} value={prediction} onChange={(e) => setPrediction(e.target.value)} autoComplete="off" spellCheck={false} />
        <button type="submit" disabled={busy || !prediction.trim()}>
          {busy ? 'Running…' : 'Run it on this Node'}
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      {result && (
        <div className="feedback" role="status">
          <p className={result.correct ? 'pass' : 'fail'}>{result.correct ? '✓ Right.' : `✗ Not quite. You said: ${result.prediction.join(' ') || '(nothing)'}`}</p>
          <p>
            Node {result.node} printed: <code>{result.actual.join(' ')}</code>
          </p>
          {result.nondeterministic && (
            <p>
              Not deterministic: {result.nondeterministic} Accepted: {result.accepted.map((a) => a.join(' ')).join(' | ')}
            </p>
          )}
          <Markdown source={result.explanation} />
        </div>
      )}
    </article>
  );
}

export function DrillsPanel({ day }: { day: number }) {
  const drills = useApi<DrillView[]>(`/days/${day}/drills`);
  if (drills.error) return <ErrorNote error={drills.error} onRetry={drills.reload} />;
  if (!drills.data) return <Loading what="Loading drills" />;
  return (
    <>
      <p>Predict the order, then run the snippet on the Node that runs this server. A wrong guess is the point: read why.</p>
      {drills.data.map((d, i) => (
        <DrillCard key={d.id} day={day} drill={d} n={i + 1} />
      ))}
    </>
  );
}
