import { join } from 'node:path';
import type { App } from '../../server/app.js';
import type { Db } from '../../server/db/connect.js';
import { storeMethodology } from '../../server/risk-models/versions.js';
import type { Role } from '../../server/shared/roles.js';
import { SURVEYS_DIR } from '../../server/surveys/questionnaires.js';
import { honestSubmission, phoneAddress } from '../helpers/answers.js';
import { newLink } from '../helpers/fixtures.js';

export const MODEL_FILE = join(SURVEYS_DIR, 'risk-model.json');

/**
 * Version 1 of the content, as archived: tests whose figures are worked out by hand from its questions and
 * indicators keep them; its waves pin its questionnaires (docs/methodology.md §1, §10).
 */
export const V1_DIR = join(SURVEYS_DIR, 'archive/500plus-v1');
export const V1_MODEL_FILE = join(V1_DIR, 'risk-model.json');

/** The model and questionnaires of a folder (today's by default), stored the way the server does at start-up. */
export async function storeRealModel(db: Db, dir = SURVEYS_DIR) {
  return (await storeMethodology(db, dir)).model;
}

/** Answers a school's questionnaires through the public link API, one POST per respondent, as phones do. */
export async function respond(app: App, db: Db, waveId: number, schoolId: number, role: Role, respondents: Array<Record<string, unknown>>) {
  const link = await newLink(db, waveId, schoolId, role);
  for (const answers of respondents) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/links/${link.token}/responses`,
      payload: await honestSubmission(db, link, answers),
      remoteAddress: phoneAddress(),
    });
    if (res.statusCode !== 201) throw new Error(`${role} response refused: ${res.statusCode} ${res.body}`);
  }
}

/** One respondent per element: `columns({ q: [a, b] })` → [{ q: a }, { q: b }]; undefined leaves the question empty. */
export function respondents(columns: Record<string, unknown[]>): Array<Record<string, unknown>> {
  const count = Math.max(...Object.values(columns).map((c) => c.length));
  return Array.from({ length: count }, (_, i) =>
    Object.fromEntries(Object.entries(columns).flatMap(([q, values]) => (values[i] === undefined ? [] : [[q, values[i]]]))),
  );
}
