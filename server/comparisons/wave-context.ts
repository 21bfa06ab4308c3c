import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Settlement, WaveInRegion } from '../db/schema.js';
import type { ContextFacts } from './similar-schools.js';

/**
 * Each school's latest context row of the wave's region not after the calendar year the wave opens in, in the
 * region's time zone (docs/methodology.md §12): what was known of the school when it was asked.
 */
export async function waveContext(db: Db, wave: WaveInRegion): Promise<Map<number, ContextFacts>> {
  const { rows } = await sql<{ school_id: number; year: number; social_index: number | null; settlement: Settlement | null; students: number | null }>`
    select distinct on (c.school_id) c.school_id, c.year, c.social_index, c.settlement, c.students
    from school_context c
    join schools s on s.id = c.school_id
    join municipalities m on m.id = s.municipality_id
    where m.region_id = ${wave.region_id}
      and c.year <= extract(year from ${wave.opens_at}::timestamptz at time zone ${wave.time_zone})
    order by c.school_id, c.year desc`.execute(db);
  return new Map(rows.map((r) => [r.school_id, { year: r.year, socialIndex: r.social_index, settlement: r.settlement, students: r.students }]));
}
