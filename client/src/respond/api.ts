import { requestJson } from '../shared/http';

export type Role = 'principal' | 'teacher' | 'student' | 'parent';

/** GET /api/links/:token (server/respond/routes.ts). */
export interface LinkInfo {
  role: Role;
  kind: 'open' | 'code';
  school: { name: string };
  wave: { title: string; opensAt: string; closesAt: string; open: boolean };
  survey: Record<string, unknown> & { title?: unknown; description?: unknown };
}

export interface Submission {
  answers: Record<string, unknown>;
  clientKey: string;
  durationSeconds?: number;
}

const linkUrl = (token: string) => `/api/links/${encodeURIComponent(token)}`;

export const fetchLink = (token: string) => requestJson<LinkInfo>(linkUrl(token));

export const postResponse = (token: string, submission: Submission) =>
  requestJson<{ id: string | number }>(`${linkUrl(token)}/responses`, { method: 'POST', body: submission });
