import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { latestConsent } from '../auth/consent.repository.js';
import { STAFF_CONSENT_VERSION } from '../shared/rules/staff-consent.js';
import type { MyData } from './my-data.schemas.js';

export async function myData(db: Db, userId: number): Promise<MyData> {
  const [user, consent] = await Promise.all([
    db
      .selectFrom('users')
      .leftJoin('regions', 'regions.id', 'users.region_id')
      .leftJoin('municipalities', 'municipalities.id', 'users.municipality_id')
      .leftJoin('schools', 'schools.id', 'users.school_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.role',
        sql<string | null>`coalesce(regions.name, municipalities.name, schools.name)`.as('scopeName'),
        'users.created_at',
        'users.last_login_at',
        'users.previous_login_at',
      ])
      .where('users.id', '=', userId)
      .executeTakeFirstOrThrow(),
    latestConsent(db, userId),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    scopeName: user.scopeName,
    createdAt: user.created_at.toISOString(),
    consent: consent ? { version: consent.version, givenAt: consent.given_at.toISOString() } : null,
    currentConsentVersion: STAFF_CONSENT_VERSION,
    lastLoginAt: user.last_login_at?.toISOString() ?? null,
    previousLoginAt: user.previous_login_at?.toISOString() ?? null,
  };
}
