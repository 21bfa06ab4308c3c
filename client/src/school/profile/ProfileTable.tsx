import { percent, points } from '../../shared/format';
import type { FactorResult } from '../api/profile';
import { schoolStrings as s } from '../strings';
import { LevelBadge } from './LevelBadge';
import { BorderlineMark, IntervalText } from './Uncertainty';

interface Props {
  factors: FactorResult[];
  priorities: string[];
  selected?: string | null;
  /** Absent in the printed report, where there is nothing to click. */
  onSelect?(factorId: string): void;
}

/** The profile as numbers, for people who prefer a table to a chart, and for print. */
export function ProfileTable({ factors, priorities, selected, onSelect }: Props) {
  return (
    <table className="sc-stack-table sc-profile-table">
      <thead>
        <tr>
          <th>{s.profile.factor}</th>
          <th className="num">{s.profile.score}</th>
          <th>{s.profile.level}</th>
          <th className="num">{s.profile.coverage}</th>
          {onSelect && (
            <th className="no-print">
              <span className="sc-visually-hidden">{s.profile.why}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {factors.map((f) => (
          <tr key={f.id} className={f.id === selected ? 'sc-selected' : undefined}>
            <td data-label={s.profile.factor}>
              <span className="sc-factor-id">{f.id}.</span> {f.title}
              {priorities.includes(f.id) && (
                <span className="sc-priority-mark" title={s.profile.priority}>
                  {' '}
                  ★ {s.profile.priority}
                </span>
              )}
            </td>
            <td className="num" data-label={s.profile.score}>
              {f.score === null ? s.profile.noScore : s.profile.scoreOf(points(f.score))}
              <IntervalText interval={f.interval} />
            </td>
            <td data-label={s.profile.level}>
              <LevelBadge level={f.level} />
              <BorderlineMark borderline={f.borderline} />
            </td>
            <td className="num" data-label={s.profile.coverage}>
              {percent(f.coverage)}
            </td>
            {onSelect && (
              <td className="no-print">
                <button type="button" className="link" onClick={() => onSelect(f.id)} aria-label={`${s.profile.why} ${f.id}. ${f.title}`}>
                  {s.profile.why}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
