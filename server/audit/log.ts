import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface AuditEntry {
  userId: number | null;
  /** The service token that acted, when no person did. */
  tokenId?: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Takes the caller's transaction, so a change and its audit record are written together or not at all. */
export async function audit(db: Kysely<Database>, entry: AuditEntry) {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      token_id: entry.tokenId ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
