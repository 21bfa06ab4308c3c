import { sql, type Kysely } from 'kysely';

/**
 * A region's roster version: any change to its schools or municipalities (an import, an edit, even by hand in
 * SQL) moves it, in the same transaction. The participation view keeps a region's sorted roster in memory and
 * reads it again only when this number moved, so a live dashboard of 3,000 schools reads just the counters.
 * Transition tables allow one event per trigger, hence three triggers per table over one function each.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table regions add column roster_version bigint not null default 0`.execute(db);

  await sql`
    create function schools_roster_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        update regions set roster_version = roster_version + 1
        where id in (select m.region_id from municipalities m where m.id in (select municipality_id from changed_new));
      end if;
      if tg_op in ('DELETE', 'UPDATE') then
        update regions set roster_version = roster_version + 1
        where id in (select m.region_id from municipalities m where m.id in (select municipality_id from changed_old));
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create function municipalities_roster_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        update regions set roster_version = roster_version + 1 where id in (select region_id from changed_new);
      end if;
      if tg_op in ('DELETE', 'UPDATE') then
        update regions set roster_version = roster_version + 1 where id in (select region_id from changed_old);
      end if;
      return null;
    end
    $$`.execute(db);

  for (const table of ['schools', 'municipalities']) {
    const fn = sql.raw(`${table}_roster_changed`);
    const t = sql.raw(table);
    await sql`create trigger ${sql.raw(`${table}_roster_inserted`)} after insert on ${t} referencing new table as changed_new for each statement execute function ${fn}()`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${table}_roster_updated`)} after update on ${t} referencing old table as changed_old new table as changed_new for each statement execute function ${fn}()`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${table}_roster_deleted`)} after delete on ${t} referencing old table as changed_old for each statement execute function ${fn}()`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['schools', 'municipalities']) {
    for (const event of ['inserted', 'updated', 'deleted']) await sql`drop trigger ${sql.raw(`${table}_roster_${event}`)} on ${sql.raw(table)}`.execute(db);
    await sql`drop function ${sql.raw(`${table}_roster_changed`)}()`.execute(db);
  }
  await sql`alter table regions drop column roster_version`.execute(db);
}
