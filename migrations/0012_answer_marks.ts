import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// Marks on answers (docs/methodology.md §7): why an answer looks scripted or careless, and whether it counts.
// `counted` is written by the server from the marks and the coordinator's review; every figure (participation,
// profiles, explanations) reads only counted answers. The counters follow `counted` through an update trigger,
// so a coordinator's decision moves participation in the same transaction.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table responses
      add column marks text[] not null default '{}'
        check (marks <@ array['no_ticket', 'ticket_reused', 'too_fast', 'straightline', 'device_repeat', 'address_burst']),
      add column review text check (review in ('accepted', 'excluded')),
      add column counted boolean not null default true`.execute(db);
  await sql`create index responses_marked on responses (wave_id, school_id, role) where cardinality(marks) > 0`.execute(db);

  // The key that signs start tickets: one per installation, so every server process and every restart reads the same.
  await sql`create table server_secrets (name text primary key, value text not null, created_at timestamptz not null default now())`.execute(db);

  // Counters by the fate of the answer: counted (some of them marked and still counted), held back until a
  // coordinator decides, excluded. "fast" is now a mark measured by the server, not a counter of what the page said.
  await sql`
    alter table participation_counts
      drop column fast_responses,
      add column marked_counted integer not null default 0,
      add column held integer not null default 0,
      add column excluded integer not null default 0`.execute(db);

  await sql`
    create function participation_count_add(w integer, s integer, r text, n integer, mc integer, h integer, x integer) returns void language plpgsql as $$
    declare
      free_shard smallint;
    begin
      select shard into free_shard from participation_counts
      where wave_id = w and school_id = s and role = r
      order by shard
      limit 1 for update skip locked;
      if found then
        with folded as (
          delete from participation_counts
          where wave_id = w and school_id = s and role = r
            and shard in (
              select shard from participation_counts
              where wave_id = w and school_id = s and role = r and shard <> free_shard
              for update skip locked)
          returning responses, marked_counted, held, excluded
        )
        update participation_counts
        set responses = responses + n + coalesce((select sum(responses) from folded), 0),
            marked_counted = marked_counted + mc + coalesce((select sum(marked_counted) from folded), 0),
            held = held + h + coalesce((select sum(held) from folded), 0),
            excluded = excluded + x + coalesce((select sum(excluded) from folded), 0)
        where wave_id = w and school_id = s and role = r and shard = free_shard;
      else
        insert into participation_counts as pc (wave_id, school_id, role, shard, responses, marked_counted, held, excluded)
        values (w, s, r, floor(random() * 8), n, mc, h, x)
        on conflict (wave_id, school_id, role, shard) do update
          set responses = pc.responses + excluded.responses, marked_counted = pc.marked_counted + excluded.marked_counted,
              held = pc.held + excluded.held, excluded = pc.excluded + excluded.excluded;
      end if;
    end
    $$`.execute(db);

  // One function for the three triggers; each branch reads only the transition tables its trigger defines.
  await sql`
    create or replace function participation_count_responses() returns trigger language plpgsql as $$
    declare
      g record;
    begin
      if tg_op = 'UPDATE' then
        for g in
          select wave_id, school_id, role,
                 sum(sign * counted::int)::int as n,
                 sum(sign * (counted and cardinality(marks) > 0)::int)::int as mc,
                 sum(sign * (not counted and review is null)::int)::int as h,
                 sum(sign * (review is not distinct from 'excluded')::int)::int as x
          from (select wave_id, school_id, role, counted, marks, review, 1 as sign from new_rows
                union all
                select wave_id, school_id, role, counted, marks, review, -1 as sign from old_rows) as c
          group by wave_id, school_id, role
          order by wave_id, school_id, role
        loop
          if g.n <> 0 or g.mc <> 0 or g.h <> 0 or g.x <> 0 then
            perform participation_count_add(g.wave_id, g.school_id, g.role, g.n, g.mc, g.h, g.x);
          end if;
        end loop;
      else
        for g in
          select wave_id, school_id, role,
                 count(*) filter (where counted)::int as n,
                 count(*) filter (where counted and cardinality(marks) > 0)::int as mc,
                 count(*) filter (where not counted and review is null)::int as h,
                 count(*) filter (where review = 'excluded')::int as x
          from changed
          group by wave_id, school_id, role
          order by wave_id, school_id, role
        loop
          if tg_op = 'DELETE' then
            perform participation_count_add(g.wave_id, g.school_id, g.role, -g.n, -g.mc, -g.h, -g.x);
          else
            perform participation_count_add(g.wave_id, g.school_id, g.role, g.n, g.mc, g.h, g.x);
          end if;
        end loop;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger responses_count_reviewed after update on responses
    referencing old table as old_rows new table as new_rows for each statement execute function participation_count_responses()`.execute(db);
}
