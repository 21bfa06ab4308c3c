import type { CodeEntry, CodeEntryLink, QuestionnaireLink, StoredResponse, Submission } from '../../../server/respond/respond.schemas';
import type { QuestionnairePreview } from '../../../server/notices/notices.schemas';
import { requestJson } from '../shared/http';

// Only types cross over from the server: the shapes its routes validate and document are the ones used here.
export type { Submission };
export type LinkInfo = QuestionnaireLink;

const linkUrl = (token: string) => `/api/links/${encodeURIComponent(token)}`;

export const fetchLink = (token: string) => requestJson<LinkInfo>(linkUrl(token));

export const postResponse = (token: string, submission: Submission) =>
  requestJson<StoredResponse>(`${linkUrl(token)}/responses`, { method: 'POST', body: submission });

export const findCode = (code: string) => requestJson<CodeEntryLink>('/api/links/code', { method: 'POST', body: { code } satisfies CodeEntry });

/** The public read-only questionnaire of a role: a wave's pinned one, or today's without `wave`. */
export const fetchPreview = (role: string, wave: string | null) =>
  requestJson<QuestionnairePreview>(`/api/questionnaires/${encodeURIComponent(role)}${wave ? `?wave=${encodeURIComponent(wave)}` : ''}`);
