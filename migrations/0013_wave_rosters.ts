import { sql, type Kysely } from 'kysely';

/**
 * A wave's roster: the expected respondents of every school of its region, copied when the wave opens, so that a
 * later roster import cannot rewrite an open or closed wave's participation, profiles and exports.
 *
 * Nothing runs at the instant a wave opens, so the copy is made by whichever comes first after it: a change to the
 * schools (a statement-level BEFORE trigger, which freezes before the statement writes anything) or a read of the
 * wave (the server calls `freeze_wave_rosters(wave)`). Both copy the roster as it was at the opening: any change
 * since then would have fired the trigger first. A BEFORE statement trigger sees no transition table, so it freezes
 * every started wave not yet frozen, of every region; a wave of a region the statement does not touch gets the
 * roster it would have got anyway, and the waves table is small.
 *
 * Waves that had already opened when this migration ran are frozen here, with the roster of that moment: the
 * counts they were read with until then.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table waves add column roster_frozen_at timestamptz`.execute(db);
  // Moved by every correction of the frozen roster: the participation view's cache of a frozen wave is keyed by it.
  await sql`alter table waves add column roster_version integer not null default 0`.execute(db);

  await sql`
    create table wave_rosters (
      wave_id integer not null references waves (id) on delete cascade,
      school_id integer not null references schools (id),
      expected_principal integer not null check (expected_principal between 0 and 1),
      expected_teacher integer not null check (expected_teacher >= 0),
      expected_student integer not null check (expected_student >= 0),
      expected_parent integer not null check (expected_parent >= 0),
      primary key (wave_id, school_id)
    )`.execute(db);
  // Schools are rarely deleted, but the foreign key must not scan every wave's roster when one is.
  await sql`create index wave_rosters_school_idx on wave_rosters (school_id)`.execute(db);

  // The one definition of a freeze. Locking the wave's row by the update serialises two freezes of one wave: the
  // second finds it frozen and copies nothing.
  await sql`
    create function freeze_wave_rosters(only_wave integer) returns void language sql as $$
      with frozen as (
        update waves set roster_frozen_at = now()
        where roster_frozen_at is null and opens_at <= now() and (only_wave is null or id = only_wave)
        returning id, region_id
      )
      insert into wave_rosters (wave_id, school_id, expected_principal, expected_teacher, expected_student, expected_parent)
      select f.id, s.id, s.expected_principal, s.expected_teacher, s.expected_student, s.expected_parent
      from frozen f
      join municipalities m on m.region_id = f.region_id
      join schools s on s.municipality_id = m.id
      on conflict do nothing
    $$`.execute(db);

  await sql`
    create function freeze_before_roster_change() returns trigger language plpgsql as $$
    begin
      perform freeze_wave_rosters(null);
      return null;
    end
    $$`.execute(db);
  await sql`create trigger schools_freeze_wave_rosters before insert or update or delete on schools for each statement execute function freeze_before_roster_change()`.execute(
    db,
  );
  // A municipality moved to another region or deleted takes its schools out of their region's roster.
  await sql`create trigger municipalities_freeze_wave_rosters before update or delete on municipalities for each statement execute function freeze_before_roster_change()`.execute(
    db,
  );

  await sql`
    create function wave_rosters_corrected() returns trigger language plpgsql as $$
    begin
      update waves set roster_version = roster_version + 1 where id in (select wave_id from corrected);
      return null;
    end
    $$`.execute(db);
  await sql`create trigger wave_rosters_corrected after update on wave_rosters referencing new table as corrected for each statement execute function wave_rosters_corrected()`.execute(
    db,
  );

  // A wave whose opening is moved back into the future has not opened: it reads the live roster again, and copies
  // it afresh when it does open.
  await sql`
    create function waves_unfreeze_planned() returns trigger language plpgsql as $$
    begin
      if new.opens_at > now() and new.roster_frozen_at is not null then
        delete from wave_rosters where wave_id = new.id;
        new.roster_frozen_at := null;
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger waves_unfreeze_planned before update of opens_at on waves for each row execute function waves_unfreeze_planned()`.execute(db);

  await sql`select freeze_wave_rosters(null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger waves_unfreeze_planned on waves`.execute(db);
  await sql`drop function waves_unfreeze_planned()`.execute(db);
  await sql`drop trigger schools_freeze_wave_rosters on schools`.execute(db);
  await sql`drop trigger municipalities_freeze_wave_rosters on municipalities`.execute(db);
  await sql`drop function freeze_before_roster_change()`.execute(db);
  await sql`drop table wave_rosters`.execute(db);
  await sql`drop function wave_rosters_corrected()`.execute(db);
  await sql`drop function freeze_wave_rosters(integer)`.execute(db);
  await sql`alter table waves drop column roster_version, drop column roster_frozen_at`.execute(db);
}
