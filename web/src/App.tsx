import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from './components/ui';
import { PlanPage } from './pages/Plan';
import { TodayPage } from './pages/Today';
import { Link, match, useLocation } from './router';

// Today and Plan are the first load; everything with editors, charts or highlighting loads on demand.
const DayPage = lazy(() => import('./pages/Day'));
const ReviewPage = lazy(() => import('./pages/Review'));
const MockPage = lazy(() => import('./pages/Mock'));
const NotesPage = lazy(() => import('./pages/Notes'));
const ProgressPage = lazy(() => import('./pages/Progress'));

const NAV: Array<[href: string, label: string]> = [
  ['/', 'Today'],
  ['/plan', 'Plan'],
  ['/review', 'Review'],
  ['/mock', 'Mock interview'],
  ['/notes', 'Notes'],
  ['/progress', 'Progress'],
];

function route(path: string): ReactNode {
  if (path === '/') return <TodayPage />;
  if (path === '/plan') return <PlanPage />;
  const day = match('/days/:day', path);
  if (day) return <DayPage key={day.day} day={Number(day.day)} />;
  if (path === '/review') return <ReviewPage />;
  if (path === '/mock') return <MockPage />;
  const session = match('/mock/:session', path);
  if (session) return <MockPage key={session.session} session={session.session} />;
  if (path === '/notes') return <NotesPage />;
  const note = match('/notes/:day', path);
  if (note) return <NotesPage key={note.day} day={Number(note.day)} />;
  if (path === '/progress') return <ProgressPage />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing lives at <code>{path}</code>. <Link href="/">Back to today</Link>.
      </p>
    </section>
  );
}

export function App({ hasToken }: { hasToken: boolean }) {
  const { path } = useLocation();
  const section = '/' + (path.split('/')[1] ?? '');
  const current = (href: string) => (href === '/' ? path === '/' : section === href || (href === '/plan' && section === '/days'));
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand" aria-label="nodeprep, today">
          nodeprep
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <Link href={href} aria-current={current(href) ? 'page' : undefined}>
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        {hasToken ? (
          <Suspense fallback={<Loading />}>{route(path)}</Suspense>
        ) : (
          <section>
            <h1>Open nodeprep from its address</h1>
            <p>
              This page needs the token that <code>nodeprep ui</code> (or <code>npm start</code>) printed for this run. Open the address it printed, for example{' '}
              <code>http://127.0.0.1:4730/?token=…</code>.
            </p>
          </section>
        )}
      </main>
    </>
  );
}
