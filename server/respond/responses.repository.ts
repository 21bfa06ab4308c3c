import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { LinkFacts } from './links.repository.js';

export interface NewResponse {
  clientKey: string;
  answers: Record<string, unknown>;
  durationSeconds: number | null;
}

export type StoreResult =
  | { status: 'stored' | 'replayed'; id: number }
  | { status: 'key-taken' | 'code-used' }
  /** Nothing stored: the link was revoked or its wave is not open (at the moment of the insert). */
  | { status: 'link-closed' };

const UNIQUE_VIOLATION = '23505';

/**
 * One statement, so a response is stored whole or not at all, and only while its link is live and its wave
 * open: the check and the insert are the same statement, so a link revoked a moment ago stores nothing. The
 * client key makes a retry return the first row instead of adding one (even after the link closed: that
 * answer was stored while it was open); a single-use code's unique column makes it answer once.
 */
export async function storeResponse(db: Db, link: LinkFacts, response: NewResponse): Promise<StoreResult> {
  try {
    // Written as SQL rather than with the query builder: this is the statement every respondent waits for,
    // and building it costs ten times less this way (see bench/http-submissions.ts).
    const { rows } = await sql<{ id: number }>`
      insert into responses (wave_id, school_id, role, link_id, client_key, answers, duration_seconds, code_link_id)
      select links.wave_id, links.school_id, links.role, links.id,
             cast(${response.clientKey} as uuid), cast(${JSON.stringify(response.answers)} as jsonb), cast(${response.durationSeconds} as integer),
             case when links.kind = 'code' then links.id end
      from links join waves on waves.id = links.wave_id
      where links.id = ${link.id} and links.revoked_at is null and now() >= waves.opens_at and now() < waves.closes_at
      on conflict (client_key) do nothing
      returning id`.execute(db);
    const inserted = rows[0];
    if (inserted) return { status: 'stored', id: inserted.id };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const replay = await findByClientKey(db, response.clientKey);
    return replay?.link_id === link.id ? { status: 'replayed', id: replay.id } : { status: 'code-used' };
  }
  const existing = await findByClientKey(db, response.clientKey);
  if (!existing) return { status: 'link-closed' };
  return existing.link_id === link.id ? { status: 'replayed', id: existing.id } : { status: 'key-taken' };
}

function findByClientKey(db: Db, clientKey: string) {
  return db.selectFrom('responses').select(['id', 'link_id']).where('client_key', '=', clientKey).executeTakeFirst();
}
