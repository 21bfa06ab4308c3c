import { audit } from '../audit/log.js';
import type { Db } from '../db/connect.js';
import { storedModel } from '../risk-models/stored-model.js';
import { storeModelVersion } from '../risk-models/store.js';
import { ModelError, validateModel } from '../risk-models/validate-model.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import { anchorsOf, withAnchors } from './anchors.js';
import type { SaveModelBody } from './methodology.schemas.js';

/**
 * Saves the base model with new anchors as a new version under a new id. The version is checked by the same loader
 * as surveys/risk-model.json, against the questionnaires of the base model, and stored with them; it only becomes
 * selectable for new waves, which then pin those questionnaires too (docs/methodology.md §1, §9).
 */
export async function saveCalibratedModel(db: Db, userId: number, body: SaveModelBody) {
  const exists = (id: string) => db.selectFrom('risk_models').select(['id', 'questionnaires_id']).where('id', '=', id).executeTakeFirst();
  const baseRow = await exists(body.baseModelId);
  if (!baseRow) throw badRequest('unknown_model', `No risk model "${body.baseModelId}"; GET /api/admin/models lists the available ones`);
  const questionnairesId = baseRow.questionnaires_id;
  if (!questionnairesId)
    throw conflict('model_without_questionnaires', `The model "${body.baseModelId}" has no stored questionnaires; restart the server to store them`);
  if (await exists(body.id)) throw taken(body.id);
  const wave = body.waveId === undefined ? undefined : await db.selectFrom('waves').select(['id', 'title']).where('id', '=', body.waveId).executeTakeFirst();
  if (body.waveId !== undefined && !wave) throw notFound('wave_not_found', `No wave ${body.waveId}`);
  const base = await storedModel(db, body.baseModelId);
  const questionnaires = await waveQuestionnaires(db, { questionnaires_id: questionnairesId, model_id: base.id });
  const { model: changed, problems } = withAnchors(base, body.anchors);
  if (problems.length > 0) throw modelInvalid(problems);
  const title = body.title.trim();
  const provenance = `Калибровка модели «${base.id}»${wave ? ` по волне «${wave.title}» (${wave.id})` : ''}, ${new Date().toISOString().slice(0, 10)}.`;
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
    // Two saves of one new id at once both pass the check above; the primary key refuses the second.
    await storeModelVersion(trx, model, `model "${body.id}"`, questionnairesId).catch((error: unknown) => {
      throw (error as { code?: unknown }).code === UNIQUE_VIOLATION ? taken(body.id) : error;
    });
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

const UNIQUE_VIOLATION = '23505';

function taken(id: string) {
  return conflict('model_exists', `A risk model "${id}" already exists; a new version needs an id of its own`);
}

function modelInvalid(problems: string[]) {
  return badRequest('model_invalid', `The calibrated model is not valid: ${problems.join('; ')}`, { problems });
}
