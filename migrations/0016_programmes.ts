import { sql, type Kysely } from 'kysely';

/**
 * From profile to action: a school's antirisk programme per priority risk (measures, evidence, remarks, the review
 * history), and curators, a new account role that sees only the schools the region assigns to it, with their visits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin','region','municipality','school','curator'))`.execute(db);
  await sql`alter table users drop constraint users_scope_check`.execute(db);
  // A curator belongs to a region; which of its schools it sees is the assignment below.
  await sql`
    alter table users add constraint users_scope_check check (
         (role = 'admin' and region_id is null and municipality_id is null and school_id is null)
      or (role in ('region', 'curator') and region_id is not null and municipality_id is null and school_id is null)
      or (role = 'municipality' and municipality_id is not null and region_id is null and school_id is null)
      or (role = 'school' and school_id is not null and region_id is null and municipality_id is null))`.execute(db);

  await sql`
    create table curator_schools (
      curator_id integer not null references users (id) on delete cascade,
      school_id integer not null references schools (id) on delete cascade,
      assigned_by integer references users (id),
      assigned_at timestamptz not null default now(),
      primary key (curator_id, school_id)
    )`.execute(db);
  await sql`create index curator_schools_school_idx on curator_schools (school_id)`.execute(db);

  await sql`
    create table programmes (
      id integer primary key generated always as identity,
      wave_id integer not null references waves (id) on delete cascade,
      school_id integer not null references schools (id) on delete cascade,
      factor_id text not null,
      state text not null default 'draft' check (state in ('draft', 'submitted', 'returned', 'approved')),
      goal text not null default '',
      tasks text[] not null default '{}',
      -- Moved by every save of the content: an editor's save over a newer one is refused.
      version integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (wave_id, school_id, factor_id)
    )`.execute(db);
  await sql`create index programmes_school_idx on programmes (school_id, wave_id)`.execute(db);

  await sql`
    create table programme_measures (
      id integer primary key generated always as identity,
      programme_id integer not null references programmes (id) on delete cascade,
      position integer not null,
      action text not null,
      deadline date not null,
      responsible text not null,
      expected_result text not null,
      target_kind text not null check (target_kind in ('factor', 'indicator', 'external')),
      target_ref text not null,
      status text not null default 'planned' check (status in ('planned', 'in_progress', 'done')),
      status_comment text not null default '',
      status_changed_at timestamptz
    )`.execute(db);
  await sql`create index programme_measures_programme_idx on programme_measures (programme_id, position)`.execute(db);

  await sql`
    create table measure_evidence (
      id integer primary key generated always as identity,
      measure_id integer not null references programme_measures (id) on delete cascade,
      filename text not null,
      media_type text not null,
      size integer not null check (size > 0),
      sha256 text not null,
      content bytea not null,
      uploaded_by integer references users (id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index measure_evidence_measure_idx on measure_evidence (measure_id)`.execute(db);

  await sql`
    create table programme_events (
      id integer primary key generated always as identity,
      programme_id integer not null references programmes (id) on delete cascade,
      at timestamptz not null default now(),
      user_id integer references users (id),
      action text not null check (action in ('created', 'submitted', 'returned', 'resubmitted', 'approved')),
      comment text
    )`.execute(db);
  await sql`create index programme_events_programme_idx on programme_events (programme_id, id)`.execute(db);

  await sql`
    create table programme_remarks (
      id integer primary key generated always as identity,
      programme_id integer not null references programmes (id) on delete cascade,
      measure_id integer references programme_measures (id) on delete set null,
      author_id integer references users (id),
      body text not null,
      created_at timestamptz not null default now(),
      answer text,
      answered_by integer references users (id),
      answered_at timestamptz
    )`.execute(db);
  await sql`create index programme_remarks_programme_idx on programme_remarks (programme_id, id)`.execute(db);

  await sql`
    create table curator_visits (
      id integer primary key generated always as identity,
      school_id integer not null references schools (id) on delete cascade,
      curator_id integer not null references users (id),
      planned_on date not null,
      made_on date,
      kind text not null check (kind in ('consultation', 'lesson_observation', 'document_review', 'other')),
      purpose text not null,
      protocol jsonb not null default '{"observations": []}'::jsonb,
      conclusions text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index curator_visits_school_idx on curator_visits (school_id, planned_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['curator_visits', 'programme_remarks', 'programme_events', 'measure_evidence', 'programme_measures', 'programmes', 'curator_schools']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
  await sql`delete from users where role = 'curator'`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (role in ('admin','region','municipality','school'))`.execute(db);
}
