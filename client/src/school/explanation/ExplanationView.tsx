import { percent, points } from '../../shared/format';
import type { Explanation } from '../api/explanation';
import { LevelBadge } from '../profile/LevelBadge';
import { schoolStrings as s } from '../strings';
import { IndicatorItem } from './IndicatorItem';

const t = s.explanation;

/** The sentence a person reads first: the level, and which indicators make it. */
function Summary({ e }: { e: Explanation }) {
  const { factor } = e;
  if (factor.score === null) return <p className="sc-summary">{t.insufficient(percent(factor.coverage))}</p>;
  const keys = e.indicators.filter((i) => i.key).sort((a, b) => (b.contribution ?? 0) - (a.contribution ?? 0));
  const missing = e.indicators.filter((i) => i.missing).length;
  return (
    <div className="sc-summary">
      <p>
        <strong>{t.sentence(s.levels[factor.level], points(factor.score))}</strong>{' '}
        <span className="muted">{t.thresholds(points(factor.levels.medium), points(factor.levels.high))}</span>
      </p>
      {keys.length === 0 ? (
        <p>{t.allLow}</p>
      ) : (
        <>
          <p>{t.because}</p>
          <ul className="sc-key-list">
            {keys.map((i) => (
              <li key={i.id}>
                «{i.questions[0]?.title ?? i.id}» — {t.keyLine(points(i.risk ?? 0), points(i.contribution ?? 0), points(factor.score!))}
              </li>
            ))}
          </ul>
        </>
      )}
      {missing > 0 && <p className="muted sc-small">{t.someMissing(missing)}</p>}
    </div>
  );
}

/** Everything behind one factor: the summary, each indicator, and the principal's own answers. */
export function ExplanationView({ explanation: e, priority }: { explanation: Explanation; priority: boolean }) {
  // The indicators that make most of the score come first; those without data last.
  const indicators = [...e.indicators].sort((a, b) => (b.contribution ?? -1) - (a.contribution ?? -1));
  return (
    <article className="sc-explanation" data-testid="explanation">
      <header className="sc-explanation-head">
        <h3>
          <span className="sc-factor-id">{e.factor.id}.</span> {e.factor.title}
        </h3>
        <div className="sc-explanation-badges">
          <LevelBadge level={e.factor.level} />
          {e.factor.score !== null && <span className="sc-score">{s.profile.scoreOf(points(e.factor.score))}</span>}
          {priority && <span className="sc-priority-mark">★ {s.profile.priority}</span>}
        </div>
      </header>
      {e.factor.description && <p className="muted">{e.factor.description}</p>}
      <Summary e={e} />
      <h4>{t.indicators}</h4>
      <p className="muted sc-small">{t.indicatorsHint}</p>
      <ol className="sc-indicator-list">
        {indicators.map((i) => (
          <IndicatorItem key={i.id} indicator={i} explanation={e} />
        ))}
      </ol>
      {e.principal.questions.length > 0 && (
        <p className="muted sc-small">
          {t.principalHint} {e.principal.responses > 1 && <span className="sc-warn">{t.principalMany(e.principal.responses)}</span>}
        </p>
      )}
    </article>
  );
}
