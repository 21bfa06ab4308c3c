import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// Retention under 152-FZ: a wave's raw answers are deleted a set time after it ends, while its profiles, explanations
// and counts stay. What those views read from the answers is kept first, per wave × school, in three small tables;
// `answers_purged_at` tells the readers to use them. Everything hangs off the wave, so deleting a wave takes them too.
export async function up(db: Kysely<any>): Promise<void> {
  // One row: the periods an administrator sets, within the bounds the server enforces. The audit log has none: the
  // application never deletes it.
  await sql`
    create table retention_settings (
      id boolean primary key default true check (id),
      answers_months integer not null default 12,
      accounts_days integer not null default 30,
      updated_by integer references users(id) on delete set null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into retention_settings default values`.execute(db);

  await sql`alter table waves add column answers_purged_at timestamptz`.execute(db);

  // The scorer's sufficient statistics per school: |R| per role and { n, sum, sumSq } per indicator of the wave's model.
  await sql`
    create table kept_school_stats (
      wave_id integer not null references waves(id) on delete cascade,
      school_id integer not null references schools(id) on delete cascade,
      stats jsonb not null,
      primary key (wave_id, school_id)
    )`.execute(db);

  // How many counted answers gave each value of a question the model scores, per school × role.
  await sql`
    create table kept_answer_counts (
      wave_id integer not null references waves(id) on delete cascade,
      school_id integer not null references schools(id) on delete cascade,
      role text not null,
      question text not null,
      answer jsonb not null,
      count integer not null,
      primary key (wave_id, school_id, role, question, answer)
    )`.execute(db);

  // The principal's answers to the model's principal questions, which an explanation quotes: only those questions.
  await sql`
    create table kept_principal_answers (
      wave_id integer not null references waves(id) on delete cascade,
      school_id integer not null references schools(id) on delete cascade,
      position integer not null,
      answers jsonb not null,
      primary key (wave_id, school_id, position)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table kept_principal_answers`.execute(db);
  await sql`drop table kept_answer_counts`.execute(db);
  await sql`drop table kept_school_stats`.execute(db);
  await sql`alter table waves drop column answers_purged_at`.execute(db);
  await sql`drop table retention_settings`.execute(db);
}
