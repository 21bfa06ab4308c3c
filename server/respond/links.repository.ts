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
      'waves.model_id',
      'waves.questionnaires_id',
      'schools.name as school_name',
      'waves.title as wave_title',
      'waves.opens_at',
      'waves.closes_at',
      'regions.time_zone',
      sql<boolean>`now() >= waves.opens_at and now() < waves.closes_at`.as('wave_open'),
      // Read for the burst rule only, which needs no more than an upper bound of honest answers.
      sql<number>`case links.role when 'principal' then schools.expected_principal when 'teacher' then schools.expected_teacher
        when 'student' then schools.expected_student else schools.expected_parent end`.as('expected'),
    ])
    .where('links.token', '=', token)
    .executeTakeFirst();
}

export type LinkWithContext = NonNullable<Awaited<ReturnType<typeof findLinkByToken>>>;

/** What a token means for good: a link's wave, school, role and kind never change, only whether it is live. */
export type LinkFacts = Pick<LinkWithContext, 'id' | 'role' | 'kind' | 'wave_id' | 'school_id' | 'expected'>;

/** A link's facts with what its wave pinned, which never changes once the wave has answers (waves.routes.ts). */
export type KnownLink = LinkFacts & Pick<LinkWithContext, 'model_id' | 'questionnaires_id'>;

/** Whether a single-use code was answered: only its own answer has code_link_id set to it (a unique index). */
export async function isCodeUsed(db: Db, linkId: number): Promise<boolean> {
  const row = await db.selectFrom('responses').select('id').where('code_link_id', '=', linkId).executeTakeFirst();
  return row !== undefined;
}

/** The link a short code typed at /c stands for, live or not: its page says which. */
export async function findTokenByShortCode(db: Db, shortCode: string): Promise<string | undefined> {
  const row = await db.selectFrom('links').select('token').where('short_code', '=', shortCode).executeTakeFirst();
  return row?.token;
}
