import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaires, type QuestionSpec } from '../../server/surveys/questionnaires.js';
import { RESPONSE_BODY_LIMIT } from '../../server/respond/routes.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLink, newWave, newWorld } from '../helpers/fixtures.js';
import { countedAnswers, honestSubmission } from '../helpers/answers.js';

const questionnaires = await loadQuestionnaires();
const parentQuestions = [...questionnaires.parent.questions.values()];
const firstOf = <T extends QuestionSpec['type']>(type: T) => parentQuestions.find((q) => q.type === type) as Extract<QuestionSpec, { type: T }>;
const single = firstOf('single');
const multi = parentQuestions.find((q) => q.type === 'multi');
const numeric = [...questionnaires.principal.questions.values()].find((q) => q.type === 'number') as Extract<QuestionSpec, { type: 'number' }>;
const firstValue = (q: { values: ReadonlySet<unknown> }) => [...q.values][0];

describe.each(TEST_DATABASES)('respondent link API on %s', (kind) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let parentToken: string;
  let parentLink: { id: number; token: string };
  let principalToken: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
    parentLink = await newLink(t.database.db, world.wave.id, world.school.id, 'parent');
    parentToken = parentLink.token;
    principalToken = (await newLink(t.database.db, world.wave.id, world.school.id, 'principal')).token;
  });
  afterAll(() => t?.close());

  const submit = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/links/${token}/responses`, payload: body as object, headers });
  const storedCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('serves the questionnaire, the school, the role and whether the wave is open', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/links/${parentToken}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.role).toBe('parent');
    expect(body.school.name).toBe(world.school.name);
    expect(body.wave.open).toBe(true);
    expect(body.survey).toEqual(questionnaires.parent.json);
  });

  it('answers 404 with a message for an unknown token', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/api/links/no-such-token' });
    expect(get.statusCode).toBe(404);
    expect(get.json().message).toMatch(/link/);
    const post = await submit('no-such-token', { answers: {}, clientKey: randomUUID() });
    expect(post.statusCode).toBe(404);
  });

  it('stores a valid response and answers 201 with its id', async () => {
    const before = await storedCount();
    const answers = { ...countedAnswers('parent'), [single.name]: firstValue(single), ...(multi ? { [multi.name]: [firstValue(multi)] } : {}) };
    // The page's own figure is not believed: the time is the server's, from the ticket it signed 150 s ago.
    const res = await submit(parentToken, { ...(await honestSubmission(t.database.db, parentLink, answers, 150)), durationSeconds: 9 });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const row = await t.database.db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'parent', school_id: world.school.id, wave_id: world.wave.id, marks: [], counted: true });
    expect(row.duration_seconds).toBeGreaterThanOrEqual(150);
    expect(row.duration_seconds).toBeLessThan(170);
    expect(row.answers).toEqual(answers);
    expect(await storedCount()).toBe(before + 1);
  });

  it('returns the same response for the same clientKey instead of storing a second one', async () => {
    const clientKey = randomUUID();
    const body = { answers: countedAnswers('parent'), clientKey };
    const first = await submit(parentToken, body);
    const before = await storedCount();
    const again = await submit(parentToken, body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await storedCount()).toBe(before);
  });

  it('refuses a clientKey already used through another link', async () => {
    const clientKey = randomUUID();
    expect((await submit(parentToken, { answers: countedAnswers('parent'), clientKey })).statusCode).toBe(201);
    const res = await submit(principalToken, { answers: countedAnswers('principal'), clientKey });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('client_key_taken');
  });

  it.each([
    ['an unknown question', () => ({ no_such_question: 'x' }), 'unknown-question'],
    ['a choice that does not exist', () => ({ [single.name]: 'not-a-choice' }), 'unknown-choice'],
    ['a list where one choice is expected', () => ({ [single.name]: [firstValue(single)] }), 'wrong-type'],
    ['an object where one choice is expected', () => ({ [single.name]: { a: 1 } }), 'wrong-type'],
  ])('refuses %s with 400 and stores nothing', async (_title, answers, problem) => {
    const before = await storedCount();
    const res = await submit(parentToken, { answers: answers(), clientKey: randomUUID() });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_answers');
    expect(res.json().details[0].problem).toBe(problem);
    expect(res.json().message).toMatch(/question/);
    expect(await storedCount()).toBe(before);
  });

  it('refuses numbers of the wrong type or out of range on the principal questionnaire', async () => {
    const cases = [{ [numeric.name]: 'many' }, { [numeric.name]: numeric.max + 1 }, { [numeric.name]: numeric.min - 1 }];
    for (const answers of cases) {
      const res = await submit(principalToken, { answers, clientKey: randomUUID() });
      expect(res.statusCode, JSON.stringify(answers)).toBe(400);
    }
    expect(
      (await submit(principalToken, { answers: { ...countedAnswers('principal'), [numeric.name]: numeric.min }, clientKey: randomUUID() })).statusCode,
    ).toBe(201);
  });

  it('refuses a multi-select answer with an unknown or repeated choice', async () => {
    if (!multi) return;
    for (const value of [['nope'], [firstValue(multi), firstValue(multi)], firstValue(multi)]) {
      const res = await submit(parentToken, { answers: { [multi.name]: value }, clientKey: randomUUID() });
      expect(res.statusCode).toBe(400);
    }
  });

  it.each([
    ['without a clientKey', { answers: {} }],
    ['with a clientKey that is not a UUID', { answers: {}, clientKey: 'abc' }],
    ['without answers', { clientKey: '6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f' }],
    ['with an extra field', { answers: {}, clientKey: '6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f', name: 'Иванов' }],
    ['with answers as a list', { answers: [], clientKey: '6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f' }],
  ])('refuses a body %s with 400', async (_title, body) => {
    const before = await storedCount();
    const res = await submit(parentToken, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBeTruthy();
    expect(await storedCount()).toBe(before);
  });

  it('refuses invalid JSON and an oversized body with 400 and a message', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/links/${parentToken}/responses`,
      payload: '{"answers": {',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBeTruthy();
    const huge = await submit(parentToken, { answers: { [single.name]: 'x'.repeat(RESPONSE_BODY_LIMIT) }, clientKey: randomUUID() });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().code).toBe('body_too_large');
  });

  it('answers 409 while the wave is not open, before and after its dates', async () => {
    for (const dates of [
      { opensInDays: 2, closesInDays: 10 },
      { opensInDays: -20, closesInDays: -1 },
    ]) {
      const wave = await newWave(t.database.db, world.region.id, dates);
      const link = await newLink(t.database.db, wave.id, world.school.id, 'parent');
      const info = await t.app.inject({ method: 'GET', url: `/api/links/${link.token}` });
      expect(info.json().wave.open).toBe(false);
      const res = await submit(link.token, { answers: countedAnswers('parent'), clientKey: randomUUID() });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('wave_closed');
    }
  });

  it('lets a single-use code answer once', async () => {
    const code = await newLink(t.database.db, world.wave.id, world.school.id, 'student', 'code');
    const key = randomUUID();
    const answers = countedAnswers('student');
    expect((await submit(code.token, { answers, clientKey: key })).statusCode).toBe(201);
    expect((await submit(code.token, { answers, clientKey: key })).statusCode).toBe(201);
    const second = await submit(code.token, { answers, clientKey: randomUUID() });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('code_used');
  });

  it('says a used code is used when it is opened, before the questionnaire is shown', async () => {
    const code = await newLink(t.database.db, world.wave.id, world.school.id, 'student', 'code');
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${code.token}` })).statusCode).toBe(200);
    expect((await submit(code.token, { answers: countedAnswers('student'), clientKey: randomUUID() })).statusCode).toBe(201);
    const opened = await t.app.inject({ method: 'GET', url: `/api/links/${code.token}` });
    expect(opened.statusCode).toBe(409);
    expect(opened.json()).toMatchObject({ code: 'code_used', message: expect.stringMatching(/already been answered/) });
    expect(opened.json().survey).toBeUndefined();
  });

  it('reports its health and the database it runs on', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: kind });
  });
});
