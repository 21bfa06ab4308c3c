import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { storedModel } from '../risk-models/stored-model.js';
import { scoreProfile } from '../scoring/engine.js';
import type { CollectedStats, RiskModel } from '../scoring/model.js';
import { ROLES, type Role } from '../shared/roles.js';
import { waveTerms } from '../shared/vocabulary.js';
import type { Caller } from '../territory/scope.js';
import { schoolIdsInScope } from '../territory/schools.repository.js';
import { listWaveSchoolsInScope, type WaveSchool } from '../territory/wave-roster.js';
import type { SchoolProfile, WaveProfiles } from './schemas.js';
import { waveStats } from './wave-stats.js';

const NO_RESPONSES: CollectedStats = {
  responses: Object.fromEntries(ROLES.map((role) => [role, 0])) as Record<Role, number>,
  indicators: {},
};

/** One school's risk profile in a wave, scored with the model the wave pinned. */
export async function schoolProfile(db: Db, wave: WaveInRegion, school: WaveSchool): Promise<SchoolProfile> {
  const model = await storedModel(db, wave.model_id);
  const stats = await waveStats(db, model, wave.id, school.ref.id);
  return { school: school.ref, wave: waveTerms(wave), model: modelRef(model), ...scored(model, school, stats.get(school.ref.id)) };
}

/**
 * Profiles of every school of the wave's region that the caller may see, from one aggregation
 * over the wave's responses. Schools nobody answered for are listed too (all roles at 0).
 */
export async function waveProfiles(db: Db, wave: WaveInRegion, caller: Caller): Promise<WaveProfiles> {
  const model = await storedModel(db, wave.model_id);
  const schools = await listWaveSchoolsInScope(db, wave, caller);
  const stats = await waveStats(db, model, wave.id, schoolIdsInScope(db, wave.region_id, caller));
  return {
    wave: waveTerms(wave),
    model: modelRef(model),
    profiles: schools.map((school) => ({ school: school.ref, ...scored(model, school, stats.get(school.ref.id)) })),
  };
}

function scored(model: RiskModel, school: WaveSchool, stats: CollectedStats = NO_RESPONSES) {
  const { roles, factors } = scoreProfile(model, school.expected, stats.responses, stats.indicators);
  return { roles, refused: school.refused, factors };
}

function modelRef(model: RiskModel) {
  return { id: model.id, title: model.title };
}
