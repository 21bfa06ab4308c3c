import type { Static } from '@fastify/type-provider-typebox';
import type {
  CalibrationView,
  LevelsPreview,
  LevelsPreviewBody,
  QualityView,
  SavedModel,
  SaveModelBody,
} from '../../../../server/methodology/methodology.schemas';
import { api } from '../../shared/api';

export type Calibration = CalibrationView;
export type CalibrationIndicator = Calibration['indicators'][number];
export type FactorLevels = Calibration['factors'][number];
export type Quality = QualityView;
export type AnchorChange = Static<typeof LevelsPreviewBody>['anchors'][number];

export const getCalibration = (waveId: number) => api<Calibration>(`/api/admin/methodology/waves/${waveId}/calibration`);
export const previewLevels = (waveId: number, anchors: AnchorChange[]) =>
  api<Static<typeof LevelsPreview>>(`/api/admin/methodology/waves/${waveId}/levels`, { method: 'POST', json: { anchors } });
export const saveModel = (body: Static<typeof SaveModelBody>) =>
  api<Static<typeof SavedModel>>('/api/admin/methodology/models', { method: 'POST', json: body });
export const getQuality = (waveId: number) => api<Quality>(`/api/admin/methodology/waves/${waveId}/quality`);
