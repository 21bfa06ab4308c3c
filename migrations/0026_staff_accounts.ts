import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// A staff member's consent to the processing of their personal data (152-FZ) is a record of its own, one per version
// they agreed to, so a new text leaves the old consents standing as evidence and asks everyone again. A login keeps the
// time of the one before it, which the person is shown. An anonymised account keeps its row (and id), so the audit log
// still points at it. The audit log names accounts by id: e-mails the account actions wrote before are removed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table staff_consents (
      id integer generated always as identity primary key,
      user_id integer not null references users(id),
      version text not null,
      given_at timestamptz not null default now(),
      unique (user_id, version)
    )`.execute(db);
  await sql`alter table users add column last_login_at timestamptz`.execute(db);
  await sql`alter table users add column previous_login_at timestamptz`.execute(db);
  await sql`alter table users add column anonymised_at timestamptz`.execute(db);
  await sql`update audit_log set details = details - 'email' where entity = 'user' and details ? 'email'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table staff_consents`.execute(db);
  await sql`alter table users drop column last_login_at, drop column previous_login_at, drop column anonymised_at`.execute(db);
}
