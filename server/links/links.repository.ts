import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { AccessMode, LinkKind } from '../db/schema.js';
import type { AccessModes } from '../shared/vocabulary.js';
import { ROLES, type Role } from '../shared/roles.js';
import { sortSchools } from '../shared/rules/school-names.js';
import { freezeRosterIfStarted, schoolsOfWave, type RosterWave, type WaveRosterRow } from '../territory/wave-roster.js';
import { giveCodesShortCodes, issueLinks, type LinkToIssue } from './issue-links.js';

/** Every role of a wave with its mode; a role without a row uses open links. */
export async function accessModes(db: Db, waveId: number): Promise<AccessModes> {
  const rows = await db.selectFrom('wave_access').select(['role', 'mode']).where('wave_id', '=', waveId).execute();
  const modes = Object.fromEntries(ROLES.map((role) => [role, 'open'])) as AccessModes;
  for (const row of rows) modes[row.role] = row.mode;
  return modes;
}

export async function setAccessMode(db: Db, waveId: number, role: Role, mode: AccessMode) {
  await db
    .insertInto('wave_access')
    .values({ wave_id: waveId, role, mode })
    .onConflict((oc) => oc.columns(['wave_id', 'role']).doUpdateSet({ mode }))
    .execute();
}

/** The column of a role's expected respondents, in `schools` and in a wave's own copy (`wave_rosters`) alike. */
export const EXPECTED_COLUMN = {
  principal: 'expected_principal',
  teacher: 'expected_teacher',
  student: 'expected_student',
  parent: 'expected_parent',
} as const satisfies Record<Role, string>;

export interface Reconciled {
  created: number;
  restored: number;
  suspended: number;
}

/**
 * Brings a wave's links in line with its roster and access modes: an open link for every school × open role,
 * as many codes as expected respondents for every school × code role. Once the wave has opened that is its frozen
 * roster, the one its participation is counted against: a roster import then issues no codes for it and adds no
 * school to it, and an administrator's correction of a count is what brings more codes. Links of the kind a role no longer uses
 * are set aside (answered codes stay as they are), and come back when the role switches back.
 * Call it inside a transaction that holds the wave's lock.
 */
export async function reconcileLinks(db: Db, wave: RosterWave): Promise<Reconciled> {
  const waveId = wave.id;
  const modes = await accessModes(db, waveId);
  // Each mode has the kind of link it uses and the kind it sets aside.
  const groups = [
    { roles: ROLES.filter((role) => modes[role] === 'open'), uses: 'open' as LinkKind, setsAside: 'code' as LinkKind },
    { roles: ROLES.filter((role) => modes[role] === 'codes'), uses: 'code' as LinkKind, setsAside: 'open' as LinkKind },
  ].filter((group) => group.roles.length > 0);

  const restored = await db
    .updateTable('links')
    .set({ revoked_at: null, revoked_reason: null })
    .where('wave_id', '=', waveId)
    .where('revoked_reason', '=', 'access_mode')
    .where((eb) => eb.or(groups.map((g) => eb.and([eb('kind', '=', g.uses), eb('role', 'in', g.roles)]))))
    .executeTakeFirst();

  const suspended = await db
    .updateTable('links')
    .set({ revoked_at: sql`now()`, revoked_reason: 'access_mode' })
    .where('wave_id', '=', waveId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or(groups.map((g) => eb.and([eb('kind', '=', g.setsAside), eb('role', 'in', g.roles)]))))
    // An answered code has done its work; setting it aside would change nothing and blur the record.
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('responses').select('responses.id').whereRef('responses.code_link_id', '=', 'links.id'))))
    .executeTakeFirst();

  await freezeRosterIfStarted(db, wave);
  const schools = await schoolsOfWave(db, wave).execute();
  const active = await db
    .selectFrom('links')
    .select(['school_id', 'role', 'kind', (eb) => eb.fn.countAll().as('n')])
    .where('wave_id', '=', waveId)
    .where('revoked_at', 'is', null)
    .groupBy(['school_id', 'role', 'kind'])
    .execute();
  const activeCount = new Map(active.map((row) => [`${row.school_id}:${row.role}:${row.kind}`, Number(row.n)]));

  const missing: LinkToIssue[] = [];
  for (const school of schools) {
    for (const role of ROLES) {
      const kind: LinkKind = modes[role] === 'open' ? 'open' : 'code';
      const wanted = kind === 'open' ? 1 : school[EXPECTED_COLUMN[role]];
      const have = activeCount.get(`${school.id}:${role}:${kind}`) ?? 0;
      for (let i = have; i < wanted; i++) missing.push({ wave_id: waveId, school_id: school.id, role, kind });
    }
  }
  await issueLinks(db, missing);
  await giveCodesShortCodes(db, waveId);
  return { created: missing.length, restored: Number(restored.numUpdatedRows), suspended: Number(suspended.numUpdatedRows) };
}

