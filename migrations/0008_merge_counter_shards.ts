import { sql, type Kysely } from 'kysely';

/**
 * Counter shards fold back together. 0006 spreads a school × role over up to 8 rows while a burst holds
 * them, but never merged them again, so every reader of a busy region summed up to 8 rows per school × role
 * for the rest of the wave. Now an answer that finds a free shard also folds every other shard nobody holds
 * into it. It never waits for a lock (`skip locked`), so a burst still spreads as before, and the rows shrink
 * back as soon as the burst is over. Only the function changes; the triggers of 0006 call it by name.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function participation_count_responses() returns trigger language plpgsql as $$
    declare
      delta integer := case when tg_op = 'INSERT' then 1 else -1 end;
      g record;
      free_shard smallint;
    begin
      for g in
        select wave_id, school_id, role, count(*)::int as n, (count(*) filter (where duration_seconds < 60))::int as fast
        from changed
        group by wave_id, school_id, role
        order by wave_id, school_id, role
      loop
        select shard into free_shard from participation_counts
        where wave_id = g.wave_id and school_id = g.school_id and role = g.role
        order by shard
        limit 1 for update skip locked;
        if found then
          with folded as (
            delete from participation_counts
            where wave_id = g.wave_id and school_id = g.school_id and role = g.role
              and shard in (
                select shard from participation_counts
                where wave_id = g.wave_id and school_id = g.school_id and role = g.role and shard <> free_shard
                for update skip locked)
            returning responses, fast_responses
          )
          update participation_counts
          set responses = responses + delta * g.n + coalesce((select sum(responses) from folded), 0),
              fast_responses = fast_responses + delta * g.fast + coalesce((select sum(fast_responses) from folded), 0)
          where wave_id = g.wave_id and school_id = g.school_id and role = g.role and shard = free_shard;
        else
          insert into participation_counts as pc (wave_id, school_id, role, shard, responses, fast_responses)
          values (g.wave_id, g.school_id, g.role, floor(random() * 8), delta * g.n, delta * g.fast)
          on conflict (wave_id, school_id, role, shard) do update
            set responses = pc.responses + excluded.responses, fast_responses = pc.fast_responses + excluded.fast_responses;
        end if;
      end loop;
      return null;
    end
    $$`.execute(db);
}
