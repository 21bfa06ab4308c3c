import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// A closed wave's figures change only when its answers do after the close: a coordinator's review decision, or a
// deletion. Both move the wave's `figures_version`, so a server may keep the scores of a closed wave's whole region
// and know from the wave's row alone whether they still hold, on every instance. Inserts do not move it: they reach
// only open waves, whose figures are never kept, and a counter on the busiest path would make every answer wait
// for the wave's row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table waves add column figures_version integer not null default 0`.execute(db);
  await sql`
    create function bump_figures_version() returns trigger language plpgsql as $$
    begin
      update waves set figures_version = figures_version + 1 where id in (select distinct wave_id from changed_rows);
      return null;
    end
    $$`.execute(db);
  // PostgreSQL allows a transition table only on a trigger of one event, hence two.
  await sql`
    create trigger responses_figures_updated after update on responses
    referencing new table as changed_rows for each statement execute function bump_figures_version()`.execute(db);
  await sql`
    create trigger responses_figures_deleted after delete on responses
    referencing old table as changed_rows for each statement execute function bump_figures_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger responses_figures_deleted on responses`.execute(db);
  await sql`drop trigger responses_figures_updated on responses`.execute(db);
  await sql`drop function bump_figures_version()`.execute(db);
  await sql`alter table waves drop column figures_version`.execute(db);
}
