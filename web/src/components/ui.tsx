import { useEffect, useRef, type ReactNode } from 'react';
import { usePageTitle } from '../router';

/** A page: its title in the tab and an h1 that takes focus on arrival, so keyboard and screen-reader users start at the top. */
export function Page({ title, lead, children }: { title: string; lead?: ReactNode; children: ReactNode }) {
  usePageTitle(title);
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    h1.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <header className="page-head">
        <h1 tabIndex={-1} ref={h1}>
          {title}
        </h1>
        {lead && <p className="lead">{lead}</p>}
      </header>
      {children}
    </>
  );
}

export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <p className="error" role="alert">
      {error.message}
      {onRetry && (
        <>
          {' '}
          <button type="button" className="link" onClick={onRetry}>
            Try again
          </button>
        </>
      )}
    </p>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted" role="status">
      {what}…
    </p>
  );
}

const STATUS_LABEL: Record<string, string> = { done: 'done', today: 'today', 'catch-up': 'catch-up', upcoming: 'upcoming', unscheduled: 'not scheduled' };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{STATUS_LABEL[status] ?? status}</span>;
}

export const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

/** "in 3 days", "in 10 minutes", "now". */
export function fromNow(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.round(abs / size);
      const s = `${n} ${name}${n === 1 ? '' : 's'}`;
      return ms >= 0 ? `in ${s}` : `${s} ago`;
    }
  }
  return 'now';
}

/** A table's column headings. */
export function TableHead({ cols }: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
