import type { WaveView } from '../../../../server/admin/waves/waves.schemas';
import { api } from '../../shared/api';

export type { WaveView };

/** GET /api/waves: the waves of the caller's region, any order. */
export const fetchWaves = () => api<WaveView[]>('/api/waves');
