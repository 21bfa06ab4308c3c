import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import type { Db } from '../../server/db/connect.js';
import { storeEveryVersion, storeMethodology } from '../../server/risk-models/versions.js';
import type { Questionnaires, SurveyJson } from '../../server/surveys/questionnaires.js';
import { SURVEYS_DIR } from '../../server/surveys/questionnaires.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { countedAnswers, honestSubmission, phoneAddress } from '../helpers/answers.js';
import { login, TEST_PASSWORD, type LoggedIn } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

const FILES = ['risk-model.json', 'principal.json', 'teacher.json', 'student.json', 'parent.json', 'counting.json'];

async function copySurveys(to: string, from = SURVEYS_DIR) {
  await mkdir(to, { recursive: true });
  for (const file of FILES) await copyFile(join(from, file), join(to, file));
}

/** The first single-choice question the model scores for teachers: the one the test rewords and gives a new choice. */
function scoredChoice(questionnaires: Questionnaires) {
  const { counting, questions } = questionnaires.teacher;
  const name = counting.questions.find((q) => questions.get(q)?.type === 'single')!;
  return name;
}

function findElement(json: SurveyJson, name: string): Record<string, unknown> {
  for (const page of json.pages ?? []) {
    const stack = [...(page.elements ?? [])];
    while (stack.length > 0) {
      const element = stack.pop()!;
      if (element.name === name) return element;
      stack.push(...(element.elements ?? []));
    }
  }
  throw new Error(`no question ${name}`);
}

