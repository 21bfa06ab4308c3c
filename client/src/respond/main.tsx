import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'survey-core/survey-core.fontless.min.css';
import './respond.css';
import { CodeEntryPage } from './code-entry/CodeEntryPage';
import { RespondPage, tokenFromPath } from './RespondPage';
import { registerOfflineWorker } from './offline/register';
import { takeInlineLinkFacts } from './first-page';

/** /c and /c/ are the code-entry page; everything else the server sends here is /s/<token>. */
const isCodeEntry = /^\/c\/?$/.test(location.pathname);

// survey-core.min.css would fetch Open Sans from fonts.gstatic.com on every phone; the fontless build
// with the system font keeps the page free of third-party requests and loads faster on a weak signal.
createRoot(document.getElementById('root')!).render(
  <StrictMode>{isCodeEntry ? <CodeEntryPage /> : <RespondPage token={tokenFromPath(location.pathname)} initialLink={takeInlineLinkFacts()} />}</StrictMode>,
);

registerOfflineWorker();
