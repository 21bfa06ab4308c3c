import { audit } from '../audit/log.js';
import type { Db } from '../db/connect.js';
import { storedModel } from '../risk-models/stored-model.js';
import { storeModelVersion } from '../risk-models/store.js';
import { ModelError, validateModel } from '../risk-models/validate-model.js';
import { badRequest, conflict } from '../shared/errors.js';
import type { Questionnaires } from '../surveys/questionnaires.js';
import { anchorsOf, withAnchors } from './anchors.js';
import type { SaveModelBody } from './methodology.schemas.js';

/**
 * Saves the base model with new anchors as a new version under a new id. The version is checked by the same loader
 * as surveys/risk-model.json (against today's questionnaires) and stored beside the others; it only becomes
 * selectable for new waves, since a wave's model is pinned when it is created (docs/methodology.md §1, §9).
 */
export async function saveCalibratedModel(db: Db, questionnaires: Questionnaires, userId: number, body: SaveModelBody) {
  const exists = (id: string) => db.selectFrom('risk_models').select('id').where('id', '=', id).executeTakeFirst();
  if (!(await exists(body.baseModelId)))
    throw badRequest('unknown_model', `No risk model "${body.baseModelId}"; GET /api/admin/models lists the available ones`);
  if (await exists(body.id)) throw conflict('model_exists', `A risk model "${body.id}" already exists; a new version needs an id of its own`);
  const base = await storedModel(db, body.baseModelId);
  const { model: changed, problems } = withAnchors(base, body.anchors);
  if (problems.length > 0) throw modelInvalid(problems);
  const title = body.title.trim();
  const provenance = `Калибровка модели «${base.id}»${body.waveId ? ` по волне ${body.waveId}` : ''}, ${new Date().toISOString().slice(0, 10)}.`;
  const draft = { ...changed, id: body.id, title, description: base.description ? `${base.description}\n${provenance}` : provenance };
  let model;
  try {
    model = validateModel(draft, questionnaires, `model "${body.id}"`);
  } catch (error) {
    if (error instanceof ModelError) throw modelInvalid(error.problems);
    throw error;
  }
  const indicators = base.factors.flatMap((f) => f.indicators);
  const changes = body.anchors.map(({ indicatorId, best, worst }) => ({
    indicatorId,
    before: anchorsOf(indicators.find((ind) => ind.id === indicatorId)!),
    after: { best, worst },
  }));
  await db.transaction().execute(async (trx) => {
    await storeModelVersion(trx, model, `model "${body.id}"`);
    await audit(trx, {
      userId,
      action: 'model.calibrate',
      entity: 'risk_model',
      entityId: body.id,
      details: { baseModelId: base.id, waveId: body.waveId ?? null, title, changes },
    });
  });
  const row = await db.selectFrom('risk_models').select(['id', 'title', 'created_at']).where('id', '=', body.id).executeTakeFirstOrThrow();
  return { id: row.id, title: row.title, createdAt: row.created_at.toISOString(), derivedFrom: base.id };
}

function modelInvalid(problems: string[]) {
  return badRequest('model_invalid', `The calibrated model is not valid: ${problems.join('; ')}`, { problems });
}
