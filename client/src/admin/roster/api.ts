import type {
  CreatedRegion,
  RegionList,
  RegionSummary,
  RosterApplied,
  RosterIssue,
  RosterPreview,
  RosterSampleRow,
  RosterWarning,
} from '../../../../server/admin/roster/roster.schemas';
import { api, download } from '../../shared/api';

// Only types cross over from the server: the shapes the routes validate and document are the ones used here.
export type { RegionSummary, RosterApplied, RosterIssue, RosterPreview, RosterSampleRow, RosterWarning };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Some systems give a .csv no type, or Excel's; the server reads the format from the bytes either way. */
function contentType(file: File) {
  if (file.type) return file.type;
  if (/\.xlsx$/i.test(file.name)) return XLSX;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return 'application/octet-stream';
}

const sendFile = <T>(path: string, file: File, query = '') =>
  api<T>(`${path}?filename=${encodeURIComponent(file.name.slice(0, 255))}${query}`, {
    method: 'POST',
    body: file,
    headers: { 'content-type': contentType(file) },
  });

export const previewRoster = (file: File) => sendFile<RosterPreview>('/api/admin/roster/preview', file);
/** `confirmLookAlikes`: the administrator checked the preview's warnings; without it the server refuses a file that has any. */
export const applyRoster = (file: File, confirmLookAlikes: boolean) =>
  sendFile<RosterApplied>('/api/admin/roster', file, confirmLookAlikes ? '&confirmLookAlikes=true' : '');
export const downloadTemplate = (format: 'csv' | 'xlsx') => download(`/api/admin/roster/template.${format}`);

export const listRegions = async () => (await api<RegionList>('/api/admin/regions')).regions;
export const createRegion = (name: string, timeZone: string) => api<CreatedRegion>('/api/admin/regions', { method: 'POST', json: { name, timeZone } });
export const setRegionTimeZone = (id: number, timeZone: string) => api<CreatedRegion>(`/api/admin/regions/${id}`, { method: 'PATCH', json: { timeZone } });
