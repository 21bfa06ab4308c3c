import type { WaveView } from '../../../../server/admin/waves/waves.schemas';
import { api } from '../../shared/api';

export type { WaveView };

/**
 * GET /api/waves: the waves of the caller's region, any order; with a school, of that school's region, so an
 * administrator who opens a school is offered its region's waves, not every region's.
 */
export const fetchWaves = (schoolId?: number) => api<WaveView[]>(schoolId === undefined ? '/api/waves' : `/api/waves?schoolId=${schoolId}`);
