import { useState } from 'react';
import { Link } from 'react-router';
import { date } from '../../shared/format';
import type { OverallState, ProgrammesOverview, SchoolOverview } from './api';
import { programmesStrings as s } from './strings';
import { MunicipalityFilter } from '../MunicipalityFilter';

const t = s.schools;

/** A school's overall state in words: `none` says whether it chose priorities at all. */
export function overallText(row: SchoolOverview): string {
  if (row.state !== 'none') return s.overall[row.state];
  return row.priorities === 0 ? s.overallNoPriorities : s.overallMissing;
}

const STATES: OverallState[] = ['none', 'draft', 'returned', 'submitted', 'approved'];

/** Each school of the wave with the state of its programmes per priority, what is overdue or unanswered, and its curators. */
export function SchoolsTable({ overview }: { overview: ProgrammesOverview }) {
  const [municipality, setMunicipality] = useState<number | null>(null);
  const [state, setState] = useState<OverallState | null>(null);
  const municipalities = [...new Map(overview.schools.map((r) => [r.school.municipality.id, r.school.municipality.name]))];
  const rows = overview.schools.filter((r) => (municipality === null || r.school.municipality.id === municipality) && (state === null || r.state === state));
  // A day of the region's calendar: read as the UTC midnight it is written as, and written back in UTC.
  const today = date(overview.today, 'UTC');

  return (
    <section className="card pm-card" aria-labelledby="pm-schools-title">
      <div className="pm-card-head">
        <div>
          <h2 id="pm-schools-title">{t.title}</h2>
          <p className="muted pm-caption">{t.caption(today)}</p>
        </div>
        <div className="pm-filters">
          <MunicipalityFilter municipalities={municipalities} value={municipality} onChange={setMunicipality} labels={t} />
          <label>
            {t.state}
            <select value={state ?? ''} onChange={(e) => setState((e.target.value || null) as OverallState | null)}>
              <option value="">{t.allStates}</option>
              {STATES.map((value) => (
                <option key={value} value={value}>
                  {value === 'none' ? t.stateNone : s.overall[value]} ({overview.states[value]})
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <div className="pm-scroll" tabIndex={0} role="region" aria-label={t.title}>
          <table className="pm-schools" data-testid="programme-schools">
            <thead>
              <tr>
                <th scope="col" className="pm-school-col">
                  {t.school}
                </th>
                <th scope="col">{t.state}</th>
                <th scope="col">{t.programmes}</th>
                <th scope="col" className="num">
                  {t.overdue}
                </th>
                <th scope="col" className="num">
                  {t.remarks}
                </th>
                <th scope="col" className="pm-curator-col">
                  {t.curators}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.school.id}>
                  <th scope="row" className="pm-school-col">
                    <Link to={`/school/${row.school.id}?wave=${overview.wave.id}`}>{row.school.name}</Link>
                    <span className="muted pm-municipality">{row.school.municipality.name}</span>
                  </th>
                  <td>
                    <span className={`badge pm-state-${row.state}`}>{overallText(row)}</span>
                  </td>
                  <td className="pm-programmes">
                    {row.programmes.map((p) => (
                      <span key={p.factorId} className={`pm-programme ${p.priority ? '' : 'muted'}`} title={`${p.factorId}. ${p.factorTitle}`}>
                        <abbr title={p.factorTitle}>{p.factorId}</abbr>{' '}
                        <span className={`pm-state-text pm-state-${p.state ?? 'none'}`}>{p.state === null ? s.noProgramme : s.states[p.state]}</span>
                        {!p.priority && <span className="pm-off"> ({s.offPriority})</span>}
                      </span>
                    ))}
                  </td>
                  <td className={`num ${row.overdueMeasures > 0 ? 'pm-warn' : ''}`}>{row.overdueMeasures}</td>
                  <td className="num">{row.openRemarks}</td>
                  <td>{row.curators.length > 0 ? row.curators.join(', ') : <span className="muted">{t.noCurator}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted pm-caption">{t.count(rows.length, overview.schools.length)}</p>
    </section>
  );
}
