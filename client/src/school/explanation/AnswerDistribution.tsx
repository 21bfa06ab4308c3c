import { percent } from '../../shared/format';
import type { IndicatorExplanation } from '../api/explanation';
import { schoolStrings as s } from '../strings';

type Shown = Extract<IndicatorExplanation['distribution'], { shown: true }>;

const riskClass = (risk: number) => (risk >= 0.5 ? 'sc-risky' : risk > 0 ? 'sc-some-risk' : undefined);

/** How the respondents answered, as bars; the answers that raise the factor are marked in words too. */
export function AnswerDistribution({ distribution, n }: { distribution: Shown; n: number }) {
  const max = Math.max(1, ...distribution.rows.map((r) => r.count));
  return (
    <div className="sc-distribution">
      <div className="sc-distribution-title">
        {s.explanation.distribution} <span className="muted">({s.explanation.distributionOf(n)})</span>
      </div>
      <ul>
        {distribution.rows.map((row) => (
          <li key={String(row.value)} className={riskClass(row.risk)}>
            <span className="sc-answer">
              {row.text}
              {row.risk >= 0.5 && <span className="sc-visually-hidden"> — {s.explanation.riskyAnswer}</span>}
            </span>
            <span className="sc-bar" aria-hidden="true">
              <span style={{ width: `${(row.count / max) * 100}%` }} />
            </span>
            <span className="sc-count">
              {row.count} <span className="muted">· {percent(n > 0 ? row.count / n : 0)}</span>
            </span>
          </li>
        ))}
      </ul>
      {distribution.dontKnow > 0 && <div className="muted sc-small">{s.explanation.dontKnow(distribution.dontKnow)}</div>}
    </div>
  );
}
