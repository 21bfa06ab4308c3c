import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { fetchLink, type LinkInfo } from './api';
import { Layout, Message } from './Frame';
import { noticeStrings, strings } from './strings';
import { clearProgress, draftExpired, freshProgress, loadProgress, saveLanguage, saveProgress, withTicket } from './storage';
import { inLanguage, initialLanguage } from './languages';
import { LanguagePicker } from './LanguagePicker';
import { PrivacyNotice } from './PrivacyNotice';
import { pageStrings } from './page-text';
import { SurveyScreen } from './SurveyScreen';
import { isRetryable } from './submit';
import { prerenderedAnswers, removePrerendered } from './first-page';

type Screen =
  | { kind: 'loading' }
  | { kind: 'message'; title: string; text: string; retry?: boolean; school?: string; tone?: 'success'; testId?: string }
  | { kind: 'survey'; link: LinkInfo };

/** The token is the last part of /s/<token>. */
export function tokenFromPath(pathname: string): string | null {
  const match = /^\/s\/([^/?#]+)\/?$/.exec(pathname);
  try {
    return match ? decodeURIComponent(match[1]) : null;
  } catch {
    return null; // a broken %-escape: no such link
  }
}

// Plain strings in surveys/*.json; anything else (a SurveyJS per-locale object) falls back to ours.
const surveyTitle = (link: LinkInfo) => (typeof link.survey.title === 'string' ? link.survey.title : strings.pageTitle);

async function screenOf(token: string | null): Promise<Screen> {
  if (!token) return { kind: 'message', ...strings.notFound };
  const res = await fetchLink(token);
  if (res.kind === 'ok') return screenFor(res.data);
  if (res.kind === 'error' && res.status === 410) return { kind: 'message', ...strings.revoked };
  // The code's answer is in: thanks on the phone that sent it, «already used» on any other.
  if (res.kind === 'error' && res.code === 'code_used') {
    return loadProgress(token)?.status === 'done'
      ? { kind: 'message', title: strings.thanksTitle, text: strings.thanksText, tone: 'success', testId: 'thank-you' }
      : { kind: 'message', ...strings.codeUsed, testId: 'code-used' };
  }
  // 404, or 400 for a token that cannot exist (too long): the link itself is wrong.
  if (res.kind === 'error' && !isRetryable(res)) return { kind: 'message', ...strings.notFound };
  const offline = res.kind === 'network' && !navigator.onLine;
  return { kind: 'message', ...(offline ? strings.offlineLoad : strings.loadFailed), retry: true, testId: offline ? 'offline-load' : undefined };
}

function screenFor(link: LinkInfo): Screen {
  if (link.wave.open) return { kind: 'survey', link };
  const { opensAt, closesAt, timeZone } = link.wave;
  const notYet = Date.now() < new Date(opensAt).getTime();
  const message = notYet ? strings.notYetOpen(opensAt, closesAt, timeZone) : strings.closed(opensAt, closesAt, timeZone);
  return { kind: 'message', ...message, school: link.school.name };
}

/** `initialLink`: the facts the server wrote into the page, when it did; the page then starts without asking again. */
export function RespondPage({ token, initialLink = null }: { token: string | null; initialLink?: LinkInfo | null }) {
  const [screen, setScreen] = useState<Screen>(() => (initialLink ? screenFor(initialLink) : { kind: 'loading' }));

  const load = useCallback(() => {
    let current = true;
    screenOf(token).then((next) => current && setScreen(next));
    return () => {
      current = false;
    };
  }, [token]);

  useEffect(() => (initialLink ? undefined : load()), [load, initialLink]);

  // The plain first page stays until something replaces it, then goes in the same frame: never both on the screen.
  useLayoutEffect(() => {
    if (screen.kind !== 'loading') removePrerendered();
  }, [screen.kind]);

  const retry = useCallback(() => {
    setScreen({ kind: 'loading' });
    load();
  }, [load]);

  // A failed load is retried by itself as soon as the phone is back online.
  const waitingForNetwork = screen.kind === 'message' && screen.retry;
  useEffect(() => {
    if (!waitingForNetwork) return;
    window.addEventListener('online', retry);
    // «online» may come a moment before requests get through (and never comes when the server was the one down).
    const timer = setTimeout(retry, 10_000);
    return () => {
      window.removeEventListener('online', retry);
      clearTimeout(timer);
    };
  }, [waitingForNetwork, retry]);

  useEffect(() => {
    if (screen.kind === 'survey') document.title = `${surveyTitle(screen.link)} — ${screen.link.school.name}`;
  }, [screen]);

  switch (screen.kind) {
    case 'loading':
      return (
        <Layout>
          <p className="rs-loading" role="status">
            <span className="rs-spinner" aria-hidden="true" />
            {strings.loading}
          </p>
        </Layout>
      );
    case 'message':
      return (
        <Layout school={screen.school}>
          <Message title={screen.title} text={screen.text} tone={screen.tone} testId={screen.testId}>
            {screen.retry && (
              <button type="button" className="rs-button" onClick={retry}>
                {strings.retryLoad}
              </button>
            )}
          </Message>
        </Layout>
      );
    case 'survey':
      return <Questionnaire token={token!} link={screen.link} />;
  }
}

function Questionnaire({ token, link }: { token: string; link: LinkInfo }) {
  const [session, setSession] = useState(() => {
    // An open link's draft left untouched on a shared computer is not shown to whoever opens the link next.
    const saved = loadProgress(token, { expires: link.kind === 'open' });
    let progress = saved ? withTicket(saved, link.ticket) : freshProgress(link.ticket);
    // Answers given on the plain first page before SurveyJS arrived: newer than anything saved.
    const typed = progress.status === 'filling' ? prerenderedAnswers(link.survey) : {};
    if (Object.keys(typed).length > 0) progress = { ...progress, data: { ...progress.data, ...typed } };
    if (progress !== saved) saveProgress(token, progress);
    return { progress, round: 0 };
  });
  const [done, setDone] = useState(session.progress.status === 'done');
  const [pageNo, setPageNo] = useState(session.progress.pageNo);
  const [cleared, setCleared] = useState(false);

  const startAgain = async () => {
    setCleared(false);
    clearProgress(token);
    // The next person's own ticket: the one this page was given went with the answer just sent.
    const fresh = await fetchLink(token);
    const progress = freshProgress(fresh.kind === 'ok' ? fresh.data.ticket : undefined);
    saveProgress(token, progress);
    setSession((s) => ({ progress, round: s.round + 1 }));
    setPageNo(0);
    setDone(false);
    window.scrollTo({ top: 0 });
  };
  // «Очистить мои ответы»: the draft goes, answers already on their way (status 'sending') never do.
  const clearAnswers = async () => {
    if (!window.confirm(noticeStrings.clearConfirm)) return;
    if (loadProgress(token)?.status === 'sending') return;
    await startAgain();
    setCleared(true);
  };
  // A page left open past the draft's life forgets it too, not only one opened afresh.
  useEffect(() => {
    if (link.kind !== 'open') return;
    const timer = setInterval(() => {
      if (draftExpired(token)) void startAgain();
    }, 60_000);
    return () => clearInterval(timer);
  });
  const onSaved = useCallback(() => {
    setDone(true);
    window.scrollTo({ top: 0 });
  }, []);
  const onPageChange = useCallback((n: number) => setPageNo(n), []);
  const [language, setLanguage] = useState(() => initialLanguage(link));
  const chooseLanguage = (next: string) => {
    saveLanguage(next);
    setLanguage(next);
  };

  // An open link may be answered again on this device: by a parent for another child, or by the next
  // teacher or student at a shared school computer. A code is one answer: a second one would be refused.
  const again = link.role === 'parent' ? 'parent' : link.role === 'student' ? 'nextStudent' : 'nextParticipant';
  const text = pageStrings(language);
  const answerAgain = link.kind === 'open' ? text.answerAgain[again] : null;
  const title = inLanguage(link, language, 'title') ?? surveyTitle(link);
  const description = inLanguage(link, language, 'description') ?? text.fallbackIntro;

  return (
    <Layout school={link.school.name}>
      {done ? (
        <Message title={text.thanksTitle} text={text.thanksText} tone="success" testId="thank-you" lang={language}>
          {answerAgain && (
            <>
              <button type="button" className="rs-button" onClick={() => void startAgain()}>
                {answerAgain.button}
              </button>
              <p className="rs-message__hint">{answerAgain.hint}</p>
            </>
          )}
        </Message>
      ) : (
        <div lang={language}>
          <LanguagePicker translations={link.translations} language={language} onChange={chooseLanguage} />
          {pageNo === 0 ? (
            <section className="rs-intro">
              <h1 className="rs-intro__title">{title}</h1>
              <p className="rs-intro__text">{description}</p>
              <PrivacyNotice link={link} />
            </section>
          ) : (
            // The introduction is for the first page only; the page keeps its top heading for screen readers.
            <h1 className="rs-visually-hidden">{title}</h1>
          )}
          <SurveyScreen
            key={session.round}
            token={token}
            link={link}
            language={language}
            initial={session.progress}
            onPageChange={onPageChange}
            onSaved={onSaved}
            onClear={() => void clearAnswers()}
          />
          {cleared && (
            <p className="rs-visually-hidden" role="status">
              {noticeStrings.cleared}
            </p>
          )}
        </div>
      )}
    </Layout>
  );
}
