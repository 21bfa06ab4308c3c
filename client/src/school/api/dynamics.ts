import type { SchoolDynamics } from '../../../../server/dynamics/dynamics.schemas';
import { api } from '../../shared/api';

export type { SchoolDynamics };

export const fetchDynamics = (schoolId: number, from: number, to: number) => api<SchoolDynamics>(`/api/schools/${schoolId}/dynamics?from=${from}&to=${to}`);
