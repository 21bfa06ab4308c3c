import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
export async function up(db: Kysely<any>): Promise<void> {
  // How respondents of one role reach a wave: one shared link per school (no row) or single-use codes.
  await db.schema
    .createTable('wave_access')
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('principal','teacher','student','parent')`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('open','codes')`))
    .addPrimaryKeyConstraint('wave_access_pkey', ['wave_id', 'role'])
    .execute();

  // 'replaced' is for good; 'access_mode' is lifted again when the role switches back to that kind of link,
  // so printed sheets or slips survive an accidental switch and back.
  await db.schema
    .alterTable('links')
    .addColumn('revoked_reason', 'text', (c) => c.check(sql`revoked_reason in ('replaced','access_mode')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('links').dropColumn('revoked_reason').execute();
  await db.schema.dropTable('wave_access').execute();
}
