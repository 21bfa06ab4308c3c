import type { RiskModel } from '../scoring/model.js';
import { loadQuestionnaires } from '../surveys/questionnaires.js';
import { readJsonFile } from '../surveys/read-json.js';
import { validateModel } from './validate-model.js';

/** Reads the model file and the questionnaires `<surveysDir>/<role>.json`, then validates. */
export async function loadModelFile(path: string, surveysDir: string): Promise<RiskModel> {
  const [json, questionnaires] = await Promise.all([readJsonFile(path), loadQuestionnaires(surveysDir)]);
  return validateModel(json, questionnaires, path);
}
