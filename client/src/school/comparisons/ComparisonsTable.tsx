import { number, points } from '../../shared/format';
import type { SchoolComparisons } from '../api/comparisons';
import { LevelBadge } from '../profile/LevelBadge';
import { comparisonStrings as t } from './strings';

type Factor = SchoolComparisons['factors'][number];
type Distribution = Factor['region'];

function ruleText({ similar }: SchoolComparisons): string {
  const { rule, contextYear, schools } = similar;
  if (rule.kind === 'none' || contextYear === null) return t.rule.none;
  if (rule.kind === 'social-index') {
    const bound = (x: number | null) => (x === null ? null : number(x));
    return t.rule.socialIndex(rule.band, rule.bands, bound(rule.from), bound(rule.to), contextYear, schools);
  }
  return t.rule.sizeSettlement(rule.settlement, rule.size, contextYear, schools);
}

function position(score: number, d: Distribution): keyof typeof t.position {
  return score > d.q3! ? 'above' : score < d.q1! ? 'below' : 'middle';
}

/** Where the school stands on a 0–100 track: the middle half of the group as a band, its median as a tick. */
function Track({ score, d }: { score: number | null; d: Distribution }) {
  if (d.q1 === null || d.median === null || d.q3 === null) return null;
  const at = (x: number) => `${Math.min(100, Math.max(0, x * 100))}%`;
  return (
    <span className="sc-track" aria-hidden="true">
      <span className="sc-track-band" style={{ left: at(d.q1), width: `calc(${at(d.q3)} - ${at(d.q1)})` }} />
      <span className="sc-track-median" style={{ left: at(d.median) }} />
      {score !== null && <span className="sc-track-school" style={{ left: at(score) }} />}
    </span>
  );
}

function GroupCell({ score, d, label }: { score: number | null; d: Distribution | null; label: string }) {
  if (d === null)
    return (
      <td data-label={label} className="muted">
        —
      </td>
    );
  if (d.q1 === null || d.median === null || d.q3 === null) {
    return (
      <td data-label={label} className="muted">
        {t.tooFew(d.schools)}
      </td>
    );
  }
  return (
    <td data-label={label}>
      <Track score={score} d={d} />
      <span className="sc-group-figures">
        {t.median(points(d.median))} · {t.middleHalf(points(d.q1), points(d.q3))} · {t.basedOn(d.schools)}
      </span>
      {score !== null && <span className={`sc-position sc-position-${position(score, d)}`}>{t.position[position(score, d)]}</span>}
    </td>
  );
}

/** The comparison as a table: what the page shows and the report prints. */
export function ComparisonsTable({ data }: { data: SchoolComparisons }) {
  return (
    <>
      <p className="sc-small">
        {t.regionSchools(data.regionSchools)} {ruleText(data)}
      </p>
      <table className="sc-stack-table sc-comparisons-table">
        <thead>
          <tr>
            <th>{t.factor}</th>
            <th className="num">{t.school}</th>
            <th>{t.region}</th>
            <th>{t.similar}</th>
          </tr>
        </thead>
        <tbody>
          {data.factors.map((f) => (
            <tr key={f.id}>
              <td data-label={t.factor}>
                <span className="sc-factor-id">{f.id}.</span> {f.title}
              </td>
              <td className="num" data-label={t.school}>
                {f.score === null ? t.noScore : points(f.score)} <LevelBadge level={f.level} />
              </td>
              <GroupCell score={f.score} d={f.region} label={t.region} />
              <GroupCell score={f.score} d={f.similar} label={t.similar} />
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="sc-legend sc-track-legend" aria-hidden="true">
        <li>
          <span className="sc-track-school sc-legend-mark" />
          {t.legend.school}
        </li>
        <li>
          <span className="sc-track-band sc-legend-mark" />
          {t.legend.band}
        </li>
        <li>
          <span className="sc-track-median sc-legend-mark" />
          {t.legend.median}
        </li>
      </ul>
    </>
  );
}
