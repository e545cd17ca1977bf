import { useState } from 'react';
import type { DayResponse, DoneResponse, Question, QuestionsResponse } from '../../../src/shared/types';
import { post } from '../api';
import { Markdown } from '../components/Markdown';
import { Prompt } from '../components/Prompt';
import { ModelAnswer } from '../components/QuestionView';
import { GradeFeedback, RateButtons, useGrade } from '../components/Rate';
import { ErrorNote, Loading, Page, StatusBadge } from '../components/ui';
import { Link, useLocation } from '../router';
import { useApi } from '../use-api';
import { DrillsPanel } from './Drills';
import { LabPanel } from './Lab';

type Tab = 'lesson' | 'lab' | 'questions' | 'drills';

function QuizCard({ q }: { q: Question }) {
  const [answer, setAnswer] = useState('');
  const [shown, setShown] = useState(false);
  const g = useGrade('quiz');
  const id = `ans-${q.id}`;
  return (
    <div className="quiz">
      <label htmlFor={id}>Your answer (optional: it is checked against the key points)</label>
      <textarea id={id} rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      {!shown ? (
        <button type="button" onClick={() => setShown(true)}>
          Show the model answer
        </button>
      ) : (
        <>
          <ModelAnswer q={q} />
          {!g.result && <RateButtons onRate={(r) => void g.rate(q.id, r, answer)} disabled={g.busy} />}
          {g.result && <GradeFeedback result={g.result} />}
          {g.errorNote}
        </>
      )}
    </div>
  );
}

function QuestionsPanel({ day }: { day: number }) {
  const qs = useApi<QuestionsResponse>(`/days/${day}/questions`);
  if (qs.error) return <ErrorNote error={qs.error} onRetry={qs.reload} />;
  if (!qs.data) return <Loading what="Loading questions" />;
  if (!qs.data.length) return <p>This day's questions are coming.</p>;
  return (
    <ol className="questions">
      {qs.data.map((q) => (
        <li key={q.id}>
          <article aria-labelledby={`q-${q.id}`}>
            <Prompt text={q.prompt} id={`q-${q.id}`} />
            <p className="tags">
              {q.seed && <span className="badge badge-today">the plan's question</span>} <span className="badge">{q.level}</span> <span className="badge">{q.type}</span>{' '}
              {q.tags.map((t) => (
                <span key={t} className="tag">
                  #{t}
                </span>
              ))}
            </p>
            <details>
              <summary>Answer it, then compare</summary>
              <QuizCard q={q} />
            </details>
          </article>
        </li>
      ))}
    </ol>
  );
}

export default function DayPage({ day }: { day: number }) {
  const { query } = useLocation();
  const d = useApi<DayResponse>(`/days/${day}`);
  const [doneError, setDoneError] = useState<Error>();
  if (d.error) return <Page title={`Day ${day}`}>{<ErrorNote error={d.error} onRetry={d.reload} />}</Page>;
  if (!d.data) return <Loading what={`Loading day ${day}`} />;
  const v = d.data;
  const tabs: Array<[Tab, string]> = [['lesson', 'Lesson']];
  if (v.has.lab) tabs.push(['lab', 'Lab']);
  tabs.push(['questions', 'Questions']);
  if (v.has.drills) tabs.push(['drills', 'Drills']);
  const asked = query.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.some(([t]) => t === asked) ? asked : 'lesson';
  const toggleDone = async () => {
    setDoneError(undefined);
    try {
      await post<DoneResponse>(`/days/${day}/done`, v.status === 'done' ? { undo: true } : {});
      d.reload();
    } catch (e) {
      setDoneError(e as Error);
    }
  };
  return (
    <Page title={`Day ${day}: ${v.title}`} lead={<>Week {v.week} · <StatusBadge status={v.status} /> {v.lesson && <span className="muted">· about {v.lesson.meta.minutes} minutes</span>}</>}>
      <div className="day-actions">
        <button type="button" onClick={toggleDone}>
          {v.status === 'done' ? 'Mark not done' : 'Mark day done'}
        </button>
        <Link href={`/notes/${day}`}>Notes for day {day}</Link>
        {day > 1 && <Link href={`/days/${day - 1}`}>← Day {day - 1}</Link>}
        {day < 30 && <Link href={`/days/${day + 1}`}>Day {day + 1} →</Link>}
        {doneError && <ErrorNote error={doneError} />}
      </div>
      <section className="plan-box" aria-label="From the plan">
        <p>
          <strong>Study:</strong> {v.study.join(' · ')}
        </p>
        {v.practice && (
          <p>
            <strong>Practice:</strong> {v.practice}
          </p>
        )}
        {v.question && (
          <p>
            <strong>Interview question:</strong> {v.question}
          </p>
        )}
        {v.covers.length > 0 && (
          <p>
            <strong>Covers days:</strong> {v.covers.join(', ')} — <Link href="/mock">sit the mock</Link>
          </p>
        )}
      </section>
      <nav className="tabs" aria-label="Day sections">
        {tabs.map(([t, label]) => (
          <Link key={t} href={`/days/${day}${t === 'lesson' ? '' : `?tab=${t}`}`} aria-current={t === tab ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      {tab === 'lesson' && (v.lesson ? <Markdown source={v.lesson.markdown.replace(/^\s*#\s[^\n]*\n+/, '')} className="prose lesson" /> : <p>This day's lesson is coming in a later version. The plan above says what to study.</p>)}
      {tab === 'lab' && <LabPanel day={day} />}
      {tab === 'questions' && <QuestionsPanel day={day} />}
      {tab === 'drills' && <DrillsPanel day={day} />}
    </Page>
  );
}
