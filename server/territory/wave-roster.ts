import { sql, type InferResult } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Wave } from '../db/schema.js';
import type { Caller } from './scope.js';
import { onlySchoolsInScope, schoolsOfRegion } from './schools.repository.js';
import { sortSchools } from '../shared/rules/school-names.js';
import { effectiveExpected } from '../shared/rules/participation-target.js';
import { ROLES, type Role } from '../shared/roles.js';

const byRole = <T>(of: (role: Role) => T) => Object.fromEntries(ROLES.map((role) => [role, of(role)])) as Record<Role, T>;

/** What a roster read needs to know of its wave. */
export type RosterWave = Pick<Wave, 'id' | 'region_id' | 'opens_at' | 'roster_frozen_at'>;

/**
 * The freeze on first read (migration 0013): copies the roster of a wave that has opened and has no copy yet.
 * This process's clock only spares planned waves the call; the database decides by its own, and a started wave read
 * before its freeze reads the live roster, which is still the one it opened with (any change would have frozen it).
 */
export async function freezeRosterIfStarted(db: Db, wave: RosterWave): Promise<void> {
  if (wave.roster_frozen_at !== null || wave.opens_at.getTime() > Date.now()) return;
  await sql`select freeze_wave_rosters(${wave.id}::integer)`.execute(db);
}

/**
 * The schools of a wave with the respondents it expects: its frozen roster once it has one (schools added after the
 * opening are not part of it), the live roster before. Decided inside the query rather than from a wave row read
 * earlier, so a freeze in between never mixes the two. `caller` narrows it to the schools the caller may see.
 */
export function schoolsOfWave(db: Db, wave: Pick<RosterWave, 'id' | 'region_id'>, caller?: Caller) {
  const schools = schoolsOfRegion(db, wave.region_id);
  return (caller ? onlySchoolsInScope(schools, caller) : schools)
    .leftJoin('wave_rosters', (join) => join.onRef('wave_rosters.school_id', '=', 'schools.id').on('wave_rosters.wave_id', '=', wave.id))
    .where((eb) =>
      eb.or([
        eb('wave_rosters.wave_id', 'is not', null),
        eb.not(eb.exists(eb.selectFrom('waves').select('waves.id').where('waves.id', '=', wave.id).where('waves.roster_frozen_at', 'is not', null))),
      ]),
    )
    .select((eb) => [
      'schools.id',
      'schools.code',
      'schools.name',
      'schools.municipality_id',
      'municipalities.name as municipality_name',
      eb.fn.coalesce('wave_rosters.expected_principal', 'schools.expected_principal').as('expected_principal'),
      eb.fn.coalesce('wave_rosters.expected_teacher', 'schools.expected_teacher').as('expected_teacher'),
      eb.fn.coalesce('wave_rosters.expected_student', 'schools.expected_student').as('expected_student'),
      eb.fn.coalesce('wave_rosters.expected_parent', 'schools.expected_parent').as('expected_parent'),
      // A wave not started has no refusals yet (migration 0025): they are recorded against its frozen roster.
      eb.fn.coalesce('wave_rosters.refused_principal', sql.lit(0)).as('refused_principal'),
      eb.fn.coalesce('wave_rosters.refused_teacher', sql.lit(0)).as('refused_teacher'),
      eb.fn.coalesce('wave_rosters.refused_student', sql.lit(0)).as('refused_student'),
      eb.fn.coalesce('wave_rosters.refused_parent', sql.lit(0)).as('refused_parent'),
    ]);
}

export type WaveRosterRow = InferResult<ReturnType<typeof schoolsOfWave>>[number];

/** The schools of the wave that the caller may see, by municipality and school name. */
export async function listWaveSchoolsInScope(db: Db, wave: RosterWave, caller: Caller): Promise<WaveSchool[]> {
  await freezeRosterIfStarted(db, wave);
  const rows = await schoolsOfWave(db, wave, caller).execute();
  return sortSchools(rows, (r) => ({ municipality: r.municipality_name, name: r.name, id: r.id })).map(toWaveSchool);
}

/** The school when it is part of the wave, else undefined. */
export async function findWaveSchool(db: Db, wave: RosterWave, schoolId: number): Promise<WaveSchool | undefined> {
  await freezeRosterIfStarted(db, wave);
  const row = await schoolsOfWave(db, wave).where('schools.id', '=', schoolId).executeTakeFirst();
  return row && toWaveSchool(row);
}

/** The roster's expected respondents of a row, per role, before any refusal. */
export function rosterExpected(row: WaveRosterRow): Record<Role, number> {
  return { principal: row.expected_principal, teacher: row.expected_teacher, student: row.expected_student, parent: row.expected_parent };
}

/** The refusals recorded for a row, per role. */
export function rosterRefused(row: WaveRosterRow): Record<Role, number> {
  return { principal: row.refused_principal, teacher: row.refused_teacher, student: row.refused_student, parent: row.refused_parent };
}

/** Expected less refused, per role: what every rate and target of the wave is measured against. */
export function effectiveRoster(row: WaveRosterRow): Record<Role, number> {
  const expected = rosterExpected(row);
  const refused = rosterRefused(row);
  return byRole((role) => effectiveExpected(expected[role], refused[role]));
}

function toWaveSchool(row: WaveRosterRow) {
  return {
    ref: { id: row.id, code: row.code, name: row.name, municipality: { id: row.municipality_id, name: row.municipality_name } },
    expected: effectiveRoster(row),
    refused: rosterRefused(row),
  };
}

/**
 * A school of a wave as the per-school views use it: its reference, the respondents the wave measures it against
 * (expected less refused) and the refusals themselves, per role.
 */
export type WaveSchool = ReturnType<typeof toWaveSchool>;

/** The column of a role's refusals in a wave's roster copy (migration 0025). */
export const REFUSED_COLUMN = {
  principal: 'refused_principal',
  teacher: 'refused_teacher',
  student: 'refused_student',
  parent: 'refused_parent',
} as const satisfies Record<Role, string>;

const EXPECTED = {
  principal: 'expected_principal',
  teacher: 'expected_teacher',
  student: 'expected_student',
  parent: 'expected_parent',
} as const satisfies Record<Role, string>;

/**
 * The school × role's frozen expected count and refusals, its row locked until the transaction ends so two
 * recordings of one school run one after the other; undefined when the school has no frozen roster row.
 */
export async function lockRosterRow(db: Db, waveId: number, schoolId: number, role: Role) {
  const row = await db
    .selectFrom('wave_rosters')
    .select([`${EXPECTED[role]} as expected`, `${REFUSED_COLUMN[role]} as refused`])
    .where('wave_id', '=', waveId)
    .where('school_id', '=', schoolId)
    .forUpdate()
    .executeTakeFirst();
  return row && { expected: row.expected, refused: row.refused };
}
