import type {
  Evidence,
  Measure,
  MeasureInput,
  MeasureTarget,
  Programme,
  ProgrammeContent,
  Remark,
  SchoolProgrammes,
} from '../../../../server/programmes/programmes.schemas';
import type { MeasureStatus, ProgrammeEventAction, ProgrammeState } from '../../../../server/shared/vocabulary';
import { api } from '../../shared/api';

export type {
  Evidence,
  Measure,
  MeasureInput,
  MeasureStatus,
  MeasureTarget,
  Programme,
  ProgrammeContent,
  ProgrammeEventAction,
  ProgrammeState,
  Remark,
  SchoolProgrammes,
};

const programmeUrl = (id: number) => `/api/programmes/${id}`;
const measureUrl = (id: number, measureId: number) => `${programmeUrl(id)}/measures/${measureId}`;

export const fetchSchoolProgrammes = (waveId: number, schoolId: number) => api<SchoolProgrammes>(`/api/waves/${waveId}/schools/${schoolId}/programmes`);

export const createProgramme = (waveId: number, schoolId: number, factorId: string) =>
  api<Programme>(`/api/waves/${waveId}/schools/${schoolId}/programmes`, { method: 'POST', json: { factorId } });

export const fetchProgramme = (id: number) => api<Programme>(programmeUrl(id));

export const saveProgramme = (id: number, content: ProgrammeContent) => api<Programme>(programmeUrl(id), { method: 'PUT', json: content });

export const submitProgramme = (id: number) => api<Programme>(`${programmeUrl(id)}/submit`, { method: 'POST' });

export const reviewProgramme = (id: number, decision: 'approve' | 'return', remark?: string) =>
  api<Programme>(`${programmeUrl(id)}/review`, { method: 'POST', json: remark ? { decision, remark } : { decision } });

export const addRemark = (id: number, body: string, measureId: number | null) =>
  api<Programme>(`${programmeUrl(id)}/remarks`, { method: 'POST', json: { body, measureId } });

export const answerRemark = (id: number, remarkId: number, answer: string) =>
  api<Programme>(`${programmeUrl(id)}/remarks/${remarkId}/answer`, { method: 'POST', json: { answer } });

export const updateMeasure = (id: number, measureId: number, status: MeasureStatus, comment: string) =>
  api<Programme>(measureUrl(id, measureId), { method: 'PATCH', json: { status, comment } });

/** The file goes as the request body itself, its name in the address: the server reads its type from the bytes. */
export const uploadEvidence = (id: number, measureId: number, file: File) =>
  api<Evidence>(`${measureUrl(id, measureId)}/evidence?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
    headers: { 'content-type': file.type || 'application/octet-stream' },
  });

export const evidenceUrl = (id: number, measureId: number, evidenceId: number) => `${measureUrl(id, measureId)}/evidence/${evidenceId}`;

export const documentUrl = (id: number) => `${programmeUrl(id)}/document.docx`;
