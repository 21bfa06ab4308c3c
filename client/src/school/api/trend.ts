import type { SchoolTrend } from '../../../../server/dynamics/trend.schemas';
import { api } from '../../shared/api';

export type { SchoolTrend };
export type TrendFactor = SchoolTrend['factors'][number];
export type TrendPoint = TrendFactor['points'][number];

export const fetchTrend = (schoolId: number) => api<SchoolTrend>(`/api/schools/${schoolId}/trend`);
