import { sql, type Kysely } from 'kysely';

/**
 * Service tokens: a regional information system's key to the API, scoped to one region or one municipality and a
 * set of permissions. Only the SHA-256 of the secret is kept: the administrator sees the secret once. The audit log
 * names either the person or the token that acted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table service_tokens (
      id integer primary key generated always as identity,
      name text not null check (length(name) between 1 and 200),
      token_hash text not null unique,
      -- The first characters of the secret, so a person can tell which token a script holds without the secret.
      prefix text not null,
      region_id integer not null references regions (id),
      municipality_id integer references municipalities (id),
      permissions text[] not null check (cardinality(permissions) > 0),
      requests_per_minute integer not null check (requests_per_minute between 1 and 10000),
      created_by integer references users (id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoked_by integer references users (id),
      last_used_at timestamptz,
      check (expires_at > created_at)
    )`.execute(db);
  await sql`alter table audit_log add column token_id integer references service_tokens (id)`.execute(db);
  await sql`create index audit_log_token_idx on audit_log (token_id, at) where token_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log drop column token_id`.execute(db);
  await sql`drop table service_tokens`.execute(db);
}
