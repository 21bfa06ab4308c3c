import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RegionSummary } from './roster.schemas.js';

export async function listRegions(db: Kysely<Database>): Promise<RegionSummary[]> {
  const rows = await db
    .selectFrom('regions as r')
    .leftJoin('municipalities as m', 'm.region_id', 'r.id')
    .leftJoin('schools as s', 's.municipality_id', 'm.id')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.time_zone',
      eb.fn.count<string | number>('m.id').distinct().as('municipalities'),
      eb.fn.count<string | number>('s.id').as('schools'),
    ])
    .groupBy(['r.id', 'r.name', 'r.time_zone'])
    .orderBy('r.name')
    .execute();
  // pg returns count(*) (bigint) as a string, PGlite as a number.
  return rows.map((r) => ({ id: r.id, name: r.name, timeZone: r.time_zone, municipalities: Number(r.municipalities), schools: Number(r.schools) }));
}

export async function regionNames(db: Kysely<Database>) {
  return db.selectFrom('regions').select(['id', 'name']).execute();
}

export async function insertRegion(db: Kysely<Database>, name: string, timeZone: string) {
  // A region created at the same moment by another request: undefined, not a constraint error.
  return db
    .insertInto('regions')
    .values({ name, time_zone: timeZone })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning(['id', 'name', 'time_zone as timeZone'])
    .executeTakeFirst();
}

/** The region's name and its zone before the change, or undefined for a region that does not exist. */
export async function setRegionTimeZone(db: Kysely<Database>, regionId: number, timeZone: string) {
  const before = await db.selectFrom('regions').select(['name', 'time_zone']).where('id', '=', regionId).forUpdate().executeTakeFirst();
  if (before) await db.updateTable('regions').set({ time_zone: timeZone }).where('id', '=', regionId).execute();
  return before;
}
