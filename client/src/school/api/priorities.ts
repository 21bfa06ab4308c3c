import type { Priorities } from '../../../../server/priorities/priorities.schemas';
import { api } from '../../shared/api';

export type { Priorities };

const url = (waveId: number, schoolId: number) => `/api/waves/${waveId}/schools/${schoolId}/priorities`;

export const fetchPriorities = (waveId: number, schoolId: number) => api<Priorities>(url(waveId, schoolId));

export const savePriorities = (waveId: number, schoolId: number, factorIds: string[]) =>
  api<Priorities>(url(waveId, schoolId), { method: 'PUT', json: { factorIds } });
