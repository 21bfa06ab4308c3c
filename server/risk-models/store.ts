import { isDeepStrictEqual } from 'node:util';
import type { Db } from '../db/connect.js';

interface ModelIdentity {
  id: string;
  title: string;
}

/**
 * Keeps every model version a wave may pin. A model file edited without a new id would silently change
 * old waves' profiles, so it is refused with a message that says what to do.
 */
export async function storeModelVersion(db: Db, model: ModelIdentity, file: string): Promise<void> {
  const stored = await db.selectFrom('risk_models').select('definition').where('id', '=', model.id).executeTakeFirst();
  if (!stored) {
    await db
      .insertInto('risk_models')
      .values({ id: model.id, title: model.title, definition: JSON.stringify(model) })
      .execute();
    return;
  }
  if (!isDeepStrictEqual(stored.definition, JSON.parse(JSON.stringify(model)))) {
    throw new Error(
      `${file}: model "${model.id}" differs from the version stored in the database, which waves may already use. ` +
        'Give the edited model a new "id" (for example "500plus-v2") so earlier waves keep their profiles.',
    );
  }
}

export async function loadStoredModel(db: Db, id: string): Promise<unknown> {
  const row = await db.selectFrom('risk_models').select('definition').where('id', '=', id).executeTakeFirstOrThrow();
  return row.definition;
}
