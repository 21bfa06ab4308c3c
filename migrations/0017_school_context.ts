import { sql, type Kysely } from 'kysely';

/**
 * What else is known about a school, per calendar year, imported by the region (docs/methodology.md §12): its
 * social index (ИСБШ), whether it is urban or rural, how many students it has, and the results of the assessment
 * procedures (ВПР, ОГЭ, ЕГЭ). A year is the calendar year the figures belong to: results of the spring of 2026 and
 * the index published for 2026 are year 2026. Every column but the keys may be empty: a region imports what it has.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table school_context (
      school_id integer not null references schools (id) on delete cascade,
      year integer not null check (year between 2000 and 2100),
      social_index double precision,
      settlement text check (settlement in ('urban', 'rural')),
      students integer check (students >= 0),
      imported_by integer references users (id),
      imported_at timestamptz not null default now(),
      primary key (school_id, year)
    )`.execute(db);

  await sql`
    create table assessment_results (
      school_id integer not null references schools (id) on delete cascade,
      year integer not null check (year between 2000 and 2100),
      procedure text not null check (procedure in ('vpr', 'oge', 'ege')),
      subject text not null check (length(subject) between 1 and 100),
      grade integer not null check (grade between 1 and 11),
      participants integer check (participants >= 0),
      mean_score double precision check (mean_score >= 0),
      -- Shares of the marks «2»…«5», in per cent of the participants.
      share_2 double precision check (share_2 between 0 and 100),
      share_3 double precision check (share_3 between 0 and 100),
      share_4 double precision check (share_4 between 0 and 100),
      share_5 double precision check (share_5 between 0 and 100),
      imported_by integer references users (id),
      imported_at timestamptz not null default now(),
      primary key (school_id, year, procedure, subject, grade)
    )`.execute(db);
  // The region's scatter reads one procedure, subject and grade of one year across all schools.
  await sql`create index assessment_results_pick_idx on assessment_results (year, procedure, subject, grade)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table assessment_results`.execute(db);
  await sql`drop table school_context`.execute(db);
}
