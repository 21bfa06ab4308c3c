import { percent } from '../../shared/format';
import type { ConfirmedChange, MissReason } from './api';
import { programmesStrings as s } from './strings';

const t = s.change;
const SURVEY_REASONS: MissReason[] = ['not_compared', 'no_positive_change'];

type Share = ConfirmedChange['confirmed'];

/** A share against the target: its percent, a bar with the target marked, and how many schools it still lacks. */
function ShareBar({ label, share, target, testId }: { label: string; share: Share; target: number; testId: string }) {
  const needed = Math.max(0, Math.ceil(target * share.total - 1e-9) - share.count);
  return (
    <div className={`stat pm-share ${needed === 0 ? 'pm-stat-ok' : 'pm-stat-warn'}`} data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{share.share === null ? '—' : percent(share.share)}</div>
      <div className="pm-meter pm-meter-tall" aria-hidden="true">
        <span style={{ width: `${(share.share ?? 0) * 100}%` }} />
        <i style={{ left: `${target * 100}%` }} />
      </div>
      <div className="pm-detail">
        {t.of(share.count, share.total)} · {t.target(percent(target))}
      </div>
      <div className={`pm-detail ${needed === 0 ? 'ok' : 'pm-warn'}`}>{needed === 0 ? t.reached : t.short(needed)}</div>
    </div>
  );
}

/** The schools that miss a share, each with why. */
function MissingList({ title, schools, testId }: { title: string; schools: Array<{ id: number; name: string; why: string }>; testId: string }) {
  return (
    <div className="pm-missing" data-testid={testId}>
      <h3>{title}</h3>
      {schools.length === 0 ? (
        <p className="muted">{t.noneMissing}</p>
      ) : (
        <ul className="pm-list">
          {schools.map((school) => (
            <li key={school.id}>
              <span className="pm-missing-school">{school.name}</span> <span className="muted">— {school.why}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** docs/methodology.md §11: the survey-only and the confirmed share side by side, and the schools that miss each. */
export function ConfirmedChangeCard({ change }: { change: ConfirmedChange }) {
  const bySchool = new Map(change.schools.map((school) => [school.schoolId, school]));
  const missing = (ids: number[], reasons: (all: MissReason[]) => MissReason[]) =>
    ids.map((id) => {
      const school = bySchool.get(id)!;
      return {
        id,
        name: school.name,
        why: reasons(school.reasons)
          .map((r) => t.reasons[r])
          .join('; '),
      };
    });
  return (
    <>
      <p className="muted pm-caption">{t.caption(change.earlier.title, change.later.title)}</p>
      <div className="pm-shares">
        <ShareBar label={t.surveyOnly} share={change.surveyOnly} target={change.target} testId="survey-only-share" />
        <ShareBar label={t.confirmed} share={change.confirmed} target={change.target} testId="confirmed-share" />
      </div>
      <div className="pm-shares">
        <MissingList
          title={t.missingSurvey(change.surveyOnly.missing.length)}
          schools={missing(change.surveyOnly.missing, (all) => all.filter((r) => SURVEY_REASONS.includes(r)))}
          testId="missing-survey"
        />
        <MissingList
          title={t.missingConfirmed(change.confirmed.missing.length)}
          schools={missing(change.confirmed.missing, (all) => all)}
          testId="missing-confirmed"
        />
      </div>
    </>
  );
}
