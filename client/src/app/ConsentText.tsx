import { STAFF_CONSENT_TEXT, STAFF_CONSENT_VERSION } from '../../../server/shared/rules/staff-consent';
import { calendarDay } from '../shared/format';
import { strings } from './strings';

/** The consent exactly in the version the server records, so a person agrees to the text they were shown. */
export function ConsentText() {
  return (
    <section className="consent-text" aria-labelledby="consent-title">
      <h2 id="consent-title">{strings.consent.title}</h2>
      {STAFF_CONSENT_TEXT.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <p className="muted">{strings.consent.version(calendarDay(STAFF_CONSENT_VERSION))}</p>
    </section>
  );
}
