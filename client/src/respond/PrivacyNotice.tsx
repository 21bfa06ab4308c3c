import type { LinkInfo } from './api';
import { noticeStrings as s } from './strings';

/**
 * What the respondent is told before the first question: anonymity and who sees what, that answering is voluntary,
 * the device's part, and behind «Подробнее» the purpose, the operator, what is not collected and how long answers are
 * kept. The full policy is a page of the staff app (/privacy): only a link to it is in this bundle.
 */
export function PrivacyNotice({ link }: { link: LinkInfo }) {
  const text = s.byAudience[link.role](link.operator?.name ?? null, link.counting.minAnswered);
  const student = link.role === 'student';
  return (
    // In Russian whatever language the questionnaire is read in: said so for screen readers.
    <section className="rs-notice" lang="ru" aria-labelledby="rs-notice-title" data-testid="privacy-notice">
      <h2 className="rs-notice__title" id="rs-notice-title">
        {text.title}
      </h2>
      <p>{text.lead}</p>
      <p>{text.voluntary}</p>
      {student && (
        <p className="rs-notice__helpline" data-testid="helpline">
          {s.helpline.text} <a href={s.helpline.tel}>{s.helpline.number}</a>
        </p>
      )}
      <p>{s.device[link.kind](student)}</p>
      <details className="rs-notice__more">
        <summary>{s.more}</summary>
        <ul>
          {text.details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
      <p>
        <a href="/privacy" target="_blank" rel="noopener" data-testid="privacy-link">
          {s.policy}
        </a>
      </p>
    </section>
  );
}
