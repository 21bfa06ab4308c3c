import { join } from 'node:path';
import { ROLES, type Role } from '../shared/roles.js';
import { canonicalJson } from '../shared/canonical-json.js';
import { sha256 } from '../shared/hash.js';
import type { CountingFile } from './counting.js';
import { readJsonFile, readOptionalJsonFile } from './read-json.js';
import type { SurveyJson } from './questionnaires.js';

/**
 * What a wave is answered with, as data: the four questionnaires and counting.json. A wave pins one
 * (docs/methodology.md §1), so it is stored whole, and named by the hash of its content.
 */
export interface QuestionnaireSet {
  surveys: Record<Role, SurveyJson>;
  /** surveys/counting.json, or null where there is none (the defaults apply). */
  counting: CountingFile | null;
}

/**
 * Reads `<dir>/<role>.json` for every role and `<dir>/counting.json`. Every problem is reported, in the order of
 * the roles, so the message does not depend on which file the disk returned first.
 */
export async function readQuestionnaireSet(dir: string): Promise<QuestionnaireSet> {
  const [counting, ...results] = await Promise.allSettled([
    readOptionalJsonFile(join(dir, 'counting.json')),
    ...ROLES.map((role) => readJsonFile(join(dir, `${role}.json`))),
  ]);
  const problems = [counting, ...results].flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const surveys = Object.fromEntries(ROLES.map((role, i) => [role, (results[i] as PromiseFulfilledResult<unknown>).value])) as Record<Role, SurveyJson>;
  return { surveys, counting: ((counting as PromiseFulfilledResult<unknown>).value as CountingFile | undefined) ?? null };
}

/**
 * The set's id: the hash of its content with object keys in a fixed order, so that reformatting a file (spaces,
 * key order) keeps the id and any change of a word, choice or rule makes a new one.
 */
export function questionnaireSetId(set: QuestionnaireSet): string {
  return sha256(canonicalJson(set));
}
