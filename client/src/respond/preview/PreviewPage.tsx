import { useEffect, useState } from 'react';
import { Survey } from 'survey-react-ui';
import type { Model } from 'survey-core';
import { fetchPreview } from '../api';
import { Layout, Message } from '../Frame';
import { strings } from '../strings';
import { previewSurveyModel } from '../survey-model';

type Role = keyof typeof strings.preview.titles;

/**
 * The role of /questionnaires/<role>, or null for any other address. The roles are those the page has titles for:
 * importing the server's list would put a chunk shared with the staff app into this page (tests/security/bundle.test.ts).
 */
export function previewRoleFromPath(pathname: string): Role | null {
  const match = /^\/questionnaires\/([a-z]+)\/?$/.exec(pathname);
  return match && Object.hasOwn(strings.preview.titles, match[1]) ? (match[1] as Role) : null;
}

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed' } | { kind: 'ready'; model: Model };

/**
 * A role's questionnaire for anyone to read before deciding whether to take part. Shown in SurveyJS's display mode on
 * one page: nothing can be typed or chosen, and there is no button that sends anything.
 */
export function PreviewPage({ role, wave }: { role: Role | null; wave: string | null }) {
  const [state, setState] = useState<State>(role ? { kind: 'loading' } : { kind: 'missing' });

  useEffect(() => {
    if (!role) return;
    document.title = strings.preview.titles[role];
    let current = true;
    fetchPreview(role, wave).then((res) => {
      if (!current) return;
      if (res.kind === 'ok') setState({ kind: 'ready', model: previewSurveyModel(res.data.survey) });
      else setState(res.kind === 'error' && res.status === 404 ? { kind: 'missing' } : { kind: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [role, wave]);

  if (!role || state.kind === 'missing') {
    return (
      <Layout>
        <Message {...strings.preview.notFound} />
      </Layout>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Layout>
        <Message {...strings.loadFailed} />
      </Layout>
    );
  }
  return (
    <Layout>
      <section className="rs-preview" data-testid="questionnaire-preview">
        <p className="rs-preview__badge">{strings.preview.badge}</p>
        <h1 className="rs-preview__title">{strings.preview.titles[role]}</h1>
        <p>{strings.preview.intro}</p>
        <p>{strings.preview.voluntary}</p>
        <p className="rs-preview__note">{strings.preview.conditional}</p>
      </section>
      {state.kind === 'loading' ? (
        <p className="rs-loading" role="status">
          <span className="rs-spinner" aria-hidden="true" />
          {strings.loading}
        </p>
      ) : (
        <Survey model={state.model} />
      )}
    </Layout>
  );
}
