import { useEffect, useRef, type ReactNode } from 'react';
import { strings } from './strings';

/** The frame of every respondent screen: the questionnaire, its messages and the code-entry page. */
export function Layout({ school, children }: { school?: string; children: ReactNode }) {
  return (
    <div className="rs-app">
      <header className="rs-header">
        <div className="rs-header__inner">
          <span className="rs-header__brand">{strings.brand}</span>
          {school && <span className="rs-header__school">{school}</span>}
        </div>
      </header>
      <main className="rs-main">{children}</main>
    </div>
  );
}

export function Message({
  title,
  text,
  tone,
  testId,
  lang,
  children,
}: {
  title: string;
  text: string;
  tone?: 'success';
  testId?: string;
  /** The language of the words, when it is not the page's Russian. */
  lang?: string;
  children?: ReactNode;
}) {
  // The questionnaire vanished under the reader's finger: tell screen readers where they are now.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <section className={`rs-message${tone ? ` rs-message--${tone}` : ''}`} data-testid={testId} lang={lang}>
      {tone === 'success' && (
        <svg className="rs-message__icon" viewBox="0 0 48 48" aria-hidden="true">
          <circle cx="24" cy="24" r="24" />
          <path d="M14 24.5l7 7 13-14" fill="none" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      )}
      <h1 className="rs-message__title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p className="rs-message__text">{text}</p>
      {children}
    </section>
  );
}
