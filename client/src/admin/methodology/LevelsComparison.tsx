import { number, percent } from '../../shared/format';
import type { FactorLevels } from './api';
import { methodologyStrings } from './strings';

const s = methodologyStrings.calibration;
const LEVELS = ['low', 'medium', 'high', 'insufficient'] as const;

const share = (count: number | undefined, total: number) => (count === undefined ? '—' : total > 0 ? percent(count / total) : '—');

/**
 * Per factor, the wave's schools at each level under the pinned model and under a draft, side by side; with
 * `showChanged`, the schools whose level the draft changes.
 */
export function LevelsComparison({ factors, schools, showChanged = false }: { factors: FactorLevels[]; schools: number; showChanged?: boolean }) {
  return (
    <div className="table-wrap levels-table" role="region" tabIndex={0} aria-label={s.levelsTitle}>
      <table>
        <thead>
          <tr>
            <th>{s.factor}</th>
            {LEVELS.map((level) => (
              <th key={level} className="num">
                <span className={`badge level-${level}`}>{s.levels[level]}</span>
                <br />
                {s.now} → {s.proposed}
              </th>
            ))}
            {showChanged && <th>{methodologyStrings.derive.changedColumn}</th>}
          </tr>
        </thead>
        <tbody>
          {factors.map((f) => (
            <tr key={f.id} data-factor={f.id}>
              <td>
                {f.id}. {f.title}
              </td>
              {LEVELS.map((level) => (
                <td key={level} className={`num${f.current?.[level] !== f.proposed?.[level] ? ' changed' : ''}`}>
                  {share(f.current?.[level], schools)} → {share(f.proposed?.[level], schools)}
                </td>
              ))}
              {showChanged && (
                <td className="changed-schools">
                  <ChangedSchools factor={f} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChangedSchools({ factor }: { factor: FactorLevels }) {
  const d = methodologyStrings.derive;
  if (factor.current === null || factor.proposed === null) return <span className="muted">{d.onlyOneModel}</span>;
  if (factor.changed.length === 0) return <span className="muted">{d.noChange}</span>;
  return (
    <details>
      <summary>{d.changedSchools(factor.changed.length)}</summary>
      <ul>
        {factor.changed.map((c) => (
          <li key={c.school.id}>
            {c.school.code} {c.school.name}: {s.levels[c.from]} → {s.levels[c.to]}
            {c.scoreFrom !== null || c.scoreTo !== null ? (
              <span className="muted">
                {' '}
                ({score(c.scoreFrom)} → {score(c.scoreTo)})
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

const score = (x: number | null) => (x === null ? '—' : number(Math.round(x * 100) / 100));
