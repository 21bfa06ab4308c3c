import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nameKey } from './columns.js';
import type { ExistingRoster, RosterPlan } from './validate.js';

/** Rows per INSERT and codes per IN list: far below PostgreSQL's 65 535 bind parameters. */
const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
  return result;
}

/**
 * Two imports at once would both see a code as new and one would fail on the unique constraint; the lock makes the
 * second wait and then check against what the first wrote. Released when the transaction ends.
 */
export async function lockRoster(trx: Kysely<Database>) {
  await sql`select pg_advisory_xact_lock(hashtext('roster-import'))`.execute(trx);
}

export async function loadExistingRoster(db: Kysely<Database>, codes: string[], regionNames: string[]): Promise<ExistingRoster> {
  const regions = await db.selectFrom('regions').select(['id', 'name']).execute();
  const named = new Set(regionNames.map(nameKey));
  const regionIds = regions.filter((r) => named.has(nameKey(r.name))).map((r) => r.id);
  // A region holds a few thousand schools: four short columns each, read once per check.
  const neighbours =
    regionIds.length === 0
      ? []
      : await db
          .selectFrom('schools as s')
          .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
          .select(['s.code', 's.name', 's.municipality_id', 'm.region_id'])
          .where('m.region_id', 'in', regionIds)
          .execute();
  const municipalities = await db.selectFrom('municipalities').select(['id', 'region_id', 'name']).execute();
  const schools: ExistingRoster['schools'] = [];
  for (const part of chunks([...new Set(codes)])) {
    const rows = await db
      .selectFrom('schools as s')
      .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
      .select([
        's.id',
        's.code',
        's.name',
        's.municipality_id',
        'm.region_id',
        's.expected_principal',
        's.expected_teacher',
        's.expected_student',
        's.expected_parent',
      ])
      .where('s.code', 'in', part)
      .execute();
    schools.push(...rows);
  }
  return { regions, municipalities, schools, neighbours };
}

/** Writes a checked plan; the caller owns the transaction, so a failure leaves nothing behind. */
export async function applyRosterPlan(trx: Kysely<Database>, plan: RosterPlan) {
  const municipalityIds = new Map<string, number>();
  if (plan.municipalities.length > 0) {
    const keyOf = new Map(plan.municipalities.map((m) => [`${m.region_id}|${m.name}`, m.key]));
    const inserted = await trx
      .insertInto('municipalities')
      .values(plan.municipalities.map((m) => ({ region_id: m.region_id, name: m.name })))
      .returning(['id', 'region_id', 'name'])
      .execute();
    for (const m of inserted) municipalityIds.set(keyOf.get(`${m.region_id}|${m.name}`)!, m.id);
  }
  const municipalityId = (ref: RosterPlan['creates'][number]['municipality']) => ('id' in ref ? ref.id : municipalityIds.get(ref.key)!);

  for (const part of chunks(plan.creates)) {
    await trx
      .insertInto('schools')
      .values(part.map((s) => ({ ...s.values, municipality_id: municipalityId(s.municipality) })))
      .execute();
  }
  // One statement per chunk: a region's re-import changes thousands of schools, one UPDATE each took seconds.
  for (const part of chunks(plan.updates)) {
    const rows = part.map(
      (u) =>
        sql`(${u.id}::integer, ${u.values.name}::text, ${municipalityId(u.municipality)}::integer, ${u.values.expected_principal}::integer,
             ${u.values.expected_teacher}::integer, ${u.values.expected_student}::integer, ${u.values.expected_parent}::integer)`,
    );
    await sql`
      update schools as s
         set name = v.name, municipality_id = v.municipality_id, expected_principal = v.principal, expected_teacher = v.teacher,
             expected_student = v.student, expected_parent = v.parent, updated_at = now()
        from (values ${sql.join(rows)}) as v(id, name, municipality_id, principal, teacher, student, parent)
       where s.id = v.id`.execute(trx);
  }
}
