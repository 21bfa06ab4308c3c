import type { Db } from '../db/connect.js';
import { storedModel } from '../risk-models/stored-model.js';
import { waveQuestionnaires, type WaveMethodology } from '../surveys/pinned-questionnaires.js';
import { factorsMeasuredAlike } from './comparable.js';

/** The factors two waves measure alike, by the models and the questionnaires each pinned (docs/methodology.md §4). */
export async function wavesMeasuredAlike(db: Db, earlier: WaveMethodology, later: WaveMethodology): Promise<Set<string>> {
  const [earlierModel, laterModel, earlierAsked, laterAsked] = await Promise.all([
    storedModel(db, earlier.model_id),
    storedModel(db, later.model_id),
    waveQuestionnaires(db, earlier),
    waveQuestionnaires(db, later),
  ]);
  return factorsMeasuredAlike(earlierModel, laterModel, { earlier: earlierAsked, later: laterAsked });
}
