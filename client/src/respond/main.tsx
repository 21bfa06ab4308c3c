import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'survey-core/survey-core.fontless.min.css';
import './respond.css';
import { CodeEntryPage } from './code-entry/CodeEntryPage';
import { RespondPage, tokenFromPath } from './RespondPage';
import { PreviewPage, previewRoleFromPath } from './preview/PreviewPage';
import { registerOfflineWorker } from './offline/register';
import { takeInlineLinkFacts } from './first-page';

/** /c and /c/ are the code-entry page, /questionnaires/<role> the public preview; everything else is /s/<token>. */
const isCodeEntry = /^\/c\/?$/.test(location.pathname);
const isPreview = location.pathname.startsWith('/questionnaires/');

/** Read once, before the first render: the page takes them out of the document. */
const inlineLink = isCodeEntry || isPreview ? null : takeInlineLinkFacts();

function Page() {
  if (isCodeEntry) return <CodeEntryPage />;
  if (isPreview) return <PreviewPage role={previewRoleFromPath(location.pathname)} wave={new URLSearchParams(location.search).get('wave')} />;
  return <RespondPage token={tokenFromPath(location.pathname)} initialLink={inlineLink} />;
}

// survey-core.min.css would fetch Open Sans from fonts.gstatic.com on every phone; the fontless build
// with the system font keeps the page free of third-party requests and loads faster on a weak signal.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);

// The preview sends nothing, so it needs no offline queue.
if (!isPreview) registerOfflineWorker();
