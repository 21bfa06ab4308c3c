import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// Families and staff who refused the survey, counted per school × role of a started wave (docs/methodology.md §3):
// they leave the respondents the target is measured against. Kept beside the expected counts they are subtracted
// from, in the wave's own roster copy (migration 0013): a refusal exists only for a wave that has opened, the check
// below ties it to the count it may not exceed, and the roster's correction trigger moves the wave's roster version,
// so every cache keyed by it reads the new figures. Who recorded what is in the audit log.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table wave_rosters
      add column refused_principal integer not null default 0,
      add column refused_teacher integer not null default 0,
      add column refused_student integer not null default 0,
      add column refused_parent integer not null default 0,
      add constraint wave_rosters_refused_within_expected check (
        refused_principal between 0 and expected_principal and refused_teacher between 0 and expected_teacher
        and refused_student between 0 and expected_student and refused_parent between 0 and expected_parent
      )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table wave_rosters
      drop constraint wave_rosters_refused_within_expected,
      drop column refused_principal, drop column refused_teacher, drop column refused_student, drop column refused_parent`.execute(db);
}
