import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import type { SchoolDynamics } from '../../server/dynamics/dynamics.schemas.js';
import type { Role } from '../../server/shared/roles.js';
import { loadQuestionnaires, type Questionnaire, type Questionnaires } from '../../server/surveys/questionnaires.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { login, TEST_PASSWORD, type LoggedIn } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { respond, storeRealModel, V1_DIR } from '../profiles/world.js';

const ROLES_ANSWERING: Role[] = ['teacher', 'student', 'parent'];
const PEOPLE = 6;

/**
 * Answers the questionnaire accepts: respondent i takes the i-th choice (cycling) of every single or multiple choice
 * and the lowest number of every number question, so parts never exceed their totals.
 */
function answersOf(questionnaire: Questionnaire, i: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const spec of questionnaire.questions.values()) {
    if (spec.type === 'number') answers[spec.name] = spec.min;
    else {
      const values = [...spec.values].filter((v) => v !== 'dont_know');
      const value = values[i % values.length];
      answers[spec.name] = spec.type === 'multi' ? [value] : value;
    }
  }
  return answers;
}

describe.each(TEST_DATABASES)('a version 1 wave against a version 2 wave on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let v1: Questionnaires;
  let v2: Questionnaires;
  const ids = { school: 0, spring: 0, autumn: 0, v1: '', v2: '' };

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    [v1, v2] = await Promise.all([loadQuestionnaires(V1_DIR), loadQuestionnaires()]);
    ids.v1 = (await storeRealModel(db, V1_DIR)).id;
    ids.v2 = (await storeRealModel(db)).id;
    await createAccount(db, { email: `admin-versions-${kind}@test.local`, password: TEST_PASSWORD, role: 'admin' });
    admin = await login(t.app, `admin-versions-${kind}@test.local`);

    const region = await newRegion(db);
    const school = await newSchool(db, (await newMunicipality(db, region.id)).id, { principal: 1, teacher: PEOPLE, student: PEOPLE, parent: PEOPLE });
    ids.school = school.id;
    const spring = await newWave(db, region.id, { modelId: ids.v1, opensInDays: -60 });
    const autumn = await newWave(db, region.id, { modelId: ids.v2, opensInDays: -20 });
    [ids.spring, ids.autumn] = [spring.id, autumn.id];
    for (const [wave, questionnaires] of [
      [spring, v1],
      [autumn, v2],
    ] as const) {
      await respond(t.app, db, wave.id, school.id, 'principal', [answersOf(questionnaires.principal, 0)]);
      for (const role of ROLES_ANSWERING) {
        await respond(
          t.app,
          db,
          wave.id,
          school.id,
          role,
          Array.from({ length: PEOPLE }, (_, i) => answersOf(questionnaires[role], i)),
        );
      }
    }
    // Both waves over: their figures are released to everyone (docs/methodology.md §6).
    await db
      .updateTable('waves')
      .set({ closes_at: new Date(Date.now() - 30 * 86_400_000) })
      .where('id', '=', spring.id)
      .execute();
    await db
      .updateTable('waves')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', autumn.id)
      .execute();
  });
  afterAll(() => t?.close());

  it('serves each wave the questionnaires of its own version', async () => {
    const db = t.database.db;
    for (const [waveId, questionnaires] of [
      [ids.spring, v1],
      [ids.autumn, v2],
    ] as const) {
      const link = await newLink(db, waveId, ids.school, 'teacher');
      const survey = (await t.app.inject({ url: `/api/links/${link.token}` })).json().survey;
      expect(JSON.stringify(survey)).toBe(JSON.stringify(questionnaires.teacher.json));
    }
    expect(JSON.stringify(v1.teacher.json)).not.toBe(JSON.stringify(v2.teacher.json));
  });

  it('says the models differ, shows each wave its own profile and compares no factor', async () => {
    const res = await t.app.inject({ url: `/api/schools/${ids.school}/dynamics?from=${ids.spring}&to=${ids.autumn}`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    const dynamics = res.json() as SchoolDynamics;
    expect(dynamics.sameModel).toBe(false);
    expect(dynamics.models).toMatchObject({ earlier: { id: ids.v1 }, later: { id: ids.v2 } });
    // docs/methodology.md §10: no factor has the same indicators in both versions.
    expect(dynamics.factors.map((f) => f.comparable)).toEqual(dynamics.factors.map(() => false));
    for (const factor of dynamics.factors) expect(factor).toMatchObject({ delta: null, levelChange: null });
    expect(dynamics.positiveChange).toBe(false);
    // Each wave keeps its own figures: scores that exist are shown, not compared.
    expect(dynamics.factors.some((f) => f.earlier?.score != null)).toBe(true);
    expect(dynamics.factors.some((f) => f.later?.score != null)).toBe(true);
  });
});
