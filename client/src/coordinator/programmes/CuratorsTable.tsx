import { date } from '../../shared/format';
import type { ProgrammesOverview } from './api';
import { programmesStrings as s } from './strings';

const t = s.curators;

/** Each curator's schools and visits since the wave opened: planned, made, and overdue. */
export function CuratorsTable({ overview }: { overview: ProgrammesOverview }) {
  return (
    <section className="card pm-card" aria-labelledby="pm-curators-title">
      <div>
        <h2 id="pm-curators-title">{t.title}</h2>
        {/* A day of the region's calendar: read as the UTC midnight it is written as, and written back in UTC. */}
        <p className="muted pm-caption">{t.caption(date(overview.visitsSince, 'UTC'))}</p>
      </div>
      {overview.curators.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div className="pm-scroll" tabIndex={0} role="region" aria-label={t.title}>
          <table className="pm-curators" data-testid="curator-visits">
            <thead>
              <tr>
                <th scope="col">{t.curator}</th>
                <th scope="col">{t.schools}</th>
                <th scope="col" className="num">
                  {t.planned}
                </th>
                <th scope="col" className="num">
                  {t.made}
                </th>
                <th scope="col" className="num">
                  {t.overdue}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.curators.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{c.schools.length > 0 ? c.schools.map((school) => school.name).join(', ') : <span className="muted">{t.noSchools}</span>}</td>
                  <td className="num">{c.visitsPlanned}</td>
                  <td className="num">{c.visitsMade}</td>
                  <td className={`num ${c.visitsOverdue > 0 ? 'pm-warn' : ''}`}>{c.visitsOverdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
