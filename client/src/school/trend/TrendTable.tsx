import { day, lastDayOf, points } from '../../shared/format';
import type { SchoolTrend, TrendPoint } from '../api/trend';
import { LevelBadge } from '../profile/LevelBadge';
import { schoolStrings as s } from '../strings';
import { trendStrings as t } from './strings';

/** What a wave shows of a factor, in words: for the chart's description to a screen reader. */
export function pointText(p: TrendPoint): string {
  if (p.shown === 'withheld') return t.notReleased;
  if (!p.level) return t.absent;
  return p.score === null ? s.levels[p.level] : `${points(p.score)}, ${s.levels[p.level]}`;
}

function Cell({ point, previous, releasesAt, timeZone }: { point: TrendPoint; previous?: TrendPoint; releasesAt: string | null; timeZone: string }) {
  if (point.shown === 'absent') {
    return (
      <td className="muted" title={t.absentHint}>
        —
      </td>
    );
  }
  const otherMeasure = previous !== undefined && previous.shown !== 'absent' && !point.alikeWithPrevious;
  return (
    <td className="tr-cell">
      {otherMeasure && (
        <span className="tr-other-measure" title={t.otherMeasureHint} aria-label={t.otherMeasureHint}>
          {t.otherMeasure}{' '}
        </span>
      )}
      {point.level ? (
        <>
          <LevelBadge level={point.level} />
          {point.score !== null && <span className="num tr-score"> {points(point.score)}</span>}
        </>
      ) : (
        <span className="muted">{releasesAt ? t.withheld(day(lastDayOf(releasesAt), timeZone)) : t.notReleased}</span>
      )}
    </td>
  );
}

/** Factors × waves: each wave's level and points, the way its profile showed them. */
export function TrendTable({ trend }: { trend: SchoolTrend }) {
  return (
    <div className="tr-table-scroll" tabIndex={0} role="region" aria-label={t.title}>
      <table className="tr-table" data-testid="trend-table">
        <thead>
          <tr>
            <th scope="col">{t.factor}</th>
            {trend.waves.map((w, i) => (
              <th key={w.wave.id} scope="col">
                {w.wave.title}
                {(i === 0 || trend.waves[i - 1]!.model.id !== w.model.id) && <span className="tr-model">{w.model.title}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trend.factors.map((f) => (
            <tr key={f.id}>
              <th scope="row">
                <span className="sc-factor-id">{f.id}.</span> {f.title}
              </th>
              {f.points.map((p, i) => (
                <Cell
                  key={trend.waves[i]!.wave.id}
                  point={p}
                  previous={f.points[i - 1]}
                  releasesAt={trend.waves[i]!.releasesAt}
                  timeZone={trend.waves[i]!.wave.timeZone}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
