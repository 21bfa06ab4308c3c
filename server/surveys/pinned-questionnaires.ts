import type { Db } from '../db/connect.js';
import { storedModel } from '../risk-models/stored-model.js';
import { scoredQuestions } from './counting.js';
import { questionnaireSetId, type QuestionnaireSet } from './questionnaire-set.js';
import { compileQuestionnaireSet, type Questionnaires } from './questionnaires.js';

/** Stores a set once under its id (the hash of its content) and returns the id. */
export async function storeQuestionnaireSet(db: Db, set: QuestionnaireSet): Promise<string> {
  const id = questionnaireSetId(set);
  await db
    .insertInto('questionnaire_sets')
    .values({ id, definition: JSON.stringify(set) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return id;
}

/** What a wave pinned: its questionnaires and the model whose indicators decide which questions count. */
export interface WaveMethodology {
  questionnaires_id: string | null;
  model_id: string;
}

/**
 * Stored sets never change under their id, so each is read and compiled once per model. The cache is per
 * database handle: tests run several databases in one process.
 */
const caches = new WeakMap<Db, Map<string, Promise<Questionnaires>>>();

/** The questionnaires a wave is answered and explained with, never today's surveys/*.json. */
export function waveQuestionnaires(db: Db, wave: WaveMethodology): Promise<Questionnaires> {
  const setId = wave.questionnaires_id;
  if (setId === null) {
    return Promise.reject(new Error(`The wave of model "${wave.model_id}" has no pinned questionnaires; restart the server to pin them`));
  }
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${setId}\n${wave.model_id}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(db, setId, wave.model_id);
    cache.set(key, compiled);
    // A failed read (say, a dropped connection) must not stick.
    compiled.catch(() => cache.delete(key));
  }
  return compiled;
}

async function compile(db: Db, setId: string, modelId: string): Promise<Questionnaires> {
  const [row, model] = await Promise.all([
    db.selectFrom('questionnaire_sets').select('definition').where('id', '=', setId).executeTakeFirstOrThrow(),
    storedModel(db, modelId),
  ]);
  return compileQuestionnaireSet(row.definition as QuestionnaireSet, scoredQuestions(model), `questionnaires ${setId.slice(0, 12)}`);
}
