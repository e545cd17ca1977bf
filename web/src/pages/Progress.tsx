import type { DoctorResponse, ProgressResponse, WeakResponse } from '../../../src/shared/types';
import { ColumnChart, Heatmap, ScoreBars } from '../components/charts';
import { ErrorNote, Loading, Page, percent, TableHead } from '../components/ui';
import { Link } from '../router';
import { useApi } from '../use-api';

const short = (date: string) => date.slice(5);

export default function ProgressPage() {
  const p = useApi<ProgressResponse>('/progress?days=119');
  const weak = useApi<WeakResponse>('/weak');
  const doctor = useApi<DoctorResponse>('/doctor');
  const d = p.data;
  return (
    <Page title="Progress" lead="What the evidence says: reviews ahead, how much you retain, topic mastery and lab history.">
      {p.error && <ErrorNote error={p.error} onRetry={p.reload} />}
      {!d && !p.error && <Loading />}
      {d && (
        <>
          <p>
            Streak <strong>{d.streak.current}</strong> (longest {d.streak.longest}) · {d.reviewsTotal} reviews · {d.cardsInDeck} cards in the deck · {d.mocksFinished} mock{d.mocksFinished === 1 ? '' : 's'} finished
          </p>
          <div className="grid">
            <section className="card">
              <h2>Reviews due ahead</h2>
              <ColumnChart title="Cards due per day, next 14 days" bars={d.forecast.map((f) => ({ label: short(f.date), value: f.due, note: `${f.date}: ${f.due} due` }))} />
            </section>
            <section className="card">
              <h2>Retention</h2>
              <p>
                {d.retention.rate === null ? 'No reviews of learned cards yet.' : `${percent(d.retention.rate)} recalled over the last ${d.retention.windowDays} days (${d.retention.recalled} of ${d.retention.reviews}).`} The scheduler aims for 90%.
              </p>
              <ColumnChart
                title="Recalled, by week"
                max={100}
                format={(v) => `${v}%`}
                bars={d.retention.byWeek.map((w) => ({ label: short(w.weekStart), value: w.rate === null ? 0 : Math.round(w.rate * 100), note: `week of ${w.weekStart}: ${w.rate === null ? 'no reviews' : `${percent(w.rate)} of ${w.reviews}`}` }))}
              />
            </section>
            <section className="card wide">
              <h2>Activity</h2>
              <Heatmap title="Reviews, lab runs, mock answers and days done, last 17 weeks" activity={d.activity} />
            </section>
          </div>
          <section className="card">
            <h2>Topic mastery</h2>
            {weak.error && <ErrorNote error={weak.error} />}
            {weak.data && weak.data.length === 0 && <p>No evidence yet: review cards, answer questions, verify labs or sit a mock.</p>}
            {weak.data && weak.data.length > 0 && (
              <>
                <ScoreBars title="Mastery by topic, weakest first" rows={weak.data.slice(0, 20).map((t) => ({ label: t.tag, score: t.mastery }))} />
                <table>
                  <caption>What to do next, weakest first</caption>
                  <TableHead cols={['Topic', 'Mastery', 'Recall', 'Answers', 'Mock', 'Labs', 'Next']} />
                  <tbody>
                    {weak.data.slice(0, 10).map((t) => (
                      <tr key={t.tag}>
                        <th scope="row">{t.tag}</th>
                        <td>{percent(t.mastery)}</td>
                        <td>{percent(t.signals.recall)}</td>
                        <td>{percent(t.signals.coverage)}</td>
                        <td>{percent(t.signals.mock)}</td>
                        <td>{percent(t.signals.lab)}</td>
                        <td>
                          {t.next.slice(0, 2).map((a) => (
                            <div key={`${a.kind}-${a.day}`}>
                              <Link href={a.kind === 'lab' ? `/days/${a.day}?tab=lab` : a.kind === 'cards' ? `/days/${a.day}?tab=questions` : `/days/${a.day}`}>{a.kind === 'lab' ? `Lab ${a.day}` : a.kind === 'cards' ? `Day ${a.day} questions` : `Day ${a.day} lesson`}</Link>: {a.why}
                            </div>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <section className="card">
            <h2>Labs</h2>
            <table>
              <TableHead cols={['Day', 'Lab', 'Runs', 'Passes', 'Hints', 'Status', 'Last run']} />
              <tbody>
                {d.labs.map((l) => (
                  <tr key={l.day}>
                    <td>{l.day}</td>
                    <td>
                      <Link href={`/days/${l.day}?tab=lab`}>{l.title}</Link>
                    </td>
                    <td>{l.runs}</td>
                    <td>{l.passes}</td>
                    <td>{l.hintsUsed}</td>
                    <td>{l.passed ? 'passed' : l.gaveUp ? 'gave up' : l.runs ? 'failing' : 'not started'}</td>
                    <td>{l.lastAt ? new Date(l.lastAt).toLocaleString() : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
      <section className="card">
        <h2>This machine</h2>
        {doctor.error && <ErrorNote error={doctor.error} />}
        {doctor.data && (
          <ul>
            <li>
              Node.js {doctor.data.node.version} {doctor.data.node.ok ? '✓' : `— needs ${doctor.data.node.needs}`}
            </li>
            <li>
              Workspace <code>{doctor.data.workspace.dir}</code> {doctor.data.workspace.writable ? '✓' : '— not writable'}
            </li>
            {doctor.data.services.map((s) => (
              <li key={s.name}>
                {s.name}: {s.url ? <code>{s.url}</code> : `not found — ${s.install}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