/** Locks the link, so two replacements of one leaked link cannot both issue a successor. */
export function lockLink(db: Db, linkId: number) {
  return db
    .selectFrom('links')
    .select([
      'links.id',
      'links.wave_id',
      'links.school_id',
      'links.role',
      'links.kind',
      'links.revoked_at',
      (eb) => eb.exists(eb.selectFrom('responses').select('responses.id').whereRef('responses.code_link_id', '=', 'links.id')).as('code_used'),
    ])
    .where('links.id', '=', linkId)
    .forUpdate()
    .executeTakeFirst();
}

/** Revokes a link for good and issues its successor for the same school, role and kind. */
export async function replaceLink(db: Db, link: { id: number; wave_id: number; school_id: number; role: Role; kind: LinkKind }) {
  await db
    .updateTable('links')
    .set({ revoked_at: sql`now()`, revoked_reason: 'replaced' })
    .where('id', '=', link.id)
    .execute();
  const [next] = await issueLinks(db, [{ wave_id: link.wave_id, school_id: link.school_id, role: link.role, kind: link.kind }]);
  return next!;
}

/** The schools of a wave with their municipality, in the order every list and export uses. */
export async function waveSchools(db: Db, wave: RosterWave, schoolId?: number) {
  await freezeRosterIfStarted(db, wave);
  const rows = await schoolsOfWave(db, wave)
    .$if(schoolId !== undefined, (q) => q.where('schools.id', '=', schoolId!))
    .execute();
  return sortSchools(rows, (r) => ({ municipality: r.municipality_name, name: r.name, id: r.id }));
}

export function expectedOf(school: WaveRosterRow, role: Role): number {
  return school[EXPECTED_COLUMN[role]];
}

/** The current open link of every school × role of a wave (`schoolId` narrows it to one school). */
export function activeOpenLinks(db: Db, waveId: number, schoolId?: number) {
  let query = db
    .selectFrom('links')
    .select(['id', 'school_id', 'role', 'token'])
    .where('wave_id', '=', waveId)
    .where('kind', '=', 'open')
    .where('revoked_at', 'is', null)
    .orderBy('id');
  if (schoolId !== undefined) query = query.where('school_id', '=', schoolId);
  return query.execute();
}

/** Issued and answered single-use codes per school × role. */
export async function codeCounts(db: Db, waveId: number, schoolId?: number) {
  let query = db
    .selectFrom('links')
    .leftJoin('responses', 'responses.code_link_id', 'links.id')
    .select(['links.school_id', 'links.role', (eb) => eb.fn.countAll().as('issued'), (eb) => eb.fn.count('responses.id').as('used')])
    .where('links.wave_id', '=', waveId)
    .where('links.kind', '=', 'code')
    .where('links.revoked_at', 'is', null)
    .groupBy(['links.school_id', 'links.role']);
  if (schoolId !== undefined) query = query.where('links.school_id', '=', schoolId);
  const rows = await query.execute();
  return rows.map((row) => ({ schoolId: row.school_id, role: row.role, issued: Number(row.issued), used: Number(row.used) }));
}

/** Codes of a school not answered yet: the ones worth printing. */
export function unusedCodes(db: Db, waveId: number, schoolId: number, role?: Role) {
  let query = db
    .selectFrom('links')
    .select(['links.id', 'links.role', 'links.token', 'links.short_code'])
    .where('links.wave_id', '=', waveId)
    .where('links.school_id', '=', schoolId)
    .where('links.kind', '=', 'code')
    .where('links.revoked_at', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('responses').select('responses.id').whereRef('responses.code_link_id', '=', 'links.id'))))
    .orderBy('links.role')
    .orderBy('links.id');
  if (role !== undefined) query = query.where('links.role', '=', role);
  return query.execute();
}
