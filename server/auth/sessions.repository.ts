import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { newSecret, sha256 } from '../shared/hash.js';
import type { Principal } from './session.schemas.js';

/**
 * A session ends 30 minutes after its last request, in production and everywhere else: a coordinator's screen left
 * open in a staff room is not an open door for the day. Each request slides the end forward (see `touchSession`).
 */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
const TOUCH_EVERY_MS = 60_000;
/** However busy, a session ends 12 hours after login: a stolen cookie is not good forever. */
export const SESSION_MAX_MS = 12 * 3600 * 1000;

export async function createSession(db: Db, userId: number, now = new Date()) {
  const cookie = newSecret();
  const csrfToken = newSecret(18);
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await db
    .insertInto('sessions')
    .values({ id_hash: sha256(cookie), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt })
    .execute();
  // The cookie lasts as long as the session could: the idle end moves on the server, the cookie is never rewritten.
  return { cookie, csrfToken, expiresAt, cookieExpiresAt: new Date(now.getTime() + SESSION_MAX_MS) };
}

export interface ActiveSession {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
  createdAt: Date;
}

export async function findActiveSession(db: Db, cookie: string, now = new Date()): Promise<ActiveSession | null> {
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
      'sessions.created_at',
      sql<number | null>`coalesce(users.municipality_id, schools.municipality_id)`.as('municipality_id'),
      sql<number | null>`coalesce(users.region_id, municipalities.region_id)`.as('region_id'),
    ])
    .where('sessions.id_hash', '=', sha256(cookie))
    .where('sessions.expires_at', '>', now)
    .where('sessions.created_at', '>', new Date(now.getTime() - SESSION_MAX_MS))
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
    createdAt: row.created_at,
  };
}

/**
 * Slides the expiry forward, never past the session's maximum. It writes at most once a minute, not on every
 * request: the session ends between 29 and 30 minutes after the last request.
 */
export async function touchSession(db: Db, cookie: string, session: Pick<ActiveSession, 'expiresAt' | 'createdAt'>, now = new Date()) {
  if (session.expiresAt.getTime() - now.getTime() > SESSION_IDLE_MS - TOUCH_EVERY_MS) return;
  const end = Math.min(now.getTime() + SESSION_IDLE_MS, session.createdAt.getTime() + SESSION_MAX_MS);
  await db
    .updateTable('sessions')
    .set({ expires_at: new Date(end) })
    .where('id_hash', '=', sha256(cookie))
    .execute();
}

export async function deleteSession(db: Db, cookie: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(cookie)).execute();
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
