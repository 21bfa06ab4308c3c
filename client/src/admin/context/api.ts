import type { ContextApplied, ContextIssue, ContextPreview, ContextSampleRow } from '../../../../server/context/context.schemas';
import type { ContextKind } from '../../../../server/context/columns';
import { api, download } from '../../shared/api';

// Only types cross over from the server: the shapes the routes validate and document are the ones used here.
export type { ContextApplied, ContextIssue, ContextKind, ContextPreview, ContextSampleRow };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Some systems give a .csv no type, or Excel's; the server reads the format from the bytes either way. */
function contentType(file: File) {
  if (file.type) return file.type;
  if (/\.xlsx$/i.test(file.name)) return XLSX;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return 'application/octet-stream';
}

const sendFile = <T>(path: string, file: File) =>
  api<T>(`${path}?filename=${encodeURIComponent(file.name.slice(0, 255))}`, { method: 'POST', body: file, headers: { 'content-type': contentType(file) } });

export const previewContext = (kind: ContextKind, file: File) => sendFile<ContextPreview>(`/api/context/${kind}/preview`, file);
export const applyContext = (kind: ContextKind, file: File) => sendFile<ContextApplied>(`/api/context/${kind}`, file);
export const downloadTemplate = (kind: ContextKind, format: 'csv' | 'xlsx') => download(`/api/context/${kind}/template.${format}`);
