import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { newSecret, sha256 } from '../shared/hash.js';
import type { Principal } from './session.schemas.js';

/** A session lives this long after its last use; activity extends it. */
export const SESSION_IDLE_MS = 12 * 3600 * 1000;

export async function createSession(db: Db, userId: number, now = new Date()) {
  const cookie = newSecret();
  const csrfToken = newSecret(18);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await db
    .insertInto('sessions')
    .values({ id_hash: sha256(cookie), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { cookie, csrfToken, expiresAt };
}

export interface ActiveSession {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

export async function findActiveSession(db: Db, cookie: string): Promise<ActiveSession | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('schools', 'schools.id', 'users.school_id')
    .leftJoin('municipalities', (join) => join.onRef('municipalities.id', '=', sql`coalesce(users.municipality_id, schools.municipality_id)`))
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.school_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      sql<number | null>`coalesce(users.municipality_id, schools.municipality_id)`.as('municipality_id'),
      sql<number | null>`coalesce(users.region_id, municipalities.region_id)`.as('region_id'),
    ])
    .where('sessions.id_hash', '=', sha256(cookie))
    .where('sessions.expires_at', '>', new Date())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // Read at every request, so a school taken from a curator is out of its reach at its next click.
  const curated =
    row.role === 'curator'
      ? {
          curatedSchoolIds: (await db.selectFrom('curator_schools').select('school_id').where('curator_id', '=', row.id).orderBy('school_id').execute()).map(
            (r) => r.school_id,
          ),
        }
      : {};
  return {
    principal: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      regionId: row.region_id,
      municipalityId: row.municipality_id,
      schoolId: row.school_id,
      ...curated,
    },
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

/** Slides the expiry forward, but writes only when half of the idle time is gone, not on every request. */
export async function touchSession(db: Db, cookie: string, expiresAt: Date, now = new Date()) {
  if (expiresAt.getTime() - now.getTime() > SESSION_IDLE_MS / 2) return;
  await db
    .updateTable('sessions')
    .set({ expires_at: new Date(now.getTime() + SESSION_IDLE_MS) })
    .where('id_hash', '=', sha256(cookie))
    .execute();
}

export async function deleteSession(db: Db, cookie: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(cookie)).execute();
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
