import type { ParticipationReport, SchoolLinks } from '../../../../server/participation/participation.schemas';
import type { WaveView } from '../../../../server/admin/waves/waves.schemas';
import type { ReviewDecision, ReviewOutcome, SchoolMarks } from '../../../../server/participation/review.schemas';
import { api, download } from '../../shared/api';
import type { SchoolFilter } from '../../../../server/shared/rules/participation-filter';

// Only types cross over from the server: the shapes its routes validate and document are the ones used here.
export type { ParticipationReport, ReviewDecision, ReviewOutcome, SchoolLinks, SchoolMarks, WaveView };
export type SchoolRow = ParticipationReport['schools'][number];
export type Area = ParticipationReport['territory'];
export type MunicipalityRow = ParticipationReport['municipalities'][number];
import type { Role } from '../../shared/roles';
export { ROLES, type Role } from '../../shared/roles';

export const listWaves = () => api<WaveView[]>('/api/waves');
export const getParticipation = (waveId: number) => api<ParticipationReport>(`/api/waves/${waveId}/participation`);
export const participationEventsUrl = (waveId: number) => `/api/waves/${waveId}/participation/events`;
export const getSchoolLinks = (waveId: number, schoolId: number) => api<SchoolLinks>(`/api/waves/${waveId}/schools/${schoolId}/links`);
export const qrPngUrl = (waveId: number, schoolId: number, role: Role) => `/api/waves/${waveId}/schools/${schoolId}/links/${role}/qr.png`;
/** The export of the schools the table shows: the same filters, sent to the server as query parameters. */
export function downloadParticipation(waveId: number, format: 'csv' | 'xlsx', filter: SchoolFilter) {
  const query = new URLSearchParams();
  if (filter.municipalityId != null) query.set('municipalityId', String(filter.municipalityId));
  if (filter.search?.trim()) query.set('search', filter.search.trim());
  if (filter.lagging) query.set('lagging', 'true');
  if (filter.flag && filter.flag !== 'any') query.set('flag', filter.flag);
  const suffix = query.size > 0 ? `?${query}` : '';
  return download(`/api/waves/${waveId}/participation.${format}${suffix}`);
}

export const getSchoolMarks = (waveId: number, schoolId: number) => api<SchoolMarks>(`/api/waves/${waveId}/schools/${schoolId}/marks`);
export const decideMarks = (waveId: number, schoolId: number, decision: ReviewDecision) =>
  api<ReviewOutcome>(`/api/waves/${waveId}/schools/${schoolId}/marks/decision`, { method: 'POST', json: decision });
