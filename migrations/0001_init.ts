import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('municipalities')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('municipalities_region_name_key', ['region_id', 'name'])
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipalities.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('expected_principal', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`expected_principal between 0 and 1`),
    )
    .addColumn('expected_teacher', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`expected_teacher >= 0`),
    )
    .addColumn('expected_student', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`expected_student >= 0`),
    )
    .addColumn('expected_parent', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`expected_parent >= 0`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('schools_municipality_idx').on('schools').column('municipality_id').execute();

  // The exact model a wave was scored with, so editing surveys/risk-model.json never changes an old profile.
  await db.schema
    .createTable('risk_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('waves')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closes_at', 'timestamptz', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) =>
      c
        .notNull()
        .defaultTo(0.9)
        .check(sql`target > 0 and target <= 1`),
    )
    .addColumn('model_id', 'text', (c) => c.notNull().references('risk_models.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('waves_dates_check', sql`closes_at > opens_at`)
    .execute();

  await db.schema
    .createTable('links')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('principal','teacher','student','parent')`))
    // 'open': one shared link per school × role; 'code': a single-use code handed to one respondent.
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`kind in ('open','code')`),
    )
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('links_wave_school_idx').on('links').columns(['wave_id', 'school_id', 'role']).execute();

  await db.schema
    .createTable('responses')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('principal','teacher','student','parent')`))
    .addColumn('link_id', 'integer', (c) => c.notNull().references('links.id'))
    .addColumn('client_key', 'uuid', (c) => c.notNull().unique())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('duration_seconds', 'integer', (c) => c.check(sql`duration_seconds >= 0`))
    // Set only for single-use codes: the unique constraint, not the application, makes a code answer once.
    .addColumn('code_link_id', 'integer', (c) => c.unique().references('links.id'))
    .execute();
  await db.schema.createIndex('responses_wave_school_role_idx').on('responses').columns(['wave_id', 'school_id', 'role']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['responses', 'links', 'waves', 'risk_models', 'schools', 'municipalities', 'regions']) {
    await db.schema.dropTable(table).execute();
  }
}
