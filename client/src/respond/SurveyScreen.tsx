import { useEffect, useRef, useState } from 'react';
import type { CompletingEvent, SurveyModel } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { postResponse, type LinkInfo } from './api';
import { noticeStrings } from './strings';
import { deviceId, saveProgress, type Progress } from './storage';
import { RetryWaker, submitWithRetry, type SubmitOutcome } from './submit';
import { collectAnswers, createSurveyModel } from './survey-model';
import { missingAnswers } from './counting';
import { multilingualSurvey, showIn } from './languages';
import { pageStrings } from './page-text';

type SendState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'waiting' } | { kind: 'refused'; code: string } | { kind: 'too-few'; missing: number };

interface Props {
  token: string;
  link: LinkInfo;
  /** The questionnaire's language: Russian or one of the link's translations. Answers are the same values in all. */
  language: string;
  initial: Progress;
  onPageChange(pageNo: number): void;
  onSaved(): void;
  /** «Очистить мои ответы»: offered unless the answers are already on their way. */
  onClear(): void;
}

/**
 * The questionnaire itself. Completing it means sending it: SurveyJS waits for the async
 * onCompleting handler, which resolves only when the server has confirmed (or definitely refused),
 * so the thank-you screen can never appear for answers that are not stored.
 */
export function SurveyScreen({ token, link, language, initial, onPageChange, onSaved, onClear }: Props) {
  const [model] = useState(() => createSurveyModel(multilingualSurvey(link), initial));
  const [send, setSend] = useState<SendState>({ kind: 'idle' });
  const [waker] = useState(() => new RetryWaker());
  const inflight = useRef<Promise<SubmitOutcome> | null>(null);
  const callbacks = useRef({ onPageChange, onSaved });
  useEffect(() => {
    callbacks.current = { onPageChange, onSaved };
  });

  useEffect(() => showIn(model, language), [model, language]);

  useEffect(() => {
    const persist = (status: Progress['status']) => saveProgress(token, { ...initial, data: model.data, pageNo: model.currentPageNo, status });

    const runSubmission = async (): Promise<SubmitOutcome> => {
      persist('sending');
      setSend({ kind: 'sending' });
      // What is on the screen is what is being sent: no edits that the pending request would not carry.
      model.readOnly = true;
      const submission = { answers: collectAnswers(model), clientKey: initial.clientKey, ticket: initial.ticket, deviceId: deviceId() };
      const outcome = await submitWithRetry(() => postResponse(token, submission), {
        waker,
        onWaiting: () => setSend({ kind: 'waiting' }),
      });
      if (outcome.kind === 'saved') {
        saveProgress(token, { ...initial, data: {}, pageNo: 0, status: 'done' });
        setSend({ kind: 'idle' });
      } else {
        model.readOnly = false;
        persist('filling');
        setSend(outcome);
      }
      return outcome;
    };

    const onChange = () => {
      persist('filling');
      // The answer just given may be the one that was missing: the warning says no more than is still true.
      setSend((state) => (state.kind === 'too-few' ? { kind: 'idle' } : state));
    };
    const onPage = () => {
      onChange();
      callbacks.current.onPageChange(model.currentPageNo);
    };
    // One submission at a time, whatever calls it (the button, a resume after reload, React's double effects in dev).
    // SurveyJS waits for this promise; it must settle, or the navigation buttons stay blocked for good.
    const onCompleting = async (_: SurveyModel, options: CompletingEvent) => {
      // An answer the server would not count is not sent at all: the respondent is told what is missing.
      const missing = inflight.current ? 0 : missingAnswers(link.counting, collectAnswers(model));
      if (missing > 0) {
        options.allow = false;
        setSend({ kind: 'too-few', missing });
        return;
      }
      inflight.current ??= runSubmission()
        .catch((): SubmitOutcome => {
          model.readOnly = false;
          setSend({ kind: 'refused', code: 'unknown' });
          return { kind: 'refused', code: 'unknown' };
        })
        .finally(() => (inflight.current = null));
      const outcome = await inflight.current;
      options.allow = outcome.kind === 'saved';
    };
    const onComplete = () => callbacks.current.onSaved();

    model.onValueChanged.add(onChange);
    model.onCurrentPageChanged.add(onPage);
    model.onCompleting.add(onCompleting);
    model.onComplete.add(onComplete);
    // «Отправить» was pressed before a reload and the server never confirmed: carry on sending.
    if (initial.status === 'sending' && model.state === 'running') model.doComplete();
    return () => {
      model.onValueChanged.remove(onChange);
      model.onCurrentPageChanged.remove(onPage);
      model.onCompleting.remove(onCompleting);
      model.onComplete.remove(onComplete);
    };
  }, [model, token, link, initial, waker]);

  return (
    <>
      <Survey model={model} />
      <SendStatus state={send} language={language} onRetryNow={waker.wake} />
      {send.kind !== 'sending' && send.kind !== 'waiting' && (
        <p className="rs-clear">
          <button type="button" className="rs-button rs-button--secondary rs-button--small" onClick={onClear} data-testid="clear-answers">
            {noticeStrings.clear}
          </button>
        </p>
      )}
    </>
  );
}

function SendStatus({ state, language, onRetryNow }: { state: SendState; language: string; onRetryNow: () => void }) {
  const text = pageStrings(language);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.kind !== 'idle') ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [state.kind]);

  return (
    <div ref={ref} className="rs-status" role="status" aria-live="polite" data-state={state.kind}>
      {state.kind === 'sending' && (
        <p className="rs-status__box rs-status__box--info">
          <span className="rs-spinner" aria-hidden="true" />
          {text.sending}
        </p>
      )}
      {state.kind === 'waiting' && (
        <div className="rs-status__box rs-status__box--offline" data-testid="offline-message">
          <p className="rs-status__text">
            <strong>{text.offlineTitle}</strong> {text.offline}
          </p>
          <button type="button" className="rs-button rs-button--secondary rs-button--small" onClick={onRetryNow}>
            {text.retryNow}
          </button>
        </div>
      )}
      {state.kind === 'too-few' && (
        <p className="rs-status__box rs-status__box--error" data-testid="too-few-answers">
          {text.tooFewAnswers(state.missing)}
        </p>
      )}
      {state.kind === 'refused' && (
        <p className="rs-status__box rs-status__box--error" data-testid="submit-error">
          {text.submitErrors[state.code] ?? text.submitErrors.default}
        </p>
      )}
    </div>
  );
}
