import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// Every limit of the server (failed logins per address and per account, wrong codes, answers per link, a service
// token's requests) counts hits of a key in a window that starts at its first hit. On PostgreSQL the windows live here,
// so every instance behind a load balancer enforces the same numbers and a restart forgets nothing. Unlogged: a limit
// is not worth a write-ahead log record per request, and only a crash of the database itself empties the table.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unlogged table limit_windows (
      key text primary key,
      hits integer not null,
      ends_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table limit_windows`.execute(db);
}
