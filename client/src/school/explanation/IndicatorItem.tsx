import { number, percent, points } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import type { Explanation, IndicatorExplanation } from '../api/explanation';
import { schoolStrings as s } from '../strings';
import { AnswerDistribution } from './AnswerDistribution';
import { PrincipalAnswerText } from './PrincipalAnswerText';

const t = s.explanation;

/**
 * The indicator's value in its own unit: a share or ratio as a percentage, a mean as a number, a rate as
 * responses of expected; a choice has only its risk.
 */
function valueText(i: IndicatorExplanation, explanation: Explanation): string | null {
  if (i.value === null) return null;
  switch (i.kind) {
    case 'share':
      return t.shareValue(percent(i.value));
    case 'ratio':
      return percent(i.value);
    case 'rate': {
      const r = explanation.roles[i.role];
      return t.rateValue(r.responses, r.expected, percent(i.value));
    }
    case 'mean':
      return number(i.value);
    case 'choice':
      return null;
  }
}

/** How the value is made and where its risk is 0 and 100, in one sentence. */
function methodText(i: IndicatorExplanation): string {
  const unit = (x: number) => (i.kind === 'mean' ? number(x) : percent(x));
  const scale = i.best !== null && i.worst !== null ? ` ${t.scale(unit(i.best), unit(i.worst))}` : '';
  switch (i.kind) {
    case 'share':
      return t.methodShare(i.counted.map((c) => `«${c.text}»`).join(t.or)) + scale;
    case 'mean':
      return (i.role === 'principal' ? t.methodPrincipalNumber : t.methodMean) + scale;
    case 'ratio':
      return t.methodRatio(i.questions[0]?.title ?? '', i.questions[1]?.title ?? '') + scale;
    case 'choice':
      return t.methodChoice(i.choiceRisks.map((c) => `${c.text} — ${points(c.risk)}`).join('; '));
    case 'rate':
      return t.methodRate(sharedStrings.rolesGenitive[i.role]) + scale;
  }
}

function missingText(i: IndicatorExplanation, explanation: Explanation): string {
  if (i.missing === 'no-answers') return t.missing['no-answers'];
  if (i.missing === 'too-few-answers') return t.missing['too-few-answers'](explanation.minN);
  if (i.missing === 'no-roster') return t.missing['no-roster'](sharedStrings.rolesGenitive[i.role]);
  const roles = explanation.roles;
  const r = roles[i.role];
  return t.missing['role-not-reportable'](sharedStrings.rolesGenitive[i.role], r.responses, r.expected, percent(r.minRate));
}

interface Props {
  indicator: IndicatorExplanation;
  explanation: Explanation;
}

export function IndicatorItem({ indicator: i, explanation }: Props) {
  // At a low level the biggest contributions are worth pointing at, not alarming about.
  const alarming = explanation.factor.level === 'medium' || explanation.factor.level === 'high';
  const value = valueText(i, explanation);
  const principal =
    i.role === 'principal' && explanation.principal.responses > 0
      ? i.questions.flatMap((x) => explanation.principal.questions.filter((q) => q.name === x.name))
      : [];
  return (
    <li className={`sc-indicator${i.key ? (alarming ? ' sc-key' : ' sc-key-mild') : ''}${i.missing ? ' sc-missing' : ''}`} data-testid={`indicator-${i.id}`}>
      <div className="sc-indicator-head">
        <span className="sc-indicator-title">{i.kind === 'rate' ? t.rateTitle(sharedStrings.rolesGenitive[i.role]) : (i.questions[0]?.title ?? i.id)}</span>
        {i.key && <span className={`badge ${alarming ? 'sc-key-badge' : 'sc-key-badge-mild'}`}>{alarming ? t.keyBadge : t.keyBadgeMild}</span>}
      </div>
      <div className="sc-indicator-meta muted sc-small">
        {sharedStrings.roles[i.role]} · {t.weight.toLowerCase()} {number(i.weight)} · {t.answered(i.n, explanation.minN)}
      </div>
      {i.missing ? (
        <p className="sc-missing-reason">{missingText(i, explanation)}</p>
      ) : (
        <dl className="sc-indicator-figures">
          {value !== null && (
            <div>
              <dt>{t.value}</dt>
              <dd>{value}</dd>
            </div>
          )}
          <div>
            <dt>{t.risk}</dt>
            <dd>
              <span className="sc-risk-meter" aria-hidden="true">
                <span
                  style={{ width: `${(i.risk ?? 0) * 100}%` }}
                  className={(i.risk ?? 0) >= 0.67 ? 'sc-high' : (i.risk ?? 0) >= 0.34 ? 'sc-medium' : 'sc-low'}
                />
              </span>
              {s.profile.scoreOf(points(i.risk ?? 0))}
            </dd>
          </div>
          {i.contribution !== null && (
            <div>
              <dt>{t.contribution}</dt>
              <dd>{t.points(points(i.contribution))}</dd>
            </div>
          )}
        </dl>
      )}
      <p className="sc-method muted sc-small">{methodText(i)}</p>
      {principal.length > 0 && (
        <ul className="sc-principal-inline">
          {principal.map((q) => (
            <li key={q.name}>
              <span className="muted">{principal.length === 1 ? t.principalAnswer : `«${q.title}»:`}</span> <PrincipalAnswerText answers={q.answers} />
            </li>
          ))}
        </ul>
      )}
      {i.role !== 'principal' &&
        (i.distribution.shown && i.n !== null ? (
          <AnswerDistribution distribution={i.distribution} n={i.n} />
        ) : (
          !i.distribution.shown &&
          i.distribution.reason === 'few-answers' &&
          i.missing !== 'no-answers' &&
          i.n !== 0 && <p className="sc-suppressed sc-small">{t.suppressed(i.n, explanation.minN)}</p>
        ))}
    </li>
  );
}
