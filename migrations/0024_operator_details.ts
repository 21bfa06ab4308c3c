import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// The operator of personal data (152-ФЗ): who answers for the processing, where, and how a person reaches them. One row
// at most (id is always 1); the public privacy page and every respondent's first screen name it, and no wave may be
// created until it exists (server/operator/operator.routes.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table operator_details (
      id smallint primary key default 1 check (id = 1),
      name text not null,
      address text not null,
      email text not null,
      phone text,
      inn text,
      ogrn text,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table operator_details`.execute(db);
}
