import { join } from 'node:path';
import type { RiskModel } from '../scoring/model.js';
import { scoredQuestions } from '../surveys/counting.js';
import { readQuestionnaireSet, type QuestionnaireSet } from '../surveys/questionnaire-set.js';
import { compileQuestionnaireSet, type Questionnaires } from '../surveys/questionnaires.js';
import { readJsonFile } from '../surveys/read-json.js';
import { validateModel } from './validate-model.js';

/** One version of the methodology as the repository keeps it: a folder with risk-model.json and its questionnaires. */
export interface Methodology {
  model: RiskModel;
  set: QuestionnaireSet;
  questionnaires: Questionnaires;
  /** The model file, for messages. */
  file: string;
}

/** Reads `<dir>/risk-model.json` and the questionnaires beside it, and validates the model against them. */
export async function loadMethodology(dir: string): Promise<Methodology> {
  const file = join(dir, 'risk-model.json');
  const [json, set] = await Promise.all([readJsonFile(file), readQuestionnaireSet(dir)]);
  const questionnaires = compileQuestionnaireSet(set, scoredQuestions(json), dir);
  return { model: validateModel(json, questionnaires, file), set, questionnaires, file };
}

/** Reads the model file and the questionnaires `<surveysDir>/<role>.json`, then validates. */
export async function loadModelFile(path: string, surveysDir: string): Promise<RiskModel> {
  const [json, set] = await Promise.all([readJsonFile(path), readQuestionnaireSet(surveysDir)]);
  return validateModel(json, compileQuestionnaireSet(set, scoredQuestions(json), surveysDir), path);
}
