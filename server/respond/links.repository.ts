import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

export function findLinkByToken(db: Db, token: string) {
  return db
    .selectFrom('links')
    .innerJoin('waves', 'waves.id', 'links.wave_id')
    .innerJoin('schools', 'schools.id', 'links.school_id')
    .innerJoin('regions', 'regions.id', 'waves.region_id')
    .select([
      'links.id',
      'links.role',
      'links.kind',
      'links.revoked_at',
      'links.wave_id',
      'links.school_id',
      'schools.name as school_name',
      'waves.title as wave_title',
      'waves.opens_at',
      'waves.closes_at',
      'regions.time_zone',
      sql<boolean>`now() >= waves.opens_at and now() < waves.closes_at`.as('wave_open'),
    ])
    .where('links.token', '=', token)
    .executeTakeFirst();
}

export type LinkWithContext = NonNullable<Awaited<ReturnType<typeof findLinkByToken>>>;

/** What a token means for good: a link's wave, school, role and kind never change, only whether it is live. */
export type LinkFacts = Pick<LinkWithContext, 'id' | 'role' | 'kind' | 'wave_id' | 'school_id'>;
