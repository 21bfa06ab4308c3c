import { day, lastDayOf, number, percent, ratePercent } from '../../shared/format';
import { ROLES, type ParticipationReport, type SchoolRow } from './api';
import { coordinatorStrings } from '../strings';

const s = coordinatorStrings.participation.headline;

function Stat({ label, value, detail, tone }: { label: string; value: string; detail: string; tone?: 'ok' | 'warn' }) {
  return (
    <div className={`stat pt-stat${tone ? ` pt-stat-${tone}` : ''}`}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      <div className="muted pt-stat-detail">{detail}</div>
    </div>
  );
}

/** The headline figures of the schools the table shows, so the cards follow its filters. */
function figuresOf(schools: SchoolRow[]) {
  const sum = (of: (school: SchoolRow) => number) => schools.reduce((total, school) => total + of(school), 0);
  const schoolsAtTarget = schools.filter((school) => school.meetsTarget).length;
  return {
    schools: schools.length,
    schoolsAtTarget,
    shareAtTarget: schools.length === 0 ? null : schoolsAtTarget / schools.length,
    expected: sum((school) => ROLES.reduce((n, role) => n + school.roles[role].expected, 0)),
    responses: sum((school) => ROLES.reduce((n, role) => n + school.roles[role].responses, 0)),
    needed: sum((school) => school.needed),
  };
}

/** The four numbers a coordinator opens the page for: of the whole territory, or of the schools the filters leave. */
export function Headline({ report, shown }: { report: ParticipationReport; shown?: SchoolRow[] }) {
  const { wave } = report;
  const t = shown ? figuresOf(shown) : report.territory;
  const daysValue = wave.status === 'closed' ? '—' : s.daysValue(wave.daysLeft);
  const daysDetail =
    wave.status === 'planned'
      ? s.opensOn(day(wave.opensAt, wave.timeZone))
      : wave.status === 'closed'
        ? s.closedOn(day(lastDayOf(wave.closesAt), wave.timeZone))
        : s.closesOn(day(lastDayOf(wave.closesAt), wave.timeZone));
  return (
    <>
      <div className="grid pt-headline" data-testid="headline">
        <Stat
          label={s.atTarget}
          value={ratePercent(t.shareAtTarget ?? 0)}
          detail={s.atTargetOf(t.schoolsAtTarget, t.schools, percent(wave.target))}
          tone={t.schools > 0 && t.schoolsAtTarget === t.schools ? 'ok' : undefined}
        />
        <Stat label={s.responses} value={number(t.responses)} detail={s.responsesOf(number(t.expected))} />
        <Stat label={s.needed} value={number(t.needed)} detail={t.needed === 0 ? s.neededNone : s.neededHint} tone={t.needed === 0 ? 'ok' : 'warn'} />
        <Stat label={s.days} value={daysValue} detail={daysDetail} />
      </div>
      {wave.status === 'planned' && <p className="pt-note">{s.plannedNote}</p>}
      {wave.status === 'closed' && <p className="pt-note">{s.closedNote}</p>}
    </>
  );
}
