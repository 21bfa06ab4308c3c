import type { CorrectionResult, EntryResult, PrintBody, PrintView, SheetView } from '../../../server/paper/paper.schemas';
import type { ParticipationReport } from '../../../server/participation/participation.schemas';
import { api } from '../shared/api';

export type { EntryResult, PrintView, SheetView };

/** POST: issues `count` new sheets of the school × role (each with its own id) and returns them for printing. */
export const printSheets = (waveId: number, schoolId: number, body: PrintBody) =>
  api<PrintView>(`/api/waves/${waveId}/schools/${schoolId}/paper-sheets`, { method: 'POST', json: body });

/** The schools of the wave the caller sees, for coordinators choosing whose sheets to print. */
export const schoolsOfWave = (waveId: number) =>
  api<ParticipationReport>(`/api/waves/${waveId}/participation`).then((r) => r.schools.map((s) => ({ id: s.id, name: s.name })));

export const openSheet = (sheetId: string) => api<SheetView>(`/api/paper-sheets/${encodeURIComponent(sheetId)}`);

export const enterSheet = (sheetId: string, answers: Record<string, unknown>) =>
  api<EntryResult>(`/api/paper-sheets/${encodeURIComponent(sheetId)}/entries`, { method: 'POST', json: { answers } });

export const correctSheet = (sheetId: string, answers: Record<string, unknown>) =>
  api<CorrectionResult>(`/api/paper-sheets/${encodeURIComponent(sheetId)}/corrections`, { method: 'POST', json: { answers } });
