import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// Answers filled in on paper and typed in by the school's staff (docs/methodology.md §7, «Paper answers»). Each
// printed sheet has its own id (its QR code), so one sheet is stored once: a second entry of the same sheet is
// compared with the first instead of added. A paper answer reaches no link, so `link_id` may be empty — for paper
// answers only. The participation counters read neither new column: a paper answer counts like any other.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table paper_sheets (
      id text primary key,
      wave_id integer not null references waves(id) on delete cascade,
      school_id integer not null references schools(id),
      role text not null check (role in ('principal','teacher','student','parent')),
      issued_by integer references users(id),
      issued_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index paper_sheets_wave_school on paper_sheets (wave_id, school_id, role)`.execute(db);
  await sql`
    alter table responses
      add column source text not null default 'online' check (source in ('online', 'paper')),
      add column entered_by integer references users(id),
      add column sheet_id text unique references paper_sheets(id),
      alter column link_id drop not null`.execute(db);
  await sql`
    alter table responses add constraint responses_source_facts check (
      case when source = 'paper' then sheet_id is not null and link_id is null else link_id is not null and sheet_id is null end
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from responses where source = 'paper'`.execute(db);
  await sql`
    alter table responses
      drop constraint responses_source_facts,
      drop column sheet_id,
      drop column entered_by,
      drop column source,
      alter column link_id set not null`.execute(db);
  await sql`drop table paper_sheets`.execute(db);
}
