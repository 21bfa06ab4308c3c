import type { Db } from '../db/connect.js';
import type { LinkWithContext } from './links.repository.js';

export interface NewResponse {
  clientKey: string;
  answers: Record<string, unknown>;
  durationSeconds: number | null;
}

export type StoreResult =
  | { status: 'stored' | 'replayed'; id: number }
  | { status: 'key-taken' | 'code-used' };

const UNIQUE_VIOLATION = '23505';

/**
 * One statement, so a response is stored whole or not at all. The client key makes a retry return the
 * first row instead of adding one; a single-use code's unique column makes it answer once.
 */
export async function storeResponse(db: Db, link: LinkWithContext, response: NewResponse): Promise<StoreResult> {
  try {
    const inserted = await db
      .insertInto('responses')
      .values({
        wave_id: link.wave_id,
        school_id: link.school_id,
        role: link.role,
        link_id: link.id,
        client_key: response.clientKey,
        answers: JSON.stringify(response.answers),
        duration_seconds: response.durationSeconds,
        code_link_id: link.kind === 'code' ? link.id : null,
      })
      .onConflict((oc) => oc.column('client_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { status: 'stored', id: inserted.id };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const replay = await findByClientKey(db, response.clientKey);
    return replay?.link_id === link.id ? { status: 'replayed', id: replay.id } : { status: 'code-used' };
  }
  const existing = await findByClientKey(db, response.clientKey);
  return existing?.link_id === link.id ? { status: 'replayed', id: existing.id } : { status: 'key-taken' };
}

function findByClientKey(db: Db, clientKey: string) {
  return db.selectFrom('responses').select(['id', 'link_id']).where('client_key', '=', clientKey).executeTakeFirst();
}
