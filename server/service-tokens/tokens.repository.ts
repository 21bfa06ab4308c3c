import type { Db } from '../db/connect.js';
import { newSecret, sha256 } from '../shared/hash.js';
import type { TokenPermission } from '../shared/vocabulary.js';

/** Every secret starts so, so that a secret scanner or a person recognises one pasted where it should not be. */
export const TOKEN_PREFIX = 'sk500_';
/** How much of the secret the list shows: enough to tell tokens apart, far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export interface NewServiceToken {
  name: string;
  regionId: number;
  municipalityId: number | null;
  permissions: TokenPermission[];
  requestsPerMinute: number;
  expiresAt: Date;
  createdBy: number;
}

/** Stores the token's hash and returns its secret: the only time anyone sees it. */
export async function createServiceToken(db: Db, token: NewServiceToken) {
  const secret = TOKEN_PREFIX + newSecret(32);
  const { id } = await db
    .insertInto('service_tokens')
    .values({
      name: token.name,
      token_hash: sha256(secret),
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      region_id: token.regionId,
      municipality_id: token.municipalityId,
      permissions: token.permissions,
      requests_per_minute: token.requestsPerMinute,
      expires_at: token.expiresAt,
      created_by: token.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, secret };
}

const tokenColumns = [
  'service_tokens.id',
  'service_tokens.name',
  'service_tokens.prefix',
  'service_tokens.region_id',
  'service_tokens.municipality_id',
  'service_tokens.permissions',
  'service_tokens.requests_per_minute',
  'service_tokens.created_at',
  'service_tokens.expires_at',
  'service_tokens.revoked_at',
  'service_tokens.last_used_at',
] as const;

export function findServiceTokenBySecret(db: Db, secret: string) {
  return db.selectFrom('service_tokens').select(tokenColumns).where('token_hash', '=', sha256(secret)).executeTakeFirst();
}
export type StoredServiceToken = NonNullable<Awaited<ReturnType<typeof findServiceTokenBySecret>>>;

/** Tokens with their territory's names and who made them, newest first. */
export function serviceTokensListed(db: Db) {
  return db
    .selectFrom('service_tokens')
    .innerJoin('regions', 'regions.id', 'service_tokens.region_id')
    .leftJoin('municipalities', 'municipalities.id', 'service_tokens.municipality_id')
    .leftJoin('users as creators', 'creators.id', 'service_tokens.created_by')
    .select([...tokenColumns, 'regions.name as region_name', 'municipalities.name as municipality_name', 'creators.email as created_by_email'])
    .orderBy('service_tokens.id', 'desc');
}
export type ListedServiceToken = Awaited<ReturnType<ReturnType<typeof serviceTokensListed>['executeTakeFirstOrThrow']>>;

/** Revokes a live token; false when there is no such token or it was revoked already. */
export async function revokeServiceToken(db: Db, id: number, userId: number, now = new Date()): Promise<boolean> {
  const result = await db
    .updateTable('service_tokens')
    .set({ revoked_at: now, revoked_by: userId })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markServiceTokenUsed(db: Db, id: number, now = new Date()) {
  await db.updateTable('service_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
