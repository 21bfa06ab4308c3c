import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
export async function up(db: Kysely<any>): Promise<void> {
  // A single-use code's short form, typed from a paper slip at /c: 8 characters of an alphabet without
  // look-alikes (no 0/O, 1/I/L), kept as typed-and-normalised so the unique index finds it. Codes issued
  // before this migration get theirs at the wave's next link sync.
  await db.schema
    .alterTable('links')
    .addColumn('short_code', 'text', (c) => c.unique().check(sql`short_code ~ '^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$'`))
    .execute();
  await sql`alter table links add constraint links_short_code_only_for_codes check (short_code is null or kind = 'code')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('links').dropConstraint('links_short_code_only_for_codes').execute();
  await db.schema.alterTable('links').dropColumn('short_code').execute();
}
