import type { Db } from '../db/connect.js';
import { loadStoredModel } from '../risk-models/store.js';
import type { RiskModel } from '../scoring/model.js';
import { parseStoredModel } from './model-schema.js';

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
