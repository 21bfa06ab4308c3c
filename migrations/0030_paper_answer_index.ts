import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application code and is never edited once landed.
//
// The participation page shows how many of each school × role's counted answers came from paper. Paper answers are
// few beside the online ones, so they are counted from the responses themselves through this small index rather than
// by another column in every counter row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index responses_paper on responses (wave_id, school_id, role) where source = 'paper'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index responses_paper`.execute(db);
}
