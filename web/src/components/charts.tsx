import type { ProgressResponse } from '../../../src/shared/types';

// Small SVG charts: each is an image with a text alternative, and every bar says its value on hover.

export interface Bar {
  label: string;
  value: number;
  /** Shown on hover and to assistive tech; defaults to "label: value". */
  note?: string;
}

export function ColumnChart({ title, bars, max, format = String, height = 140 }: { title: string; bars: Bar[]; max?: number; format?: (v: number) => string; height?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const w = 26;
  const gap = 8;
  const width = Math.max(bars.length * (w + gap), 120);
  const plot = height - 34;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary} className="columns">
        {bars.map((b, i) => {
          const h = Math.round((b.value / top) * plot);
          const x = i * (w + gap) + gap / 2;
          return (
            <g key={`${b.label}-${i}`}>
              <title>{b.note ?? `${b.label}: ${format(b.value)}`}</title>
              <rect className="bar" x={x} y={plot - h + 14} width={w} height={Math.max(h, b.value ? 2 : 0)} rx="3" />
              <text className="bar-value" x={x + w / 2} y={plot - h + 10} textAnchor="middle">
                {b.value ? format(b.value) : ''}
              </text>
              <text className="axis" x={x + w / 2} y={height - 4} textAnchor="middle">
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Horizontal bars for 0..1 scores (mastery, coverage, rubric), one row each, with the value printed. */
export function ScoreBars({ title, rows }: { title: string; rows: Array<{ label: string; score: number | null; note?: string }> }) {
  const rowH = 26;
  const labelW = 190;
  const barW = 240;
  const height = rows.length * rowH + 6;
  const summary = `${title}: ${rows.map((r) => `${r.label} ${r.score === null ? 'no evidence' : `${Math.round(r.score * 100)}%`}`).join(', ')}`;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${labelW + barW + 50} ${height}`} width="100%" height={height} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
        {rows.map((r, i) => {
          const y = i * rowH + 4;
          const w = r.score === null ? 0 : Math.max(2, Math.round(r.score * barW));
          const band = r.score === null ? 'none' : r.score < 0.5 ? 'low' : r.score < 0.75 ? 'mid' : 'high';
          return (
            <g key={r.label}>
              <title>{r.note ?? `${r.label}: ${r.score === null ? 'no evidence yet' : `${Math.round(r.score * 100)}%`}`}</title>
              <text className="axis" x={labelW - 8} y={y + 15} textAnchor="end">
                {r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label}
              </text>
              <rect className="track" x={labelW} y={y + 3} width={barW} height={16} rx="3" />
              <rect className={`score score-${band}`} x={labelW} y={y + 3} width={w} height={16} rx="3" />
              <text className="bar-value" x={labelW + barW + 6} y={y + 15}>
                {r.score === null ? '—' : `${Math.round(r.score * 100)}%`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

type DayActivity = ProgressResponse['activity'][number];

/** Activity per day as a week-column grid (like a contribution graph), oldest first. */
export function Heatmap({ title, activity }: { title: string; activity: DayActivity[] }) {
  const days = activity.map((a) => ({ date: a.date, count: a.reviews + a.labRuns + a.mockAnswers + a.daysDone }));
  const cell = 13;
  const first = days[0] ? new Date(`${days[0].date}T00:00:00`).getDay() : 0;
  const cols = Math.ceil((days.length + first) / 7);
  const top = Math.max(1, ...days.map((d) => d.count));
  const active = days.filter((d) => d.count > 0).length;
  const level = (n: number) => (n === 0 ? 0 : Math.min(4, Math.ceil((n / top) * 4)));
  return (
    <figure className="chart heatmap">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${cols * cell + 2} ${7 * cell + 2}`} width={Math.min(cols * cell + 2, 760)} height={7 * cell + 2} role="img" aria-label={`${title}: active on ${active} of the last ${days.length} days`}>
        {days.map((d, i) => {
          const slot = i + first;
          return (
            <rect key={d.date} className={`heat heat-${level(d.count)}`} x={Math.floor(slot / 7) * cell + 1} y={(slot % 7) * cell + 1} width={cell - 2} height={cell - 2} rx="2">
              <title>{`${d.date}: ${d.count} ${d.count === 1 ? 'activity' : 'activities'}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}
