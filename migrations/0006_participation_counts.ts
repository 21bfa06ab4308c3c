import { sql, type Kysely } from 'kysely';

/**
 * Participation counters: the coordinator's dashboard reads a few thousand counter rows instead of
 * grouping millions of responses. Triggers keep them exact in the same transaction as the response.
 *
 * A classroom submitting at once would queue on one counter row (its lock is held until commit, fsync
 * included), so a school × role may have up to 8 shard rows and readers sum them. A deletion subtracts
 * from whichever shard is free, so one shard may go negative; only the sum means anything.
 *
 * "Fast" is a response that took under 60 seconds; server/participation/participation-report.ts names the same number.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participation_counts')
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id').onDelete('cascade'))
    .addColumn('school_id', 'integer', (c) => c.notNull().references('schools.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('shard', 'smallint', (c) => c.notNull())
    .addColumn('responses', 'integer', (c) => c.notNull())
    .addColumn('fast_responses', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('participation_counts_pkey', ['wave_id', 'school_id', 'role', 'shard'])
    .execute();

  // Statement-level with a transition table: a bulk insert (an import, a benchmark) costs one update per
  // school × role, not one per row. Groups go in key order, so two bulk statements cannot deadlock.
  // An answer adds to the first shard nobody holds; only when all are held does it take a random one, so a
  // quiet school × role keeps a single row and readers stay cheap, while a burst spreads over up to 8.
  await sql`
    create function participation_count_responses() returns trigger language plpgsql as $$
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
        limit 1 for update skip locked;
        if found then
          update participation_counts
          set responses = responses + delta * g.n, fast_responses = fast_responses + delta * g.fast
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

  // Creating the triggers locks responses against writes until this migration commits, so the backfill
  // below sees exactly the rows the triggers will not.
  await sql`
    create trigger responses_count_inserted after insert on responses
    referencing new table as changed for each statement execute function participation_count_responses()`.execute(db);
  await sql`
    create trigger responses_count_deleted after delete on responses
    referencing old table as changed for each statement execute function participation_count_responses()`.execute(db);

  await sql`
    insert into participation_counts (wave_id, school_id, role, shard, responses, fast_responses)
    select wave_id, school_id, role, 0, count(*), count(*) filter (where duration_seconds < 60)
    from responses
    group by wave_id, school_id, role`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger responses_count_deleted on responses`.execute(db);
  await sql`drop trigger responses_count_inserted on responses`.execute(db);
  await sql`drop function participation_count_responses()`.execute(db);
  await db.schema.dropTable('participation_counts').execute();
}
