import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../db/connect.js';

interface ModelIdentity {
  id: string;
  title: string;
}

/**
 * Keeps every model version a wave may pin, with the questionnaires it was checked against: new waves of the
 * model are answered with those (a wave pins them when it is created, migration 0014). A model file edited
 * without a new id would silently change old waves' profiles, so it is refused with a message that says what to
 * do; its questionnaires may change (a reworded question), and only waves created from then on see the change.
 */
export async function storeModelVersion(db: Db, model: ModelIdentity, file: string, questionnairesId: string): Promise<void> {
  const stored = await db.selectFrom('risk_models').select(['definition', 'questionnaires_id']).where('id', '=', model.id).executeTakeFirst();
  if (!stored) {
    await db
      .insertInto('risk_models')
      .values({ id: model.id, title: model.title, definition: JSON.stringify(model), questionnaires_id: questionnairesId })
      .execute();
    return;
  }
  if (!isDeepStrictEqual(stored.definition, JSON.parse(JSON.stringify(model)))) {
    throw new Error(
      `${file}: model "${model.id}" differs from the version stored in the database, which waves may already use. ` +
        'Give the edited model a new "id" (for example "500plus-v2") so earlier waves keep their profiles.',
    );
  }
  if (stored.questionnaires_id !== questionnairesId) {
    await db.updateTable('risk_models').set({ questionnaires_id: questionnairesId }).where('id', '=', model.id).execute();
  }
}

export async function loadStoredModel(db: Db, id: string): Promise<unknown> {
  const row = await db.selectFrom('risk_models').select('definition').where('id', '=', id).executeTakeFirstOrThrow();
  return row.definition;
}
