import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// Optional second factor for staff: a TOTP secret (RFC 6238) per account. `totp_pending_secret` is one being set up,
// shown once as a QR code and kept until the owner confirms a code from it; `totp_last_step` is the 30-second step
// of the last code accepted, so that no code is taken twice. A login that passed its password and waits for the code
// is a challenge, not a session: it opens nothing, and ends after a few minutes or at its first use.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users
      add column totp_secret text,
      add column totp_pending_secret text,
      add column totp_last_step integer`.execute(db);
  await sql`
    create table login_challenges (
      id_hash text primary key,
      user_id integer not null references users(id) on delete cascade,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index login_challenges_user_idx on login_challenges (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table login_challenges`.execute(db);
  await sql`alter table users drop column totp_secret, drop column totp_pending_secret, drop column totp_last_step`.execute(db);
}
