import { audit } from '../audit/log.js';
import type { Db } from '../db/connect.js';
import { storedModel } from '../risk-models/stored-model.js';
import { storeModelVersion } from '../risk-models/store.js';
import { ModelError, validateModel } from '../risk-models/validate-model.js';
import type { RiskModel } from '../scoring/model.js';
import { badRequest, conflict, notFound } from '../shared/errors.js';
import { waveQuestionnaires } from '../surveys/pinned-questionnaires.js';
import type { Questionnaires } from '../surveys/questionnaires.js';
import { deriveModel, type ModelChange } from './derivation.js';
import type { ModelEdit, SaveModelBody } from './methodology.schemas.js';

/** A stored model to derive from, with the questionnaires it was checked against and that its versions keep. */
export interface Base {
  model: RiskModel;
  questionnaires: Questionnaires;
  questionnairesId: string;
}

export async function baseModel(db: Db, id: string): Promise<Base> {
  const row = await db.selectFrom('risk_models').select('questionnaires_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw badRequest('unknown_model', `No risk model "${id}"; GET /api/admin/models lists the available ones`);
  if (!row.questionnaires_id)
    throw conflict('model_without_questionnaires', `The model "${id}" has no stored questionnaires; restart the server to store them`);
  const model = await storedModel(db, id);
  const questionnaires = await waveQuestionnaires(db, { questionnaires_id: row.questionnaires_id, model_id: id });
  return { model, questionnaires, questionnairesId: row.questionnaires_id };
}

/** A stored model whole, for the workbench to show its fields. */
export async function modelDefinition(db: Db, id: string): Promise<RiskModel> {
  const row = await db.selectFrom('risk_models').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('model_not_found', `No risk model "${id}"`);
  return storedModel(db, id);
}

/**
 * The base with the edits made, checked by the same loader as surveys/risk-model.json against the base's
 * questionnaires; or 400 `model_invalid` listing every problem, those of the edits and those the loader finds.
 */
export function derivedModel(base: Base, edits: readonly ModelEdit[], identity?: Pick<RiskModel, 'id' | 'title' | 'description'>) {
  const { draft, problems, changes } = deriveModel(base.model, edits);
  const named = identity ? { ...draft, ...identity } : draft;
  let model: RiskModel | undefined;
  try {
    model = validateModel(named, base.questionnaires, `model "${named.id}"`);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !model) throw modelInvalid(problems);
  return { model, changes };
}

/**
 * Saves a derived model as a new version under a new id, stored with the base's questionnaires. It only becomes
 * selectable for new waves, which then pin those questionnaires too; no existing wave changes (docs/methodology.md §1, §9).
 */
export async function saveDerivedModel(db: Db, userId: number, body: SaveModelBody) {
  const exists = async (id: string) => (await db.selectFrom('risk_models').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  const base = await baseModel(db, body.baseModelId);
  if (await exists(body.id)) throw taken(body.id);
  const wave = body.waveId === undefined ? undefined : await db.selectFrom('waves').select(['id', 'title']).where('id', '=', body.waveId).executeTakeFirst();
  if (body.waveId !== undefined && !wave) throw notFound('wave_not_found', `No wave ${body.waveId}`);
  const title = body.title.trim();
  const provenance = `Производная модели «${base.model.id}»${wave ? ` по волне «${wave.title}» (${wave.id})` : ''}, ${new Date().toISOString().slice(0, 10)}.`;
  const description = base.model.description ? `${base.model.description}\n${provenance}` : provenance;
  const { model, changes } = derivedModel(base, body.edits, { id: body.id, title, description });
  await db.transaction().execute(async (trx) => {
    // Two saves of one new id at once both pass the check above; the primary key refuses the second.
    await storeModelVersion(trx, model, `model "${body.id}"`, base.questionnairesId).catch((error: unknown) => {
      throw (error as { code?: unknown }).code === UNIQUE_VIOLATION ? taken(body.id) : error;
    });
    await audit(trx, {
      userId,
      action: 'model.derive',
      entity: 'risk_model',
      entityId: body.id,
      details: { baseModelId: base.model.id, waveId: body.waveId ?? null, title, changes: changes satisfies ModelChange[] },
    });
  });
  const row = await db.selectFrom('risk_models').select(['id', 'title', 'created_at']).where('id', '=', body.id).executeTakeFirstOrThrow();
  return { id: row.id, title: row.title, createdAt: row.created_at.toISOString(), derivedFrom: base.model.id };
}

const UNIQUE_VIOLATION = '23505';

function taken(id: string) {
  return conflict('model_exists', `A risk model "${id}" already exists; a new version needs an id of its own`);
}

function modelInvalid(problems: string[]) {
  return badRequest('model_invalid', `The model is not valid: ${problems.join('; ')}`, { problems });
}
