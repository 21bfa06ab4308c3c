import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { AccountStatus } from './accounts.schemas.js';
import { sortSchools } from '../../shared/rules/school-names.js';

export function listAccounts(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .leftJoin('municipalities', 'municipalities.id', 'users.municipality_id')
    .leftJoin('schools', 'schools.id', 'users.school_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.region_id as regionId',
      'users.municipality_id as municipalityId',
      'users.school_id as schoolId',
      sql<string | null>`coalesce(regions.name, municipalities.name, schools.name)`.as('scopeName'),
      sql<AccountStatus>`case when users.anonymised_at is not null then 'anonymised' when users.disabled_at is not null then 'disabled' when users.password_hash is null then 'invited' else 'active' end`.as(
        'status',
      ),
      sql<boolean>`users.totp_secret is not null`.as('twoFactor'),
      'users.created_at as createdAt',
    ])
    .orderBy('users.role')
    .orderBy('users.email')
    .execute();
}

/** Every region with its municipalities and schools: what an account can be scoped to. */
export async function listTerritories(db: Db) {
  const [regions, municipalities, schools] = await Promise.all([
    db.selectFrom('regions').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('municipalities').select(['id', 'name', 'region_id as regionId']).orderBy('name').execute(),
    db.selectFrom('schools').select(['id', 'code', 'name', 'municipality_id as municipalityId']).execute(),
  ]);
  return { regions, municipalities, schools: sortSchools(schools, (s) => s) };
}

export async function scopeExists(db: Db, table: 'regions' | 'municipalities' | 'schools', id: number): Promise<boolean> {
  return !!(await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
}

export async function setDisabled(db: Db, userId: number, disabled: boolean) {
  const result = await db
    .updateTable('users')
    .set({ disabled_at: disabled ? new Date() : null })
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
