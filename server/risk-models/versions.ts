import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { storeQuestionnaireSet } from '../surveys/pinned-questionnaires.js';
import { SURVEYS_DIR } from '../surveys/questionnaires.js';
import { loadMethodology, type Methodology } from './model-file.js';
import { storeModelVersion } from './store.js';

/** Earlier versions, kept so that their waves can be scored and explained for good: `surveys/archive/<model id>/`. */
export const ARCHIVE_DIR = join(SURVEYS_DIR, 'archive');

/** Loads one version's folder and stores its questionnaires and model; returns what it stored. */
export async function storeMethodology(db: Db, dir: string): Promise<Methodology & { questionnairesId: string }> {
  const methodology = await loadMethodology(dir);
  const questionnairesId = await storeQuestionnaireSet(db, methodology.set);
  await storeModelVersion(db, methodology.model, methodology.file, questionnairesId);
  return { ...methodology, questionnairesId };
}

/**
 * At start-up: stores every archived version, then the current one (`surveys/`, which new waves use), and pins
 * questionnaires to the waves created before waves pinned them. Returns the current version.
 */
export async function storeEveryVersion(db: Db, surveysDir = SURVEYS_DIR): Promise<Methodology> {
  const archive = join(surveysDir, 'archive');
  const folders = (await readdir(archive, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name);
  for (const folder of folders.sort()) await storeMethodology(db, join(archive, folder));
  const current = await storeMethodology(db, surveysDir);
  await pinEarlierWaves(db);
  return current;
}

/**
 * A wave created before questionnaires were pinned gets those its model was stored with: for the model of that
 * time, its archived folder. A wave whose model no folder holds any more cannot be served honestly, so the server
 * refuses to start and says which.
 */
async function pinEarlierWaves(db: Db): Promise<void> {
  await sql`update waves set questionnaires_id = risk_models.questionnaires_id from risk_models
    where waves.questionnaires_id is null and risk_models.id = waves.model_id`.execute(db);
  const unpinned = await db.selectFrom('waves').select(['id', 'model_id']).where('questionnaires_id', 'is', null).execute();
  if (unpinned.length > 0) {
    const models = [...new Set(unpinned.map((w) => w.model_id))];
    throw new Error(
      `Waves ${unpinned.map((w) => w.id).join(', ')} use model ${models.map((m) => `"${m}"`).join(', ')}, whose questionnaires are not in ` +
        `surveys/ or surveys/archive/; put that version's files in surveys/archive/<model id>/ and start again.`,
    );
  }
}
