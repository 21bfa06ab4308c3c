import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { onlySchoolsInScope } from '../auth/scope.js';
import type { Principal } from '../auth/principal.js';
import { ROLES, type Role } from '../shared/roles.js';

/** The wave with its status and the time, both by the database clock the respondent routes accept answers by. */
export function participationWave(db: Db, waveId: number) {
  return db
    .selectFrom('waves')
    .select([
      'id',
      'title',
      'region_id',
      'opens_at',
      'closes_at',
      'target',
      sql<'planned' | 'open' | 'closed'>`case when now() < opens_at then 'planned' when now() >= closes_at then 'closed' else 'open' end`.as('status'),
      sql<Date>`now()`.as('now'),
    ])
    .where('id', '=', waveId)
    .executeTakeFirstOrThrow();
}

export type ParticipationWave = Awaited<ReturnType<typeof participationWave>>;

const sumFor = (role: Role) => sql<number>`coalesce(sum(responses) filter (where role = ${role}), 0)::int`;

/** One school as the database packs it: positional, because a region is thousands of them. */
type PackedSchool = [id: number, code: string, name: string, municipalityId: number, municipalityName: string, ...counts: number[]];

export interface SchoolCountsRow {
  id: number;
  code: string;
  name: string;
  municipalityId: number;
  municipalityName: string;
  expected: Record<Role, number>;
  responses: Record<Role, number>;
  fastResponses: number;
}

/** Russian alphabetical order, with numbers by value: «Школа № 9» before «Школа № 10». */
const byName = new Intl.Collator('ru', { numeric: true });

/**
 * Every school of the wave's region that the caller may see, with its expected respondents and the wave's
 * counters summed over their shards. Reads the counters, never the responses, so a region of thousands of
 * schools and millions of answers costs one small aggregate. The rows come back as one JSON array of arrays:
 * decoding that is a few times cheaper than thousands of wide result rows.
 */
export async function schoolCounts(db: Db, wave: { id: number; region_id: number }, principal: Principal): Promise<SchoolCountsRow[]> {
  const counts = db
    .selectFrom('participation_counts')
    .select(['school_id', ...ROLES.map((role) => sumFor(role).as(role)), sql<number>`coalesce(sum(fast_responses), 0)::int`.as('fast')])
    .where('wave_id', '=', wave.id)
    .groupBy('school_id');

  const schools = onlySchoolsInScope(
    db.selectFrom('schools').innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id'),
    principal,
  );
  const { packed } = await schools
    .leftJoin(counts.as('c'), 'c.school_id', 'schools.id')
    .select(
      sql<PackedSchool[]>`coalesce(json_agg(json_build_array(
        schools.id, schools.code, schools.name, schools.municipality_id, municipalities.name,
        schools.expected_principal, schools.expected_teacher, schools.expected_student, schools.expected_parent,
        coalesce(c.principal, 0), coalesce(c.teacher, 0), coalesce(c.student, 0), coalesce(c.parent, 0), coalesce(c.fast, 0)
      )), '[]')`.as('packed'),
    )
    .where('municipalities.region_id', '=', wave.region_id)
    .executeTakeFirstOrThrow();
  // Sorted here, not by the database: a Russian collation sorts 3,000 names in PostgreSQL slower than the rest
  // of the query takes, and the database's collation (often C) need not be Russian at all.
  packed.sort((a, b) => byName.compare(a[4], b[4]) || byName.compare(a[2], b[2]) || a[0] - b[0]);
  return packed.map(([id, code, name, municipalityId, municipalityName, ep, et, es, epa, rp, rt, rs, rpa, fast]) => ({
    id,
    code,
    name,
    municipalityId,
    municipalityName,
    expected: { principal: ep, teacher: et, student: es, parent: epa },
    responses: { principal: rp, teacher: rt, student: rs, parent: rpa },
    fastResponses: fast,
  }));
}

/**
 * The wave's total of responses: the live view polls it and tells browsers to reload when it moves. One
 * deletion and one new answer between two polls cancel out; deletions are rare and the next answer shows both.
 */
export async function participationVersion(db: Db, waveId: number): Promise<number> {
  const row = await db
    .selectFrom('participation_counts')
    .select(sql<number>`coalesce(sum(responses), 0)::int`.as('total'))
    .where('wave_id', '=', waveId)
    .executeTakeFirstOrThrow();
  return row.total;
}

export function schoolRef(db: Db, schoolId: number) {
  return db.selectFrom('schools').select(['id', 'code', 'name']).where('id', '=', schoolId).executeTakeFirstOrThrow();
}
