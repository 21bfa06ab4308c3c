import type { SchoolProfileBody } from '../../../../server/profiles/schemas';
import { api } from '../../shared/api';

export type SchoolProfile = SchoolProfileBody;
export type FactorResult = SchoolProfile['factors'][number];
export type Level = FactorResult['level'];
export type Role = keyof SchoolProfile['roles'];

export const fetchProfile = (waveId: number, schoolId: number) => api<SchoolProfile>(`/api/waves/${waveId}/schools/${schoolId}/profile`);
