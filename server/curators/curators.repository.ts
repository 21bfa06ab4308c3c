import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { onlySchoolsInScope } from '../territory/schools.repository.js';
import type { Caller } from '../territory/scope.js';
import type { VisitKind } from '../shared/vocabulary.js';
import { sortSchools } from '../shared/rules/school-names.js';
import type { VisitProtocol } from './curators.schemas.js';

/** Curators of a region (every region's for null), with their assigned schools. */
export async function curatorsOf(db: Db, regionId: number | null) {
  let query = db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'region_id'])
    .where('role', '=', 'curator')
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id');
  if (regionId !== null) query = query.where('region_id', '=', regionId);
  const curators = await query.execute();
  const assigned =
    curators.length === 0
      ? []
      : await db
          .selectFrom('curator_schools')
          .innerJoin('schools', 'schools.id', 'curator_schools.school_id')
          .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
          .select(['curator_schools.curator_id', 'schools.id', 'schools.code', 'schools.name', 'schools.municipality_id', 'municipalities.region_id'])
          .where(
            'curator_schools.curator_id',
            'in',
            curators.map((c) => c.id),
          )
          .execute();
  sortSchools(assigned, (a) => a);
  return curators.map((c) => ({ ...c, schools: assigned.filter((a) => a.curator_id === c.id) }));
}

/** The schools of the caller's territory, by municipality and name: what an assignment picks from. */
export async function assignableSchools(db: Db, caller: Caller) {
  const schools = db
    .selectFrom('schools')
    .innerJoin('municipalities', 'municipalities.id', 'schools.municipality_id')
    .select(['schools.id', 'schools.code', 'schools.name', 'municipalities.name as municipality', 'municipalities.region_id']);
  const rows = await onlySchoolsInScope(schools, caller).execute();
  return sortSchools(rows, (r) => ({ municipality: r.municipality, name: r.name, id: r.id }));
}

export function findCurator(db: Db, id: number) {
  return db.selectFrom('users').select(['id', 'region_id']).where('id', '=', id).where('role', '=', 'curator').executeTakeFirst();
}

/** Replaces the curator's schools in one statement pair, inside the caller's transaction. */
export async function assignSchools(trx: Db, curatorId: number, schoolIds: number[], by: number) {
  await trx.deleteFrom('curator_schools').where('curator_id', '=', curatorId).execute();
  if (schoolIds.length > 0) {
    await trx
      .insertInto('curator_schools')
      .values(schoolIds.map((school_id) => ({ curator_id: curatorId, school_id, assigned_by: by })))
      .execute();
  }
}

export function isCuratorOf(db: Db, curatorId: number, schoolId: number) {
  return db.selectFrom('curator_schools').select('school_id').where('curator_id', '=', curatorId).where('school_id', '=', schoolId).executeTakeFirst();
}

const visitColumns = [
  'v.id',
  'v.school_id',
  'v.curator_id',
  sql<string>`to_char(v.planned_on, 'YYYY-MM-DD')`.as('planned_on'),
  sql<string | null>`to_char(v.made_on, 'YYYY-MM-DD')`.as('made_on'),
  'v.kind',
  'v.purpose',
  'v.protocol',
  'v.conclusions',
  'v.updated_at',
  sql<string>`coalesce(nullif(u.name, ''), u.email)`.as('curator'),
] as const;

export function visitsOfSchool(db: Db, schoolId: number) {
  return db
    .selectFrom('curator_visits as v')
    .innerJoin('users as u', 'u.id', 'v.curator_id')
    .select(visitColumns)
    .where('v.school_id', '=', schoolId)
    .orderBy('v.planned_on', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
}

export function findVisit(db: Db, id: number) {
  return db.selectFrom('curator_visits as v').innerJoin('users as u', 'u.id', 'v.curator_id').select(visitColumns).where('v.id', '=', id).executeTakeFirst();
}
export type VisitRow = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

export async function insertVisit(trx: Db, visit: { schoolId: number; curatorId: number; plannedOn: string; kind: VisitKind; purpose: string }) {
  const { id } = await trx
    .insertInto('curator_visits')
    .values({
      school_id: visit.schoolId,
      curator_id: visit.curatorId,
      planned_on: visit.plannedOn,
      kind: visit.kind,
      purpose: visit.purpose.trim(),
      protocol: JSON.stringify({ observations: [] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateVisit(
  trx: Db,
  id: number,
  visit: { plannedOn: string; madeOn: string | null; kind: VisitKind; purpose: string; protocol: VisitProtocol; conclusions: string },
) {
  await trx
    .updateTable('curator_visits')
    .set({
      planned_on: visit.plannedOn,
      made_on: visit.madeOn,
      kind: visit.kind,
      purpose: visit.purpose.trim(),
      protocol: JSON.stringify(visit.protocol),
      conclusions: visit.conclusions.trim(),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}
