import { ErrorMessage } from '../../shared/ErrorMessage';
import { number, percent } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { getQuality, type Quality } from './api';
import { methodologyStrings } from './strings';

const s = methodologyStrings.quality;
const decimal = (x: number | null) => (x === null ? s.none : x.toFixed(2).replace('.', ','));
const share = (x: number | null) => (x === null ? s.none : percent(x));

export function QualityPanel({ waveId }: { waveId: number }) {
  const loaded = useLoad(() => getQuality(waveId), `quality-${waveId}`);
  if (loaded.error !== null) return <ErrorMessage error={loaded.error} messages={methodologyStrings.errors} onRetry={loaded.reload} />;
  if (!loaded.data) return <p className="muted">{methodologyStrings.loading}</p>;
  const { items, scales, rules } = loaded.data;
  return (
    <>
      <p className="muted lead">{s.intro}</p>
      <h2>{s.itemsTitle}</h2>
      <div className="table-wrap" role="region" tabIndex={0} aria-label={s.itemsTitle}>
        <table className="quality-table">
          <thead>
            <tr>
              <th>{s.columns.indicator}</th>
              <th>{s.columns.question}</th>
              <th className="num">{s.columns.responses}</th>
              <th className="num">{s.columns.dontKnow}</th>
              <th className="num">{s.columns.empty}</th>
              <th className="num">{s.columns.extremes}</th>
              <th className="num">{s.columns.icc}</th>
              <th>{s.columns.flags}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.indicatorId} data-indicator={item.indicatorId}>
                <td>
                  <strong>{item.indicatorId}</strong> <span className="muted">{sharedStrings.rolesShort[item.role]}</span>
                </td>
                <td>
                  <code>{item.questions.join(' / ')}</code>
                </td>
                <td className="num">{item.responses}</td>
                <td className="num">{share(item.dontKnow)}</td>
                <td className="num">{share(item.empty)}</td>
                <td className="num">{extremesText(item, rules)}</td>
                <td className="num">{iccText(item, rules)}</td>
                <td>
                  {item.flags.map((flag) => (
                    <span key={flag} className="badge level-high flag">
                      {s.flags[flag] ?? flag}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{s.scalesTitle}</h2>
      <p className="muted">{s.scalesIntro(decimal(rules.alpha), decimal(rules.itemRest), decimal(rules.itemRestStrong))}</p>
      <div className="table-wrap" role="region" tabIndex={0} aria-label={s.scalesTitle}>
        <table className="scales-table">
          <thead>
            <tr>
              <th>{s.scaleColumns.factor}</th>
              <th>{s.scaleColumns.role}</th>
              <th className="num">{s.scaleColumns.data}</th>
              <th className="num">{s.scaleColumns.alpha}</th>
              <th>{s.scaleColumns.items}</th>
            </tr>
          </thead>
          <tbody>
            {scales.map((scale) => (
              <tr key={`${scale.factorId}-${scale.role}`} data-scale={scale.factorId}>
                <td>
                  {scale.factorId}. {scale.factorTitle}
                </td>
                <td>{sharedStrings.rolesShort[scale.role]}</td>
                <td className="num">
                  {scale.respondents} / {scale.schools}
                </td>
                <td className="num">
                  {scale.status === 'ok' ? (
                    <>
                      {decimal(scale.alpha)}
                      {scale.flags.includes('low-alpha') && <span className="badge level-high flag">{s.lowAlpha}</span>}
                    </>
                  ) : (
                    <span className="muted">{s.scaleNeed(rules.scaleRespondents, rules.scaleSchools, scale.respondents, scale.schools)}</span>
                  )}
                </td>
                <td>
                  <ul className="item-rest">
                    {scale.items.map((i) => (
                      <li key={i.indicatorId}>
                        {i.indicatorId}
                        {i.reversed && <span className="muted"> ({s.reversed})</span>}: {decimal(i.itemRest)}
                        {i.flag && <span className="badge level-high flag">{s.itemFlags[i.flag]}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Item = Quality['items'][number];

function extremesText(item: Item, rules: Quality['rules']) {
  const { extremes } = item;
  if (extremes.status === 'ok') return `${share(extremes.floor)} / ${share(extremes.ceiling)}`;
  if (extremes.status === 'too-few-schools') return <span className="muted">{s.extremesNeed(rules.extremesSchools, extremes.schools)}</span>;
  return <span className="muted">{s.notApplicable}</span>;
}

function iccText(item: Item, rules: Quality['rules']) {
  const { icc } = item;
  if (icc.status === 'ok')
    return (
      <>
        {decimal(icc.icc1)} · {decimal(icc.icc2)}
        <div className="muted">{s.atK(number(icc.k ?? 0))}</div>
      </>
    );
  if (icc.status === 'too-few-schools') return <span className="muted">{s.iccNeed(rules.iccSchools, rules.iccMinAnswers, icc.schools)}</span>;
  if (icc.status === 'one-answer-per-school') return <span className="muted">{s.oneAnswer}</span>;
  return <span className="muted">{s.notApplicable}</span>;
}
