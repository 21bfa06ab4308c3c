import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { date, lastDayOf } from '../../shared/format';
import { useUser } from '../../shared/session';
import { useLoad } from '../../shared/useLoad';
import { pickWaves } from '../../shared/waves';
import { fetchParentNotice } from '../api/notice';
import { fetchWaves } from '../api/waves';
import { schoolStrings } from '../strings';
import { noticeStrings as t } from './strings';
import '../school.css';

/**
 * The notice a school team prints for parents: what the survey is, that it is anonymous and voluntary, how to refuse,
 * and where to read the questions first (the public preview, by link and QR code). One A4 page.
 */
export function NoticePage() {
  const user = useUser();
  const params = useParams();
  const schoolId = params.schoolId ? Number(params.schoolId) : user.schoolId;
  const [search] = useSearchParams();
  const waves = useLoad(schoolId ? () => fetchWaves(schoolId) : null, `waves:${schoolId}`);
  const { wave } = pickWaves(waves.data, search.get('wave'));
  const notice = useLoad(wave && schoolId ? () => fetchParentNotice(wave.id, schoolId) : null, `${wave?.id}:${schoolId}`);
  const back = `${params.schoolId ? `/school/${schoolId}` : '/school'}?wave=${wave?.id ?? ''}`;

  if (!schoolId) return <p className="muted">{t.noSchool}</p>;
  const error = waves.error ?? notice.error;
  if (error) return <ErrorMessage error={error} messages={schoolStrings.errors} />;
  if (!notice.data) return <p className="muted">{t.loading}</p>;
  const n = notice.data;
  const zone = n.wave.timeZone;

  return (
    <article className="sc-notice" data-testid="parent-notice">
      <div className="toolbar no-print">
        <Link to={back}>{t.back}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t.printNow}
        </button>
        <span className="muted">{t.hint}</span>
      </div>
      <h1>{t.heading}</h1>
      <dl className="sc-report-facts">
        <div>
          <dt>{t.school}</dt>
          <dd>{n.school.name}</dd>
        </div>
        <div>
          <dt>{t.municipality}</dt>
          <dd>{n.school.municipality}</dd>
        </div>
        <div>
          <dt>{t.dates}</dt>
          <dd data-testid="notice-dates">{t.datesValue(date(n.wave.opensAt, zone), date(lastDayOf(n.wave.closesAt), zone))}</dd>
        </div>
      </dl>
      <h2>{t.whatTitle}</h2>
      <p>{t.what}</p>
      <h2>{t.anonymousTitle}</h2>
      <p>{t.anonymous}</p>
      <h2>{t.voluntaryTitle}</h2>
      <p>{t.voluntary}</p>
      <h2>{t.refuseTitle}</h2>
      <p>{t.refuse}</p>
      <section className="sc-notice-preview">
        <img src={n.previewQr} alt={t.previewQrAlt} width={132} height={132} />
        <div>
          <h2>{t.previewTitle}</h2>
          <p>{t.preview}</p>
          <p className="sc-notice-url">{n.previewUrl}</p>
        </div>
      </section>
      <h2>{t.operatorTitle}</h2>
      {/* The operator's details are filled in by hand until the product stores them: a line to write on. */}
      <p data-testid="notice-operator">
        {t.operatorBlank}
        <span className="sc-notice-blank" aria-hidden="true" />
      </p>
      <h2>{t.contactsTitle}</h2>
      <p>{t.contacts}</p>
    </article>
  );
}
