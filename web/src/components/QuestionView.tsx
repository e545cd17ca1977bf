import type { Question } from '../../../src/shared/types';
import { Markdown } from './Markdown';

/** The model answer of a question: the short and deep answers, key points, pitfalls, follow-ups and sources. */
export function ModelAnswer({ q }: { q: Question }) {
  return (
    <div className="model-answer">
      <h4>In 30 seconds</h4>
      <Markdown source={q.answer.short} />
      <h4>The full answer</h4>
      <Markdown source={q.answer.deep} />
      <h4>Key points a strong answer makes</h4>
      <ul>
        {q.keyPoints.map((k) => (
          <li key={k.point}>{k.point}</li>
        ))}
      </ul>
      <h4>Pitfalls</h4>
      <ul>
        {q.pitfalls.map((p) => (
          <li key={p}>
            <Markdown source={p} className="inline-md" />
          </li>
        ))}
      </ul>
      {q.followUps.length > 0 && (
        <>
          <h4>Follow-ups</h4>
          {q.followUps.map((f) => (
            <details key={f.prompt} className="follow-up">
              <summary>{f.prompt}</summary>
              <Markdown source={f.answer} />
            </details>
          ))}
        </>
      )}
      <h4>Sources</h4>
      <ul className="sources">
        {q.sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} target="_blank" rel="noopener noreferrer">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CoverageList({ covered, missed }: { covered: Array<{ point: string }>; missed: Array<{ point: string }> }) {
  return (
    <ul className="coverage" aria-label="Key points">
      {covered.map((k) => (
        <li key={k.point} className="covered">
          <span aria-hidden="true">✓</span> <span className="sr-only">Covered: </span>
          {k.point}
        </li>
      ))}
      {missed.map((k) => (
        <li key={k.point} className="missed">
          <span aria-hidden="true">✗</span> <span className="sr-only">Missed: </span>
          {k.point}
        </li>
      ))}
    </ul>
  );
}
