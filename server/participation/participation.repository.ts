import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { ROLES, type Role } from '../shared/roles.js';
import { waveStatus } from '../db/wave-status.js';
import { schoolsInScope, seesWholeRegion, type Caller } from '../territory/scope.js';
import { schoolIdsInScope } from '../territory/schools.repository.js';
import type { SchoolTotal } from './participation-events.js';
import type { RosterCache, RosterSchool } from './roster-cache.js';

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
      'roster_frozen_at',
      'roster_version',
      (eb) => eb.selectFrom('regions').select('regions.roster_version').whereRef('regions.id', '=', 'waves.region_id').$asScalar().as('region_roster_version'),
      (eb) => eb.selectFrom('regions').select('time_zone').whereRef('regions.id', '=', 'waves.region_id').$asScalar().as('time_zone'),
      waveStatus.as('status'),
      sql<Date>`now()`.as('now'),
    ])
    .where('id', '=', waveId)
    .executeTakeFirstOrThrow();
}

export type ParticipationWave = Awaited<ReturnType<typeof participationWave>>;

const sumFor = (role: Role) => sql<number>`coalesce(sum(responses) filter (where role = ${role}), 0)::int`;

/** Each role's answers by their fate (docs/methodology.md §7): counted (some marked), held until a coordinator decides, excluded. */
export interface RoleCounts {
  responses: number;
  held: number;
  excluded: number;
  markedCounted: number;
  /** Counted answers typed in from paper questionnaires; part of `responses`. */
  paper: number;
}

export interface SchoolCountsRow extends RosterSchool {
  counts: Record<Role, RoleCounts>;
}

const NO_COUNTS: RoleCounts = { responses: 0, held: 0, excluded: 0, markedCounted: 0, paper: 0 };

/**
 * Every school of the wave's region that the caller may see, with its expected respondents and the wave's
 * counters summed over their shards. Reads the counters, never the responses, so a region of thousands of
 * schools and millions of answers costs one small aggregate; the wave's roster comes from memory while it is unchanged.
 */
export async function schoolCounts(db: Db, rosters: RosterCache, wave: ParticipationWave, caller: Caller): Promise<SchoolCountsRow[]> {
  const counters = () =>
    db
      .selectFrom('participation_counts')
      .where('wave_id', '=', wave.id)
      // A whole region needs every counter of the wave anyway; the filter keeps a school's or a municipality's view small.
      .$if(!seesWholeRegion(caller), (q) => q.where('school_id', 'in', schoolIdsInScope(db, wave.region_id, caller)));
  const [roster, counts, marked, paper] = await Promise.all([
    rosters.schools(db, wave),
    counters()
      .select(['school_id', ...ROLES.map((role) => sumFor(role).as(role))])
      .groupBy('school_id')
      .execute(),
    // Marked answers are few: asked apart, they cost a row for each school × role that has some, not 12 columns for every school.
    counters()
      .select([
        'school_id',
        'role',
        sql<number>`sum(held)::int`.as('held'),
        sql<number>`sum(excluded)::int`.as('excluded'),
        sql<number>`sum(marked_counted)::int`.as('markedCounted'),
      ])
      .groupBy(['school_id', 'role'])
      .having(sql<boolean>`sum(held) <> 0 or sum(excluded) <> 0 or sum(marked_counted) <> 0`)
      .execute(),
    // Paper answers are few too, and the counters do not tell them apart: counted from the answers by a partial index.
    db
      .selectFrom('responses')
      .select(['school_id', 'role', sql<number>`count(*)::int`.as('paper')])
      .where('wave_id', '=', wave.id)
      .where('source', '=', 'paper')
      .where('counted', '=', true)
      .$if(!seesWholeRegion(caller), (q) => q.where('school_id', 'in', schoolIdsInScope(db, wave.region_id, caller)))
      .groupBy(['school_id', 'role'])
      .execute(),
  ]);
  const countsOf = new Map(
    counts.map((c) => {
      const of = (role: Role): RoleCounts => ({ responses: c[role], held: 0, excluded: 0, markedCounted: 0, paper: 0 });
      return [c.school_id, { principal: of('principal'), teacher: of('teacher'), student: of('student'), parent: of('parent') }];
    }),
  );
  for (const m of marked) {
    const role = countsOf.get(m.school_id)?.[m.role];
    if (role) Object.assign(role, { held: m.held, excluded: m.excluded, markedCounted: m.markedCounted });
  }
  for (const p of paper) {
    const role = countsOf.get(p.school_id)?.[p.role];
    if (role) role.paper = p.paper;
  }
  return schoolsInScope(roster, wave.region_id, caller).map((school) => {
    const c = countsOf.get(school.id);
    // Written out rather than spread from `school`: objects built in one shape kept the report's loops three
    // times faster than spread copies did (bench/participation.ts).
    return {
      id: school.id,
      code: school.code,
      name: school.name,
      municipalityId: school.municipalityId,
      municipalityName: school.municipalityName,
      expected: school.expected,
      refused: school.refused,
      counts: c ?? { principal: NO_COUNTS, teacher: NO_COUNTS, student: NO_COUNTS, parent: NO_COUNTS },
    };
  });
}

/**
 * What moves whenever an answer arrives or changes fate: a new answer, held or counted, a coordinator's decision, a
 * burst mark. Weighted so that a move from one fate to another changes it too.
 */
const FINGERPRINT = sql`responses + 2 * held + 3 * excluded`;
/** What moves when a school's refusals are recorded (migration 0025): they change its rates as answers do. */
const REFUSED = sql`4 * (refused_principal + refused_teacher + refused_student + refused_parent)`;

/** Each school's fingerprint parts in the wave: its counters' and its refusals'. */
const fingerprints = (waveId: number) => sql`
  select school_id, ${FINGERPRINT} as total from participation_counts where wave_id = ${waveId}
  union all
  select school_id, ${REFUSED} from wave_rosters where wave_id = ${waveId}`;

/**
 * The wave's fingerprint of responses and refusals: the live view polls it and reads each school's total only when it
 * moves. One deletion and one new answer between two polls cancel out; deletions are rare and the next answer shows both.
 */
export async function participationVersion(db: Db, waveId: number): Promise<number> {
  const { rows } = await sql<{ total: number }>`select coalesce(sum(total), 0)::int as total from (${fingerprints(waveId)}) f`.execute(db);
  return rows[0]!.total;
}

/** Each school's total in the wave, with its municipality: which schools moved, and whose they are. */
export async function schoolTotals(db: Db, waveId: number): Promise<SchoolTotal[]> {
  const { rows } = await sql<SchoolTotal>`
    select f.school_id as "schoolId", schools.municipality_id as "municipalityId", coalesce(sum(f.total), 0)::int as total
    from (${fingerprints(waveId)}) f
    join schools on schools.id = f.school_id
    group by f.school_id, schools.municipality_id`.execute(db);
  return rows;
}
