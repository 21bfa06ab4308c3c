import { percent, ratePercent } from '../../shared/format';
import { ROLES } from '../../shared/roles';
import { sharedStrings } from '../../shared/strings';
import type { SchoolProfile } from '../api/profile';
import { needed } from '../needed';
import { schoolStrings as s } from '../strings';

/**
 * Who answered against the wave's target, role by role, and how many are still missing. The profile's `expected` is
 * already the expected count less refusals (docs/methodology.md §3); the refusals are shown beside it.
 */
export function ParticipationSummary({ profile }: { profile: SchoolProfile }) {
  const target = profile.wave.target;
  const refusals = ROLES.some((role) => profile.refused[role] > 0);
  const missing = ROLES.reduce((sum, role) => sum + needed(target, profile.roles[role].expected, profile.roles[role].responses), 0);
  return (
    <section className="card" aria-labelledby="participation-title">
      <h2 id="participation-title">{s.participation.title}</h2>
      <p className="muted">
        {s.participation.intro(percent(target))} {missing === 0 ? s.participation.schoolAtTarget : s.participation.schoolShort(missing)}
        {refusals && ` ${s.participation.refusalsNote}`}
      </p>
      <div className="sc-role-grid">
        {ROLES.map((role) => {
          const r = profile.roles[role];
          const short = needed(target, r.expected, r.responses);
          const rate = r.rate ?? 0;
          return (
            <div key={role} className="sc-role-stat" data-testid={`participation-${role}`}>
              <div className="sc-role-name">{sharedStrings.roles[role]}</div>
              {r.expected === 0 ? (
                <div className="muted">{s.participation.nobodyExpected}</div>
              ) : (
                <>
                  <div className="sc-role-figures">
                    <span className="value">{s.participation.of(r.responses, r.expected)}</span>
                    <span className="muted"> · {ratePercent(r.rate)}</span>
                  </div>
                  <div className="sc-meter" role="presentation">
                    <div className={`sc-meter-fill ${short === 0 ? 'sc-done' : ''}`} style={{ width: `${Math.min(100, rate * 100)}%` }} />
                    <div className="sc-meter-target" style={{ left: `${target * 100}%` }} />
                  </div>
                  <div className={short === 0 ? 'ok' : 'sc-warn'}>{short === 0 ? s.participation.atTarget : s.participation.missing(short)}</div>
                  {profile.refused[role] > 0 && (
                    <div className="muted sc-small" data-testid={`refused-${role}`}>
                      {s.participation.refused(profile.refused[role])}
                    </div>
                  )}
                  {rate > 1 && <div className="sc-warn sc-small">{s.participation.overExpected}</div>}
                  {!r.reportable && <div className="muted sc-small">{s.participation.notReportable}</div>}
                </>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
