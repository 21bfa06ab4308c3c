import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { number, points } from '../../shared/format';
import { compareSchoolNames } from '../../shared/school-names';
import type { ScatterRow } from './api';
import { contextStrings as s } from './strings';

type SortKey = 'name' | 'score' | 'value';

/** Ascending; a school without the figure goes last either way, so the figures stay together. */
function compare(key: SortKey, a: ScatterRow, b: ScatterRow, direction: number): number {
  if (key === 'name') return direction * compareSchoolNames(a.school.name, b.school.name);
  const [x, y] = key === 'score' ? [a.score, b.score] : [a.value, b.value];
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return direction * (x - y);
}

/** Every school of the scatter, plotted or not, with its score and result: the chart's numbers to read and sort. */
export function ScatterTable({ rows, waveId, valueTitle }: { rows: ScatterRow[]; waveId: number; valueTitle: string }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const sorted = useMemo(
    () => [...rows].sort((a, b) => compare(sort.key, a, b, sort.descending ? -1 : 1) || compareSchoolNames(a.school.name, b.school.name)),
    [rows, sort],
  );
  // Figures start highest first: the schools to look at come first.
  const sortBy = (key: SortKey) => setSort((was) => (was.key === key ? { key, descending: !was.descending } : { key, descending: key !== 'name' }));
  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="cs-sort" title={s.table.sortBy(label)} onClick={() => sortBy(key)}>
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  if (rows.length === 0) return <p className="muted">{s.table.empty}</p>;
  return (
    <div className="cs-table-wrap" role="region" tabIndex={0} aria-label={s.table.title}>
      <table className="cs-table" data-testid="scatter-table">
        <thead>
          <tr>
            {header('name', s.table.school)}
            {header('score', s.table.score, 'num')}
            {header('value', valueTitle, 'num')}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.school.id}>
              <th scope="row">
                <Link to={`/school/${row.school.id}?wave=${waveId}`}>{row.school.name}</Link>
                <span className="muted cs-municipality">{row.school.municipality.name}</span>
                {/* On a phone the level goes under the name, leaving the figures' columns narrow; one of the two is shown. */}
                <span className="muted cs-level cs-level-phone">{s.levels[row.level]}</span>
              </th>
              <td className="num">
                <span className={`cs-dot cs-${row.level}`} aria-hidden="true" />
                {row.score === null ? s.table.none : points(row.score)}
                <span className="muted cs-level cs-level-wide">{s.levels[row.level]}</span>
              </td>
              <td className="num">{row.value === null ? s.table.none : number(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
