import { Value } from 'typebox/value';
import type { Db } from '../db/connect.js';
import { RiskModelSchema, type RiskModel } from '../scoring/model.js';
import { schemaProblems } from './schema-problems.js';
import { loadStoredModel } from './store.js';

/**
 * Stored models never change under their id (store.ts refuses that), so each is read and checked
 * once. The cache is per database handle: two databases (tests run several) may hold the same id.
 */
const caches = new WeakMap<Db, Map<string, Promise<RiskModel>>>();

/** The exact model a wave was pinned to, never the current surveys/risk-model.json. */
export function storedModel(db: Db, modelId: string): Promise<RiskModel> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let model = cache.get(modelId);
  if (!model) {
    model = loadStoredModel(db, modelId).then((definition) => parseStoredModel(definition, modelId));
    cache.set(modelId, model);
    // A failed read (say, a dropped connection) must not stick.
    model.catch(() => cache.delete(modelId));
  }
  return model;
}

/**
 * Types a stored definition as a model, or throws naming the first problems. It was checked against the
 * questionnaires when it was stored; only the model's schema is checked again, because the questionnaires
 * of today may no longer contain an old wave's questions.
 */
function parseStoredModel(definition: unknown, id: string): RiskModel {
  if (Value.Check(RiskModelSchema, definition)) return definition;
  throw new Error(`Stored risk model "${id}" is not a valid model: ${schemaProblems(RiskModelSchema, definition).slice(0, 5).join('; ')}`);
}
