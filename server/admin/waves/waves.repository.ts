import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { WaveTable } from '../../db/schema.js';
import { waveStatus } from '../../db/wave-status.js';

function selectWaves(db: Db) {
  return db
    .selectFrom('waves')
    .innerJoin('regions', 'regions.id', 'waves.region_id')
    .innerJoin('risk_models', 'risk_models.id', 'waves.model_id')
    .select([
      'waves.id',
      'waves.title',
      'waves.region_id',
      'regions.name as region_name',
      'regions.time_zone',
      'waves.opens_at',
      'waves.closes_at',
      'waves.target',
      'waves.model_id',
      'risk_models.title as model_title',
      'waves.roster_frozen_at',
      waveStatus.as('status'),
    ]);
}

/** Every region's waves, newest first. */
export function listWaves(db: Db) {
  return selectWaves(db).orderBy('waves.opens_at', 'desc').orderBy('waves.id', 'desc').execute();
}

export type WaveRow = Awaited<ReturnType<typeof listWaves>>[number];

export function findWave(db: Db, waveId: number) {
  return selectWaves(db).where('waves.id', '=', waveId).executeTakeFirst();
}

export async function insertWave(db: Db, wave: Insertable<WaveTable>) {
  return db.insertInto('waves').values(wave).returning('id').executeTakeFirstOrThrow();
}

export async function updateWave(db: Db, waveId: number, patch: Updateable<WaveTable>) {
  await db.updateTable('waves').set(patch).where('id', '=', waveId).execute();
}

/**
 * Serialises changes to one wave's links and roster: two admins syncing at once must not both create the missing
 * ones, nor two corrections of one count both read the same old value.
 */
export async function lockWave(db: Db, waveId: number) {
  return db.selectFrom('waves').select(['id', 'region_id', 'opens_at', 'roster_frozen_at']).where('id', '=', waveId).forUpdate().executeTakeFirst();
}

/**
 * Every answer the wave received, whatever its fate (counted, held, excluded), from the participation counters: they
 * keep a wave's numbers after the retention job deletes its answers (server/retention/purge-wave.ts).
 */
export async function countWaveResponses(db: Db, waveId: number): Promise<number> {
  const row = await db
    .selectFrom('participation_counts')
    .select(sql<number>`coalesce(sum(responses + held + excluded), 0)::int`.as('n'))
    .where('wave_id', '=', waveId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The region's time zone; undefined for a region that does not exist. */
export async function regionTimeZone(db: Db, regionId: number): Promise<string | undefined> {
  return (await db.selectFrom('regions').select('time_zone').where('id', '=', regionId).executeTakeFirst())?.time_zone;
}

export function listModels(db: Db) {
  return db.selectFrom('risk_models').select(['id', 'title', 'created_at']).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function modelExists(db: Db, modelId: string): Promise<boolean> {
  return (await db.selectFrom('risk_models').select('id').where('id', '=', modelId).executeTakeFirst()) !== undefined;
}
