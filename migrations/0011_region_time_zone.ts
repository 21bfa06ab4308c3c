import { sql, type Kysely } from 'kysely';

/**
 * A region's time zone (an IANA name): a wave's days are days of its region, and every time shown is written in it.
 * Regions that exist keep Moscow time, the zone their waves' instants were entered in so far.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table regions add column time_zone text not null default 'Europe/Moscow'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table regions drop column time_zone`.execute(db);
}
