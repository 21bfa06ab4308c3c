import type { Static } from '@fastify/type-provider-typebox';
import type {
  CreatedWave,
  CreateWaveBody,
  ExpectedBody,
  ExpectedCorrected,
  ModelView,
  UpdateWaveBody,
  WaveDetail,
  WaveView,
} from '../../../../server/admin/waves/waves.schemas';
import type {
  AccessChanged,
  CodesView,
  LinksConfig,
  ReconciledView,
  ReplacedLink,
  SheetView,
  WaveLinksView,
} from '../../../../server/admin/links/links.schemas';
import type { RegionList } from '../../../../server/admin/roster/roster.schemas';
import type { Role } from '../../../../server/shared/roles';
import type { AccessMode } from '../../../../server/shared/vocabulary';
import { api, download } from '../../shared/api';

// Only types cross over from the server: the shapes the routes validate and document are the ones used here.
export type { AccessMode, Role };
export type Wave = Static<typeof WaveView>;
export type WaveDetails = Static<typeof WaveDetail>;
export type RiskModel = Static<typeof ModelView>;
export type WaveSchoolLinks = Static<typeof WaveLinksView>['schools'][number];
export type RoleCell = WaveSchoolLinks['roles'][Role];
export type Sheet = Static<typeof SheetView>;
export type Codes = Static<typeof CodesView>;

// A plain constant without imports, so sharing it costs the bundle nothing.
export { ROLES } from '../../shared/roles';

export const listWaves = () => api<Wave[]>('/api/admin/waves');
export const listModels = () => api<RiskModel[]>('/api/admin/models');
export const listRegions = async () => (await api<RegionList>('/api/admin/regions')).regions;
export const getWave = (id: number) => api<WaveDetails>(`/api/admin/waves/${id}`);
export const createWave = (body: Static<typeof CreateWaveBody>) => api<Static<typeof CreatedWave>>('/api/admin/waves', { method: 'POST', json: body });
export const updateWave = (id: number, body: Static<typeof UpdateWaveBody>) => api<Wave>(`/api/admin/waves/${id}`, { method: 'PATCH', json: body });
export const getLinksConfig = () => api<Static<typeof LinksConfig>>('/api/admin/links/config');
export const getWaveLinks = async (id: number) => (await api<Static<typeof WaveLinksView>>(`/api/admin/waves/${id}/links`)).schools;
export const syncLinks = (id: number) => api<Static<typeof ReconciledView>>(`/api/admin/waves/${id}/links/sync`, { method: 'POST' });
export const setAccess = (id: number, role: Role, mode: AccessMode) =>
  api<Static<typeof AccessChanged>>(`/api/admin/waves/${id}/access`, { method: 'PUT', json: { role, mode } });
export const correctExpected = (waveId: number, body: Static<typeof ExpectedBody>) =>
  api<Static<typeof ExpectedCorrected>>(`/api/admin/waves/${waveId}/expected`, { method: 'PATCH', json: body });
export const replaceLink = (linkId: number) => api<Static<typeof ReplacedLink>>(`/api/admin/links/${linkId}/replace`, { method: 'POST' });
export const getSheet = (waveId: number, schoolId: number) => api<Sheet>(`/api/admin/waves/${waveId}/schools/${schoolId}/sheet`);
export const getCodes = (waveId: number, schoolId: number, role?: Role) =>
  api<Codes>(`/api/admin/waves/${waveId}/schools/${schoolId}/codes${role ? `?role=${role}` : ''}`);
export const downloadLinks = (waveId: number, format: 'csv' | 'xlsx') => download(`/api/admin/waves/${waveId}/links.${format}`);
