import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffPrincipal } from '../auth/hooks.js';
import { storedModel } from '../risk-models/stored-model.js';
import { IdParams } from '../shared/vocabulary.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import { assertWaveVisible } from '../territory/assert.js';
import { calibrationOf } from './calibration.js';
import { derivePreview } from './derive-preview.js';
import { modelDefinition, saveDerivedModel } from './derived-model.js';
import { ITEM_RULES, itemQuality } from './item-quality.js';
import {
  CalibrationView,
  DerivePreview,
  DerivePreviewBody,
  ModelDefinition,
  ModelParams,
  QualityView,
  SavedModel,
  SaveModelBody,
} from './methodology.schemas.js';
import { SCALE_RULES, scaleQuality } from './scale-reliability.js';

/**
 * The methodology workbench (docs/methodology.md §9), for administrators only: it reads a whole region's answers,
 * and its figures, though aggregates, are not released by the rules a school team's views keep.
 */
export const methodologyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/methodology/waves/:id/calibration',
    { schema: { params: IdParams, response: { 200: CalibrationView } }, config: { access: 'admin' } },
    async (req) => {
      const caller = staffPrincipal(req);
      return calibrationOf(app.db, await assertWaveVisible(app.db, caller, req.params.id), caller);
    },
  );

  app.post(
    '/api/admin/methodology/waves/:id/derive-preview',
    { schema: { params: IdParams, body: DerivePreviewBody, response: { 200: DerivePreview } }, config: { access: 'admin' } },
    async (req) => {
      const caller = staffPrincipal(req);
      return derivePreview(app.db, await assertWaveVisible(app.db, caller, req.params.id), caller, req.body);
    },
  );

  app.get(
    '/api/admin/methodology/models/:modelId',
    { schema: { params: ModelParams, response: { 200: ModelDefinition } }, config: { access: 'admin' } },
    async (req) => modelDefinition(app.db, req.params.modelId),
  );

  app.post(
    '/api/admin/methodology/models',
    { schema: { body: SaveModelBody, response: { 201: SavedModel } }, config: { access: 'admin' } },
    async (req, reply) => reply.code(201).send(await saveDerivedModel(app.db, staffPrincipal(req).id, req.body)),
  );

  app.get(
    '/api/admin/methodology/waves/:id/quality',
    { schema: { params: IdParams, response: { 200: QualityView } }, config: { access: 'admin' } },
    async (req) => {
      const wave = await assertWaveVisible(app.db, staffPrincipal(req), req.params.id);
      const model = await storedModel(app.db, wave.model_id);
      // The scales of the questionnaires the wave was answered with.
      const questionnaires = await waveQuestionnaires(app.db, wave);
      const [items, scales] = await Promise.all([itemQuality(app.db, wave.id, model, questionnaires), scaleQuality(app.db, wave.id, model)]);
      return {
        wave: { id: wave.id, title: wave.title },
        model: { id: model.id, title: model.title },
        rules: {
          iccSchools: ITEM_RULES.iccSchools,
          iccMinAnswers: ITEM_RULES.iccMinAnswers,
          extremesSchools: ITEM_RULES.extremesSchools,
          scaleRespondents: SCALE_RULES.respondents,
          scaleSchools: SCALE_RULES.schools,
          dontKnow: ITEM_RULES.dontKnow,
          extremes: ITEM_RULES.extremes,
          icc2: ITEM_RULES.icc2,
          alpha: SCALE_RULES.alpha,
          itemRest: SCALE_RULES.itemRest,
          itemRestStrong: SCALE_RULES.itemRestStrong,
        },
        items,
        scales,
      };
    },
  );
};
