import { useMemo, type ReactNode } from 'react';
import { number, ratePercent } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import { ROLES, type ParticipationReport } from './api';
import { BarChart } from './BarChart';
import { ChartCard } from './ChartCard';
import { rateColor, rateTone } from './colors';
import { coordinatorStrings } from '../strings';

const s = coordinatorStrings.participation;

/** Respondent-weighted rate of each role over the whole territory, against the target. */
export function RoleSummary({ report }: { report: ParticipationReport }) {
  const { territory, wave } = report;
  const bars = useMemo(
    () =>
      ROLES.map((role) => ({
        label: sharedStrings.rolesShort[role],
        value: territory.roles[role].rate ?? 0,
        color: rateColor(territory.roles[role].rate, wave.target),
      })),
    [territory, wave.target],
  );
  return (
    <ChartCard
      title={s.byRole.title}
      caption={s.byRole.caption}
      chart={<BarChart bars={bars} target={wave.target} label={s.byRole.rate} />}
      table={
        <table className="pt-table">
          <thead>
            <tr>
              <th>{s.byRole.role}</th>
              <th className="num">{s.byRole.expected}</th>
              <th className="num">{s.byRole.refused}</th>
              <th className="num">{s.byRole.responses}</th>
              <th className="num">{s.byRole.paper}</th>
              <th className="num">{s.byRole.rate}</th>
              <th className="num">{s.byRole.needed}</th>
            </tr>
          </thead>
          <tbody>
            {ROLES.map((role) => {
              const r = territory.roles[role];
              return (
                <tr key={role}>
                  <td>{sharedStrings.roles[role]}</td>
                  <td className="num">{number(r.expected)}</td>
                  <td className="num">{number(r.refused)}</td>
                  <td className="num">{number(r.responses)}</td>
                  <td className="num">{number(r.paper)}</td>
                  <td className="num">{ratePercent(r.rate)}</td>
                  <td className="num">{number(r.needed)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    />
  );
}

/** Each municipality's share of schools at target and its rate per role; a name narrows the school table to it. */
export function MunicipalitySummary({ report, onPick }: { report: ParticipationReport; onPick(id: number): void }) {
  const { municipalities, territory, wave } = report;
  const bars = useMemo(
    () => municipalities.map((m) => ({ label: m.name, value: m.shareAtTarget ?? 0, color: rateColor(m.shareAtTarget, 1) })),
    [municipalities],
  );
  const row = (area: typeof territory, name: ReactNode, key: string | number) => (
    <tr key={key}>
      <td>{name}</td>
      <td className="num">{number(area.schools)}</td>
      <td className="num">
        {number(area.schoolsAtTarget)} <span className="muted">({ratePercent(area.shareAtTarget)})</span>
      </td>
      {ROLES.map((role) => (
        <td key={role} className="num">
          <span className={`pt-rate pt-tone-${rateTone(area.roles[role].rate, wave.target)}`}>{ratePercent(area.roles[role].rate)}</span>
        </td>
      ))}
      <td className="num">{number(area.responses)}</td>
      <td className="num">{number(area.paper)}</td>
      <td className="num">{number(area.needed)}</td>
    </tr>
  );
  return (
    <ChartCard
      title={s.byMunicipality.title}
      caption={s.byMunicipality.caption}
      initial="table"
      chartHeight={Math.max(180, 36 * municipalities.length + 40)}
      chart={<BarChart bars={bars} horizontal label={s.byMunicipality.chartLabel} />}
      table={
        <table className="pt-table" data-testid="municipalities">
          <thead>
            <tr>
              <th>{s.byMunicipality.municipality}</th>
              <th className="num">{s.byMunicipality.schools}</th>
              <th className="num">{s.byMunicipality.atTarget}</th>
              {ROLES.map((role) => (
                <th key={role} className="num">
                  {sharedStrings.rolesShort[role]}
                </th>
              ))}
              <th className="num">{s.byMunicipality.responses}</th>
              <th className="num">{s.byMunicipality.paper}</th>
              <th className="num">{s.byMunicipality.needed}</th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) =>
              row(
                m,
                <button type="button" className="link" title={s.byMunicipality.show(m.name)} onClick={() => onPick(m.id)}>
                  {m.name}
                </button>,
                m.id,
              ),
            )}
          </tbody>
          {municipalities.length > 1 && <tfoot>{row(territory, <strong>{s.byMunicipality.total}</strong>, 'total')}</tfoot>}
        </table>
      }
    />
  );
}

/** The lowest rate among a school's roles with anyone expected: what decides whether it meets the target. */
export function worstRate(school: ParticipationReport['schools'][number]): number | null {
  const rates = ROLES.map((role) => school.roles[role].rate).filter((rate): rate is number => rate !== null);
  return rates.length > 0 ? Math.min(...rates) : null;
}

/** How many schools sit how far from the target, by their most lagging role. */
export function Distribution({ report }: { report: ParticipationReport }) {
  const { schools, wave } = report;
  const buckets = useMemo(() => {
    const edges = [0, 0.25, 0.5, 0.75].filter((edge) => edge < wave.target);
    const ranges = edges.map((from, i) => ({ from, to: edges[i + 1] ?? wave.target }));
    const counts = ranges.map(() => 0);
    let atTarget = 0;
    for (const school of schools) {
      const rate = worstRate(school);
      if (school.meetsTarget || rate === null) {
        atTarget++;
        continue;
      }
      const i = ranges.findIndex((r) => rate < r.to);
      counts[i === -1 ? ranges.length - 1 : i]++;
    }
    return [
      ...ranges.map((r, i) => ({
        label: s.distribution.below(ratePercent(r.from), ratePercent(r.to)),
        value: counts[i],
        color: rateColor(r.from, wave.target),
      })),
      { label: s.distribution.atTarget(ratePercent(wave.target)), value: atTarget, color: rateColor(1, wave.target) },
    ];
  }, [schools, wave.target]);
  return (
    <ChartCard
      title={s.distribution.title}
      caption={s.distribution.caption}
      chart={<BarChart bars={buckets} counts horizontal label={s.distribution.schools} />}
      table={
        <table className="pt-table">
          <thead>
            <tr>
              <th>{s.distribution.bucket}</th>
              <th className="num">{s.distribution.schools}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.label}>
                <td>{b.label}</td>
                <td className="num">{number(b.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
