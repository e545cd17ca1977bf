import type { PlanResponse } from '../../../src/shared/types';
import { ErrorNote, Loading, Page, StatusBadge, TableHead } from '../components/ui';
import { Link } from '../router';
import { useApi } from '../use-api';

export function PlanPage() {
  const plan = useApi<PlanResponse>('/plan');
  return (
    <Page title="Plan" lead="30 days in four weeks: a lesson and questions every day, labs where the plan names practice, a mock at the end of each week.">
      {plan.error && <ErrorNote error={plan.error} onRetry={plan.reload} />}
      {!plan.data && !plan.error && <Loading />}
      {plan.data?.weeks.map((week) => {
        const days = plan.data!.days.filter((d) => d.week === week.week);
        return (
          <section key={week.week} aria-labelledby={`week-${week.week}`}>
            <h2 id={`week-${week.week}`}>
              Week {week.week}: {week.title}
            </h2>
            <table className="plan">
              <TableHead cols={['Day', 'Topic', 'Practice', 'Status']} />
              <tbody>
                {days.map((d) => (
                  <tr key={d.day} className={d.status === 'today' ? 'is-today' : undefined}>
                    <td>{d.day}</td>
                    <td>
                      <Link href={`/days/${d.day}`}>{d.title}</Link>
                      {d.content === 'coming' && <span className="muted"> · coming</span>}
                    </td>
                    <td>{d.lab ? <Link href={`/days/${d.day}?tab=lab`}>{d.lab}</Link> : d.kind === 'mock' ? <Link href="/mock">mock interview</Link> : (d.practice ?? '—')}</td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </Page>
  );
}
