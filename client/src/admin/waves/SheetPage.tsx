import { LocalhostBanner } from './LocalhostBanner';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { date, day, lastDayOf } from '../../shared/format';
import { sharedStrings } from '../../shared/strings';
import { useLoad } from '../../shared/useLoad';
import { SURVEY_MINUTES } from '../../../../server/shared/rules/survey-minutes';
import { CopyButton } from '../copy/CopyButton';
import { getSheet } from './api';
import { wavesStrings as s } from './strings';

const roleTitles = sharedStrings.roles;

/** One A4 page per school: a QR code and a short address per group of respondents, for the wall and the chats. */
export function SheetPage() {
  const params = useParams();
  const waveId = Number(params.waveId);
  const schoolId = Number(params.schoolId);
  const sheet = useLoad(() => getSheet(waveId, schoolId), `sheet-${waveId}-${schoolId}`);

  if (sheet.error) return <ErrorMessage error={sheet.error} />;
  if (!sheet.data) return <p className="muted">…</p>;
  const { school, wave, roles } = sheet.data;
  const parents = roles.find((r) => r.role === 'parent');
  const hasCodes = roles.some((r) => r.mode === 'codes');

  return (
    <div className="print-page">
      <LocalhostBanner />
      <div className="toolbar no-print">
        <Link to={`/admin/waves/${waveId}`}>{s.sheet.back}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {s.sheet.print}
        </button>
        {hasCodes && <Link to={`/admin/waves/${waveId}/schools/${schoolId}/codes`}>{s.sheet.slips}</Link>}
        <span className="muted">{s.sheet.printHint}</span>
      </div>

      <article className="a4 sheet" aria-label={school.name}>
        <header className="sheet-head">
          <p className="sheet-kicker">{s.sheet.heading}</p>
          <h1>{school.name}</h1>
          <p>
            {school.municipality} · {wave.title} · {s.dateRange(date(wave.opensAt, wave.timeZone), date(lastDayOf(wave.closesAt), wave.timeZone))}
          </p>
        </header>
        {roles.map((role) => (
          <section key={role.role} className="sheet-role" data-role={role.role}>
            {role.qr && role.url ? (
              <img className="qr" src={role.qr} alt={role.url} width={180} height={180} />
            ) : (
              <div className="qr qr-none" aria-hidden="true" />
            )}
            <div className="sheet-text">
              <h2>{roleTitles[role.role]}</h2>
              {role.url ? (
                <>
                  <p className="sheet-url">{role.url}</p>
                  <p>{s.sheet.how}</p>
                  <p>
                    {role.role === 'principal' ? s.sheet.principalNote : s.sheet.anonymous} {s.sheet.duration(SURVEY_MINUTES[role.role])}
                  </p>
                </>
              ) : (
                <p>{s.sheet.codesNote(role.codes.issued - role.codes.used)}</p>
              )}
            </div>
          </section>
        ))}
      </article>

      <section className="card chat no-print">
        <h2>{s.sheet.chatTitle}</h2>
        {parents?.url ? (
          <>
            <textarea
              aria-label={s.sheet.chatTitle}
              readOnly
              rows={6}
              value={s.sheet.chatText(school.name, parents.url, day(lastDayOf(wave.closesAt), wave.timeZone), SURVEY_MINUTES.parent)}
            />
            <CopyButton
              text={s.sheet.chatText(school.name, parents.url, day(lastDayOf(wave.closesAt), wave.timeZone), SURVEY_MINUTES.parent)}
              label={s.sheet.chatCopy}
            />
          </>
        ) : (
          <p className="muted">{s.sheet.chatNoLink}</p>
        )}
      </section>
    </div>
  );
}
