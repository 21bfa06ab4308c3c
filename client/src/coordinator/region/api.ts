import type { WaveView } from '../../../../server/admin/waves/waves.schemas';
import type { RegionPicture } from '../../../../server/region-picture/region-picture.schemas';
import { api, download } from '../../shared/api';

export type { RegionPicture, WaveView };
export type SchoolRow = RegionPicture['schools'][number];
export type Level = SchoolRow['cells'][number]['level'];

export const fetchWaves = () => api<WaveView[]>('/api/waves');

export const fetchRegionPicture = (waveId: number, compareTo: number | null) =>
  api<RegionPicture>(`/api/waves/${waveId}/region-picture${compareTo ? `?compareTo=${compareTo}` : ''}`);

/** The export of the schools the screen shows: the same municipality filter, sent to the server. */
export const downloadProfiles = (waveId: number, format: 'csv' | 'xlsx', municipalityId: number | null) =>
  download(`/api/waves/${waveId}/profiles.${format}${municipalityId === null ? '' : `?municipalityId=${municipalityId}`}`);

export { narrowPicture } from '../../../../server/shared/rules/region-picture-filter';
