import type { Db } from '../db/connect.js';
import type { WaveInRegion } from '../db/schema.js';
import { storedModel } from '../risk-models/stored-model.js';
import type { Caller } from '../territory/scope.js';
import { baseModel, derivedModel } from './derived-model.js';
import { compareLevels, rescore, waveScores } from './level-changes.js';
import type { DerivePreview, DerivePreviewBody } from './methodology.schemas.js';

/**
 * A draft model tried on a past wave (docs/methodology.md §9): the base (the wave's pinned model unless another is
 * named) with the edits made and checked, then per factor the wave's schools by level under the pinned model and
 * under the draft, and which schools change level. Nothing is stored.
 */
export async function derivePreview(db: Db, wave: WaveInRegion, caller: Caller, body: DerivePreviewBody): Promise<DerivePreview> {
  const base = await baseModel(db, body.baseModelId ?? wave.model_id);
  const { model: draft } = derivedModel(base, body.edits);
  const scores = await waveScores(db, wave, caller, await storedModel(db, wave.model_id));
  const profiles = await rescore(db, wave, caller, scores, draft);
  return {
    wave: { id: wave.id, title: wave.title },
    pinned: { id: scores.model.id, title: scores.model.title },
    base: { id: base.model.id, title: base.model.title },
    schools: scores.schools.length,
    factors: compareLevels(scores.schools, scores, { model: draft, profiles }),
  };
}
