import type { Static } from '@fastify/type-provider-typebox';
import type {
  CalibrationView,
  DerivePreview,
  DerivePreviewBody,
  ModelDefinition,
  ModelEdit,
  QualityView,
  SavedModel,
  SaveModelBody,
} from '../../../../server/methodology/methodology.schemas';
import { api } from '../../shared/api';

export type Calibration = CalibrationView;
export type CalibrationIndicator = Calibration['indicators'][number];
export type FactorLevels = Calibration['factors'][number];
export type Quality = QualityView;
export type { DerivePreview, ModelEdit };
export type Model = Static<typeof ModelDefinition>;

export const getCalibration = (waveId: number) => api<Calibration>(`/api/admin/methodology/waves/${waveId}/calibration`);
export const getModel = (id: string) => api<Model>(`/api/admin/methodology/models/${encodeURIComponent(id)}`);
export const previewDerivation = (waveId: number, body: DerivePreviewBody) =>
  api<DerivePreview>(`/api/admin/methodology/waves/${waveId}/derive-preview`, { method: 'POST', json: body });
export const saveModel = (body: Static<typeof SaveModelBody>) =>
  api<Static<typeof SavedModel>>('/api/admin/methodology/models', { method: 'POST', json: body });
export const getQuality = (waveId: number) => api<Quality>(`/api/admin/methodology/waves/${waveId}/quality`);
