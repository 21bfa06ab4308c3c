import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { OperatorDetailsTable } from '../db/schema.js';
import type { OperatorDetails } from './operator.schemas.js';

export type OperatorRow = Selectable<OperatorDetailsTable>;

export function findOperator(db: Db): Promise<OperatorRow | undefined> {
  return db.selectFrom('operator_details').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Writes the one row, whether or not it existed; the caller's transaction holds it with its audit record. */
export async function saveOperator(db: Db, details: Omit<OperatorRow, 'id' | 'updated_at'>): Promise<OperatorRow> {
  return db
    .insertInto('operator_details')
    .values({ id: 1, ...details, updated_at: new Date() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...details, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function toOperatorDetails(row: OperatorRow): OperatorDetails {
  const { name, address, email, phone, inn, ogrn } = row;
  return { name, address, email, phone, inn, ogrn, updatedAt: row.updated_at.toISOString() };
}