describe.each(TEST_DATABASES)('questionnaires pinned per wave on %s', (kind) => {
  let t: TestApp;
  let db: Db;
  let dir: string;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    db = t.database.db;
    dir = await mkdtemp(join(tmpdir(), 'pinned-'));
    await createAccount(db, { email: `admin-pin-${kind}@test.local`, password: TEST_PASSWORD, role: 'admin' });
    admin = await login(t.app, `admin-pin-${kind}@test.local`);
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps what an old wave shows, accepts and explains when surveys/*.json is edited', async () => {
    const surveys = join(dir, 'edit');
    await copySurveys(surveys);
    const first = await storeMethodology(db, surveys);
    const question = scoredChoice(first.questionnaires);
    const original = await readFile(join(surveys, 'teacher.json'), 'utf8');

    const region = await newRegion(db);
    const school = await newSchool(db, (await newMunicipality(db, region.id)).id, { teacher: 8 });
    const old = await newWave(db, region.id, { modelId: first.model.id });
    const oldLink = await newLink(db, old.id, school.id, 'teacher');
    const spec = first.questionnaires.teacher.questions.get(question)!;
    const answer = { ...countedAnswers('teacher'), [question]: spec.type === 'single' ? [...spec.values][0] : null };
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/links/${oldLink.token}/responses`,
        payload: await honestSubmission(db, oldLink, answer),
        remoteAddress: phoneAddress(),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const profileUrl = `/api/waves/${old.id}/schools/${school.id}/profile`;
    const explanationsUrl = `/api/waves/${old.id}/schools/${school.id}/explanations`;
    const before = {
      profile: (await t.app.inject({ url: profileUrl, headers: admin.headers })).json(),
      explanations: (await t.app.inject({ url: explanationsUrl, headers: admin.headers })).json(),
    };
    const shownBefore = (await t.app.inject({ url: `/api/links/${oldLink.token}` })).json();

    // The region rewords the question, adds a choice and lowers the time floor, keeping the model.
    const edited = JSON.parse(original) as SurveyJson;
    const element = findElement(edited, question);
    element.title = 'Вопрос в новой редакции';
    (element.choices as unknown[]).push({ value: 'new_choice', text: 'Новый вариант' });
    await writeFile(join(surveys, 'teacher.json'), JSON.stringify(edited, null, 2));
    const counting = JSON.parse(await readFile(join(surveys, 'counting.json'), 'utf8'));
    counting.minSeconds.teacher = 1;
    await writeFile(join(surveys, 'counting.json'), JSON.stringify(counting));
    const second = await storeMethodology(db, surveys);
    expect(second.questionnairesId).not.toBe(first.questionnairesId);
    expect(second.model.id).toBe(first.model.id);

    const next = await newWave(db, region.id, { modelId: first.model.id });
    const nextLink = await newLink(db, next.id, school.id, 'teacher');
    const pinned = await db.selectFrom('waves').select(['id', 'questionnaires_id']).where('id', 'in', [old.id, next.id]).orderBy('id').execute();
    expect(pinned.map((w) => w.questionnaires_id)).toEqual([first.questionnairesId, second.questionnairesId]);

    // The old wave's page shows the questionnaire byte for byte as before; the new wave's shows the edit.
    const shownAfter = await t.app.inject({ url: `/api/links/${oldLink.token}` });
    expect(JSON.stringify(shownAfter.json().survey)).toBe(JSON.stringify(shownBefore.survey));
    expect(JSON.stringify(shownAfter.json().survey)).toBe(JSON.stringify(JSON.parse(original)));
    const shownNext = (await t.app.inject({ url: `/api/links/${nextLink.token}` })).json();
    expect(JSON.stringify(findElement(shownNext.survey, question))).toContain('new_choice');

    // Validation follows the pinned questionnaire: the new choice is refused by the old wave, accepted by the new one.
    const withNewChoice = { ...countedAnswers('teacher'), [question]: 'new_choice' };
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/links/${oldLink.token}/responses`,
      payload: await honestSubmission(db, oldLink, withNewChoice),
      remoteAddress: phoneAddress(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('invalid_answers');
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/links/${nextLink.token}/responses`,
      payload: await honestSubmission(db, nextLink, withNewChoice),
      remoteAddress: phoneAddress(),
    });
    expect(accepted.statusCode, accepted.body).toBe(201);

    // The old wave's time floor is still its own: 30 s is under the original floor, over the edited one.
    const quick = async (link: typeof oldLink) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/links/${link.token}/responses`,
          payload: await honestSubmission(db, link, countedAnswers('teacher'), 30),
          remoteAddress: phoneAddress(),
        })
      ).json().id as number;
    const [quickOld, quickNext] = [await quick(oldLink), await quick(nextLink)];
    const marks = await db.selectFrom('responses').select(['id', 'marks']).where('id', 'in', [quickOld, quickNext]).orderBy('id').execute();
    expect(marks.map((r) => r.marks.includes('too_fast'))).toEqual([true, false]);

    // Scores and explanations of the old wave (the quick answer is held, so not counted), in the words its respondents read.
    expect((await t.app.inject({ url: profileUrl, headers: admin.headers })).json()).toEqual(before.profile);
    const explanations = (await t.app.inject({ url: explanationsUrl, headers: admin.headers })).json();
    expect(explanations).toEqual(before.explanations);
    expect(JSON.stringify(explanations)).not.toContain('Вопрос в новой редакции');
  });

  it('pins the questionnaires of waves created before pinning at start-up, from the archive of their model', async () => {
    const root = join(dir, 'versions');
    await copySurveys(join(root, 'archive', 'legacy'));
    const legacyModel = JSON.parse(await readFile(join(root, 'archive', 'legacy', 'risk-model.json'), 'utf8'));
    legacyModel.id = `legacy-${kind}`;
    await writeFile(join(root, 'archive', 'legacy', 'risk-model.json'), JSON.stringify(legacyModel));
    await copySurveys(root);
    const currentModel = JSON.parse(await readFile(join(root, 'risk-model.json'), 'utf8'));
    currentModel.id = `current-${kind}`;
    await writeFile(join(root, 'risk-model.json'), JSON.stringify(currentModel));
    const legacySet = await storeMethodology(db, join(root, 'archive', 'legacy'));

    const region = await newRegion(db);
    const wave = await newWave(db, region.id, { modelId: legacyModel.id });
    // As the database of a server older than pinning holds it.
    await sql`update waves set questionnaires_id = null where id = ${wave.id}`.execute(db);

    const current = await storeEveryVersion(db, root);
    expect(current.model.id).toBe(`current-${kind}`);
    const row = await db.selectFrom('waves').select('questionnaires_id').where('id', '=', wave.id).executeTakeFirstOrThrow();
    expect(row.questionnaires_id).toBe(legacySet.questionnairesId);

    // A wave whose model has no folder any more: the server says which, rather than serving today's questionnaires.
    const orphan = await newWave(db, region.id, { modelId: legacyModel.id });
    await sql`update waves set questionnaires_id = null where id = ${orphan.id}`.execute(db);
    await rm(join(root, 'archive'), { recursive: true });
    await db.updateTable('risk_models').set({ questionnaires_id: null }).where('id', '=', legacyModel.id).execute();
    await expect(storeEveryVersion(db, root)).rejects.toThrow(new RegExp(`Waves ${orphan.id} use model "legacy-${kind}".*surveys/archive/<model id>/`));
  });

  it('refuses a wave of a model stored without questionnaires', async () => {
    const region = await newRegion(db);
    await db
      .insertInto('risk_models')
      .values({ id: `bare-${kind}`, title: 'Без анкет', definition: '{}' })
      .execute();
    await expect(newWave(db, region.id, { modelId: `bare-${kind}` })).rejects.toThrow(/has no stored questionnaires/);
  });
});
