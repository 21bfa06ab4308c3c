import type { Db } from '../db/connect.js';
import { answersPurged } from '../db/answers-purged.js';
import { keptSchoolStats } from './kept-stats.js';
import type { CollectedStats, RiskModel } from '../scoring/model.js';
import { collectStatsSql, type SchoolSet } from './stats.sql.js';

/**
 * The scorer's input for schools of a wave scored with the model it pinned: from its answers, or, once the retention
 * job has deleted them, from what it kept of them first (server/retention/keep-figures.ts), which is the same.
 */
export async function waveStats(db: Db, model: RiskModel, waveId: number, schools: SchoolSet): Promise<Map<number, CollectedStats>> {
  return (await answersPurged(db, waveId)) ? keptSchoolStats(db, waveId, schools) : collectStatsSql(db, model, waveId, schools);
}
