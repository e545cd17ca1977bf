import { useRef, useState } from 'react';
import type { CheckResult, HintResponse, LabCopyResponse, LabResponse, Problem, ResetResponse, SolutionResponse, VerifyOutcome } from '../../../src/shared/types';
import { ApiError, post, stream } from '../api';
import { Markdown } from '../components/Markdown';
import { ErrorNote, Loading } from '../components/ui';
import { useApi } from '../use-api';

const TARGETS: Array<[string, string]> = [
  ['workspace', 'Your copy'],
  ['solution', 'Reference solution'],
  ['starter', 'Starter (should fail)'],
];

function Verify({ day, onFinished }: { day: number; onFinished: () => void }) {
  const [target, setTarget] = useState('workspace');
  const [checks, setChecks] = useState<CheckResult[]>([]);
  const [outcome, setOutcome] = useState<VerifyOutcome>();
  const [error, setError] = useState<Error>();
  const [running, setRunning] = useState(false);
  /** Open while verifying once or watching; a watch stays open between runs. */
  const [mode, setMode] = useState<'idle' | 'verify' | 'watch'>('idle');
  const [runs, setRuns] = useState(0);
  const abort = useRef<AbortController>(undefined);

  const open = async (watch: boolean) => {
    const ac = new AbortController();
    abort.current = ac;
    setChecks([]);
    setOutcome(undefined);
    setError(undefined);
    setRuns(0);
    setMode(watch ? 'watch' : 'verify');
    setRunning(!watch);
    try {
      await stream(
        watch ? `/days/${day}/watch` : `/days/${day}/verify`,
        watch ? {} : { target },
        (event, data) => {
          if (event === 'run') {
            setChecks([]);
            setOutcome(undefined);
            setRunning(true);
            setRuns((n) => n + 1);
          } else if (event === 'check') setChecks((cs) => [...cs, data as CheckResult]);
          else if (event === 'done') {
            setOutcome(data as VerifyOutcome);
            setRunning(false);
            if (watch) onFinished();
          } else if (event === 'error') setError(new ApiError(data as Problem));
        },
        ac.signal,
      );
      onFinished();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setError(e as Error);
    } finally {
      setRunning(false);
      setMode('idle');
    }
  };

  const passed = checks.filter((c) => c.state === 'passed').length;
  const failed = checks.filter((c) => c.state === 'failed').length;
  return (
    <section className="card" aria-labelledby="verify-h">
      <h2 id="verify-h">Verify</h2>
      <div className="inline-form">
        <label htmlFor="target">Run the checks against</label>
        <select id="target" value={target} onChange={(e) => setTarget(e.target.value)} disabled={mode !== 'idle'}>
          {TARGETS.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
        {mode === 'idle' ? (
          <>
            <button type="button" className="primary" onClick={() => void open(false)}>
              Verify
            </button>
            <button type="button" onClick={() => void open(true)} disabled={target !== 'workspace'} title={target !== 'workspace' ? 'Watching runs against your copy' : undefined}>
              Watch: re-run on every save
            </button>
          </>
        ) : (
          <button type="button" onClick={() => abort.current?.abort()}>
            {mode === 'watch' ? 'Stop watching' : 'Stop'}
          </button>
        )}
      </div>
      {mode === 'watch' && (
        <p role="status">
          Watching your copy: save a file in your editor to run the checks again.{runs > 0 ? ` Run ${runs}.` : ''}
        </p>
      )}
      <p className="muted">Runs the real tests in a separate process, against real services where the lab needs them. Your code runs only when you press Verify.</p>
      <div role="log" aria-live="polite" aria-label="Check results">
        {running && <p className="muted">Running… {checks.length ? `${passed} passed, ${failed} failed so far` : 'starting'}</p>}
        <ul className="checks">
          {checks.map((c) => (
            <li key={`${c.file}:${c.name}`} className={c.state}>
              <span aria-hidden="true">{c.state === 'passed' ? '✓' : c.state === 'failed' ? '✗' : '○'}</span> <span className="sr-only">{c.state}: </span>
              {c.name} <span className="muted">({Math.round(c.durationMs)} ms)</span>
              {c.message && <div className="check-message">{c.message}</div>}
            </li>
          ))}
        </ul>
        {outcome && (
          <p className={`outcome ${outcome.ok ? 'pass' : 'fail'}`} data-testid="verify-outcome">
            {outcome.skipped
              ? `Skipped: ${outcome.skipped.reason}`
              : outcome.ok
                ? `All ${outcome.checks.length} checks passed in ${(outcome.durationMs / 1000).toFixed(1)} s.`
                : `${outcome.checks.filter((c) => c.state === 'failed').length} of ${outcome.checks.length} checks failed${outcome.timedOut ? ' (the run hit its deadline)' : ''}.`}
          </p>
        )}
        {outcome?.errors.map((e) => (
          <pre key={e} className="error">
            {e}
          </pre>
        ))}
      </div>
      {error && <ErrorNote error={error} />}
    </section>
  );
}

function DiffView({ diff }: { diff: string }) {
  return (
    <pre className="diff" tabIndex={0}>
      {diff.split('\n').map((line, i) => (
        <span key={i} className={line.startsWith('@@') ? 'hunk' : line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : undefined}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}

export function LabPanel({ day }: { day: number }) {
  const lab = useApi<LabResponse>(`/days/${day}/lab`);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<Error>();
  const [solution, setSolution] = useState<SolutionResponse>();
  const [confirm, setConfirm] = useState<'reset' | 'give-up' | null>(null);
  const [full, setFull] = useState(false);

  const act = async (fn: () => Promise<void>) => {
    setError(undefined);
    setMessage(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e as Error);
    }
  };
  if (lab.error) return <ErrorNote error={lab.error} onRetry={lab.reload} />;
  if (!lab.data) return <Loading what="Loading the lab" />;
  const l = lab.data;

  const copy = () =>
    act(async () => {
      const r = await post<LabCopyResponse>(`/days/${day}/lab`);
      setMessage(`Starter copied to ${r.dir}${r.kept.length ? ` (kept your ${r.kept.length} existing file(s))` : ''}.`);
      lab.reload();
    });
  const hint = () =>
    act(async () => {
      const h = await post<HintResponse>(`/days/${day}/hint`);
      if (h.last) setMessage('That was the last rung of the hint ladder.');
      lab.reload();
    });
  const showSolution = (giveUp: boolean) =>
    act(async () => {
      setConfirm(null);
      setSolution(await post<SolutionResponse>(`/days/${day}/solution`, giveUp ? { giveUp: true } : {}));
    });
  const reset = () =>
    act(async () => {
      setConfirm(null);
      const r = await post<ResetResponse>(`/days/${day}/reset`);
      setMessage(`Fresh starter in ${r.dir}.${r.backup ? ` Your previous copy is in ${r.backup}.` : ''}`);
      lab.reload();
    });

  return (
    <div className="lab">
      <Markdown source={l.readme} className="prose" />
      <section className="card" aria-labelledby="workspace-h">
        <h2 id="workspace-h">Your copy</h2>
        {l.workspace.exists ? (
          <p>
            Edit{' '}
            {l.files.map((f, i) => (
              <span key={f}>
                {i > 0 && ', '}
                <code>{f}</code>
              </span>
            ))}{' '}
            in <code>{l.workspace.dir}</code> with your own editor, then press Verify.
          </p>
        ) : (
          <p>
            <button type="button" onClick={copy}>
              Copy the starter into my workspace
            </button>{' '}
            <span className="muted">({l.workspace.dir})</span>
          </p>
        )}
        {l.passed && <p className="pass">✓ Your copy has passed.</p>}
        <div className="button-row">
          {l.workspace.exists &&
            (confirm === 'reset' ? (
              <>
                <span>Start over? Your copy moves to backups/.</span>
                <button type="button" onClick={reset}>
                  Yes, start over
                </button>
                <button type="button" onClick={() => setConfirm(null)}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirm('reset')}>
                Start over…
              </button>
            ))}
        </div>
        {message && <p role="status">{message}</p>}
        {error && <ErrorNote error={error} />}
      </section>
      <Verify day={day} onFinished={lab.reload} />
      <section className="card" aria-labelledby="hints-h">
        <h2 id="hints-h">
          Hints ({l.hints.length} of {l.hintCount})
        </h2>
        {l.hints.map((h) => (
          <div key={h.rung} className="hint">
            <h3>
              {h.rung}. {h.label}
            </h3>
            <Markdown source={h.text} />
          </div>
        ))}
        {l.hints.length < l.hintCount && (
          <button type="button" onClick={hint}>
            Show hint {l.hints.length + 1}
          </button>
        )}
      </section>
      <section className="card" aria-labelledby="solution-h">
        <h2 id="solution-h">Reference solution</h2>
        {!solution &&
          (l.passed ? (
            <button type="button" onClick={() => showSolution(false)}>
              Compare with the reference solution
            </button>
          ) : confirm === 'give-up' ? (
            <>
              <span>Seeing it before you pass is recorded as a give-up. </span>
              <button type="button" onClick={() => showSolution(true)}>
                Show it anyway
              </button>
              <button type="button" onClick={() => setConfirm(null)}>
                Cancel
              </button>
            </>
          ) : (
            <p>
              It opens once your copy passes.{' '}
              <button type="button" className="link" onClick={() => setConfirm('give-up')}>
                Give up and see it now…
              </button>
            </p>
          ))}
        {solution && (
          <>
            <div className="inline-form">
              <label htmlFor="solution-view">Show</label>
              <select id="solution-view" value={full ? 'full' : 'diff'} onChange={(e) => setFull(e.target.value === 'full')}>
                <option value="diff">your copy against the solution (diff)</option>
                <option value="full">the solution's files</option>
              </select>
            </div>
            {full ? (
              solution.files.map((f) => (
                <div key={f.file}>
                  <h3>
                    <code>solution/{f.file}</code>
                  </h3>
                  <Markdown source={'```ts\n' + f.text + '\n```'} />
                </div>
              ))
            ) : (
              <DiffView diff={solution.diff} />
            )}
            <h3>Talking points</h3>
            <ul>
              {solution.talkingPoints.map((t) => (
                <li key={t}>
                  <Markdown source={t} className="inline-md" />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
