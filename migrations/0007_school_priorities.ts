import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
export async function up(db: Kysely<any>): Promise<void> {
  // The risk factors a school team works on after a wave (its antirisk programmes). `position` 1–3 in the
  // key is what holds a school to three per wave even if two saves race; the factor id is the model's.
  await db.schema
    .createTable('school_priorities')
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position between 1 and 3`))
    .addColumn('factor_id', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('chosen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('school_priorities_pkey', ['wave_id', 'school_id', 'position'])
    .addUniqueConstraint('school_priorities_factor_key', ['wave_id', 'school_id', 'factor_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('school_priorities').execute();
}
