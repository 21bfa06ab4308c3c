import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// A statement that stores or removes answers tells every server process listening on this database which waves moved,
// so a coordinator's live view on one instance sees an answer taken by another at once. One notification per wave and
// statement (PostgreSQL folds equal ones within a transaction), so a batch of answers costs one, not one per row. The
// channel carries the schema's name: schemas of one database (the tests') do not hear each other.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function notify_participation() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        perform pg_notify('participation:' || current_schema(), wave_id::text) from (select distinct wave_id from removed) as w;
      else
        perform pg_notify('participation:' || current_schema(), wave_id::text) from (select distinct wave_id from added) as w;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger responses_notify_inserted after insert on responses
    referencing new table as added for each statement execute function notify_participation()`.execute(db);
  await sql`
    create trigger responses_notify_deleted after delete on responses
    referencing old table as removed for each statement execute function notify_participation()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger responses_notify_deleted on responses`.execute(db);
  await sql`drop trigger responses_notify_inserted on responses`.execute(db);
  await sql`drop function notify_participation()`.execute(db);
}
