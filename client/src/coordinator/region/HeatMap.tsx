import { Link } from 'react-router';
import type { RegionPicture, SchoolRow } from './api';
import { regionStrings as s } from './strings';

const t = s.heatmap;

/** Schools × factors: each cell coloured by level with its score, and words for screen readers. */
export function HeatMap({ picture, rows }: { picture: RegionPicture; rows: SchoolRow[] }) {
  const compared = picture.dynamics !== null;
  const titles = new Map(picture.factors.map((f) => [f.id, `${f.id}. ${f.title}`]));
  if (rows.length === 0) return <p className="muted">{t.empty}</p>;
  return (
    <div className="rp-scroll" tabIndex={0} role="region" aria-label={t.title}>
      <table className="rp-heatmap" data-testid="heatmap">
        <thead>
          <tr>
            <th scope="col" className="rp-school-col">
              {t.school}
            </th>
            {picture.factors.map((f) => (
              <th key={f.id} scope="col" className="rp-factor-col" title={titles.get(f.id)}>
                <abbr title={titles.get(f.id)}>{f.id}</abbr>
              </th>
            ))}
            <th scope="col">{t.priorities}</th>
            {compared && <th scope="col">{t.change}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.school.id}>
              <th scope="row" className="rp-school-col">
                <Link to={`/school/${row.school.id}?wave=${picture.wave.id}`}>{row.school.name}</Link>
                <span className="muted rp-municipality">{row.school.municipality.name}</span>
              </th>
              {row.cells.map((c) => {
                const score = c.score === null ? null : Math.round(c.score * 100);
                const label = t.cell(row.school.name, titles.get(c.factorId) ?? c.factorId, s.levels[c.level], score);
                return (
                  <td key={c.factorId} className={`rp-cell rp-${c.level}`} title={label}>
                    <span aria-hidden="true">{score ?? '—'}</span>
                    <span className="rp-hidden">{label}</span>
                  </td>
                );
              })}
              <td className="rp-priorities">
                {row.priorities.map((id) => (
                  <abbr key={id} className="rp-priority" title={titles.get(id)}>
                    {id}
                  </abbr>
                ))}
              </td>
              {compared && (
                <td className={row.positiveChange ? 'ok rp-change' : 'muted rp-change'} title={t.changeLabel(row.school.name, row.positiveChange === true)}>
                  <span aria-hidden="true">{row.positiveChange ? `↓ ${t.changeYes}` : t.changeNo}</span>
                  <span className="rp-hidden">{t.changeLabel(row.school.name, row.positiveChange === true)}</span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="rp-school-col">
              {t.highRow}
            </th>
            {picture.factors.map((f) => (
              <td key={f.id} className="num rp-high-count">
                {f.high}
              </td>
            ))}
            <td />
            {compared && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
