import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/shared/roles.js';
import { BURST } from '../../server/shared/rules/answer-marks.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { countedAnswers, honestSubmission } from '../helpers/answers.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { closeWave, newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

/**
 * docs/methodology.md §7: time measured by the server, speeding, straightlining, bursts from one address or device,
 * and the coordinator's decision. Every figure a person acts on counts only answers that are not held back.
 */

const questionnaires = await loadQuestionnaires();
/** Every scored scale question of the parent questionnaire at the first option of its scale: a straightline. */
const straightParent = Object.fromEntries(
  questionnaires.parent.counting.questions.flatMap((name) => {
    const spec = questionnaires.parent.questions.get(name)!;
    return spec.type === 'single' ? [[name, [...spec.values][0]]] : [];
  }),
);
/** The same questions, each at a different position where the scale allows: not a straightline. */
const variedParent = Object.fromEntries(
  questionnaires.parent.counting.questions.flatMap((name, i) => {
    const spec = questionnaires.parent.questions.get(name)!;
    return spec.type === 'single' ? [[name, [...spec.values][i % spec.values.size]]] : [];
  }),
);

/** Student number `i`: each scored question at a position of its scale that varies from question to question. */
const variedStudent = (i: number) =>
  Object.fromEntries(
    questionnaires.student.counting.questions.flatMap((name, q) => {
      const spec = questionnaires.student.questions.get(name)!;
      if (spec.type === 'number') return [[name, spec.min + ((i + q) % (spec.max - spec.min + 1))]];
      return [[name, spec.type === 'multi' ? [[...spec.values][0]] : [...spec.values][(i + q) % spec.values.size]]];
    }),
  );

describe.each(TEST_DATABASES)('marks on answers and the coordinator decision on %s', (kind) => {
  let t: TestApp;
  let regionAuth: Record<string, string>;
  let adminAuth: Record<string, string>;
  let schoolAuth: Record<string, string>;
  let otherMunicipalityAuth: Record<string, string>;
  let ids: { wave: number; school: number };

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    const municipality = await newMunicipality(db, region.id);
    const otherMunicipality = await newMunicipality(db, region.id);
    // 66 parents expected: 60 answers are 90.9 %, exactly enough for the target of 90 %.
    const school = await newSchool(db, municipality.id, { parent: 66, student: 40, teacher: 10, principal: 1 });
    const wave = await newWave(db, region.id);
    ids = { wave: wave.id, school: school.id };
    regionAuth = (await newLoggedInAccount(t.app, db, { role: 'region', regionId: region.id })).headers;
    adminAuth = (await newLoggedInAccount(t.app, db, { role: 'admin' })).headers;
    schoolAuth = (await newLoggedInAccount(t.app, db, { role: 'school', regionId: region.id, municipalityId: municipality.id, schoolId: school.id })).headers;
    otherMunicipalityAuth = (await newLoggedInAccount(t.app, db, { role: 'municipality', regionId: region.id, municipalityId: otherMunicipality.id })).headers;
  });
  afterAll(() => t?.close());

  const post = (token: string, payload: object, remoteAddress = '203.0.113.7') =>
    t.app.inject({ method: 'POST', url: `/api/links/${token}/responses`, payload, remoteAddress });
  const stored = async (id: number) =>
    t.database.db.selectFrom('responses').select(['marks', 'counted', 'review', 'duration_seconds']).where('id', '=', id).executeTakeFirstOrThrow();
  const participation = async (schoolId = ids.school, waveId = ids.wave) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation`, headers: adminAuth });
    expect(res.statusCode).toBe(200);
    return res.json().schools.find((s: { id: number }) => s.id === schoolId);
  };
  /** A school of its own region, with an open wave that started after the school was on the roster. */
  const freshSchool = async (counts: Partial<Record<Role, number>>) => {
    const db = t.database.db;
    const region = await newRegion(db);
    const school = await newSchool(db, (await newMunicipality(db, region.id)).id, counts);
    const wave = await newWave(db, region.id);
    return { ...school, wave: wave.id };
  };

  it('hands out a start ticket with the questionnaire and measures the time itself', async () => {
    const school = await freshSchool({ parent: 10 });
    const link = await newLink(t.database.db, school.wave, school.id, 'parent');
    const opened = await t.app.inject({ method: 'GET', url: `/api/links/${link.token}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().ticket).toMatch(/^\d+\.[0-9a-z]+\.[\w-]+\.[\w-]+$/);

    // Sent at once: the page's «420 seconds» is not believed; the server measured about none.
    const quick = await post(link.token, { answers: variedParent, clientKey: randomUUID(), ticket: opened.json().ticket, durationSeconds: 420 });
    expect(quick.statusCode).toBe(201);
    const row = await stored(quick.json().id);
    expect(row.marks).toEqual(['too_fast']);
    expect(row.duration_seconds).toBeLessThan(5);
    expect(row.counted).toBe(false);

    const slow = await post(link.token, await honestSubmission(t.database.db, link, variedParent, 300));
    expect(await stored(slow.json().id)).toMatchObject({ marks: [], counted: true });
    expect((await stored(slow.json().id)).duration_seconds).toBeGreaterThanOrEqual(300);

    const figures = (await participation(school.id, school.wave)).roles.parent;
    expect(figures).toMatchObject({ expected: 10, responses: 1, held: 1, excluded: 0, marked: 0 });
  });

  it('marks an answer without a valid ticket of its own link, and a ticket used for a second answer', async () => {
    const school = await freshSchool({ parent: 10 });
    const link = await newLink(t.database.db, school.wave, school.id, 'parent');
    const other = await newLink(t.database.db, school.wave, school.id, 'teacher');
    const none = await post(link.token, { answers: variedParent, clientKey: randomUUID() });
    expect(none.statusCode).toBe(201);
    expect((await stored(none.json().id)).marks).toEqual(['no_ticket']);

    const honest = await honestSubmission(t.database.db, link, variedParent);
    const forged = await post(link.token, {
      ...honest,
      clientKey: randomUUID(),
      deviceId: randomUUID(),
      ticket: honest.ticket.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    });
    expect((await stored(forged.json().id)).marks).toEqual(['no_ticket']);
    const foreign = await post(link.token, { ...(await honestSubmission(t.database.db, other, variedParent)) });
    expect((await stored(foreign.json().id)).marks).toEqual(['no_ticket']);

    const first = await post(link.token, honest);
    expect((await stored(first.json().id)).marks).toEqual([]);
    // A retry of that answer is the same answer: the same id, nothing new, no mark.
    const retry = await post(link.token, honest);
    expect(retry.json().id).toBe(first.json().id);
    const copy = await post(link.token, { ...honest, clientKey: randomUUID(), deviceId: randomUUID() });
    expect((await stored(copy.json().id)).marks).toEqual(['ticket_reused']);
    expect((await participation(school.id, school.wave)).roles.parent).toMatchObject({ responses: 1, held: 4 });
  });

  it('marks one value across every scale question, and counts it all the same', async () => {
    const school = await freshSchool({ parent: 10 });
    const link = await newLink(t.database.db, school.wave, school.id, 'parent');
    const res = await post(link.token, await honestSubmission(t.database.db, link, straightParent));
    expect(await stored(res.json().id)).toMatchObject({ marks: ['straightline'], counted: true });
    expect((await participation(school.id, school.wave)).roles.parent).toMatchObject({ responses: 1, marked: 1, held: 0 });
  });

  it('marks one device answering again sooner than the questionnaire can be filled in', async () => {
    const school = await freshSchool({ parent: 10 });
    const link = await newLink(t.database.db, school.wave, school.id, 'parent');
    const deviceId = randomUUID();
    const first = await post(link.token, { ...(await honestSubmission(t.database.db, link, variedParent)), deviceId }, '198.51.100.1');
    const second = await post(link.token, { ...(await honestSubmission(t.database.db, link, variedParent)), deviceId }, '198.51.100.2');
    expect((await stored(first.json().id)).marks).toEqual([]);
    expect((await stored(second.json().id)).marks).toEqual(['device_repeat']);
  });

  it('does not mark a class of 30 answering together from one computer lab behind one address', async () => {
    const school = await freshSchool({ student: 30 });
    const link = await newLink(t.database.db, school.wave, school.id, 'student');
    const results = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => post(link.token, await honestSubmission(t.database.db, link, variedStudent(i), 900), '192.0.2.30')),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const rows = await t.database.db.selectFrom('responses').select(['marks', 'counted']).where('link_id', '=', link.id).execute();
    expect(rows.filter((r) => r.marks.length > 0)).toEqual([]);
    expect((await participation(school.id, school.wave)).roles.student).toMatchObject({ expected: 30, responses: 30, held: 0, needed: 0 });
  });

  it('marks every answer of a burst from one address, the first ones too', async () => {
    const school = await freshSchool({ student: 200 });
    const link = await newLink(t.database.db, school.wave, school.id, 'student');
    const answers = countedAnswers('student');
    for (let i = 0; i < BURST.labSize + 1; i++) {
      const res = await post(link.token, await honestSubmission(t.database.db, link, answers, 900), '192.0.2.99');
      expect(res.statusCode).toBe(201);
    }
    const rows = await t.database.db.selectFrom('responses').select(['marks', 'counted']).where('link_id', '=', link.id).execute();
    expect(rows).toHaveLength(BURST.labSize + 1);
    expect(rows.every((r) => r.marks.includes('address_burst') && !r.counted)).toBe(true);
    expect((await participation(school.id, school.wave)).roles.student).toMatchObject({ responses: 0, held: BURST.labSize + 1 });
  });

  it('replays the attack: 60 quick answers from one address and 5 empty ones leave the school short until the coordinator accepts', async () => {
    const link = await newLink(t.database.db, ids.wave, ids.school, 'parent');
    for (let i = 0; i < 5; i++) {
      const empty = await post(link.token, { answers: {}, clientKey: randomUUID() });
      expect(empty.statusCode).toBe(422);
      expect(empty.json().code).toBe('too_few_answers');
    }
    for (let i = 0; i < 60; i++) {
      const opened = await t.app.inject({ method: 'GET', url: `/api/links/${link.token}`, remoteAddress: '203.0.113.66' });
      const res = await post(
        link.token,
        { answers: countedAnswers('parent'), clientKey: randomUUID(), ticket: opened.json().ticket, durationSeconds: 420 },
        '203.0.113.66',
      );
      expect(res.statusCode).toBe(201);
    }
    const before = await participation();
    expect(before.roles.parent).toMatchObject({ expected: 66, responses: 0, held: 60, needed: 60 });
    expect(before.meetsTarget).toBe(false);
    expect(before.flags.awaitingDecision).toEqual(['parent']);

    const marks = await t.app.inject({ method: 'GET', url: `/api/waves/${ids.wave}/schools/${ids.school}/marks`, headers: schoolAuth });
    expect(marks.statusCode).toBe(200);
    expect(marks.json().answers).toEqual([{ role: 'parent', counted: 0, held: 60, excluded: 0 }]);
    expect(marks.json().marks).toEqual([
      { role: 'parent', mark: 'address_burst', counted: 0, held: 60, excluded: 0 },
      { role: 'parent', mark: 'too_fast', counted: 0, held: 60, excluded: 0 },
    ]);

    // Only a coordinator of the school's territory decides.
    const decision = { role: 'parent', decision: 'accept' };
    const url = `/api/waves/${ids.wave}/schools/${ids.school}/marks/decision`;
    expect((await t.app.inject({ method: 'POST', url, payload: decision, headers: schoolAuth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, payload: decision, headers: otherMunicipalityAuth })).statusCode).toBe(403);

    const accepted = await t.app.inject({ method: 'POST', url, payload: decision, headers: regionAuth });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ answers: 60, changed: 60 });
    const after = await participation();
    expect(after.roles.parent).toMatchObject({ responses: 60, marked: 60, held: 0, needed: 0 });
    expect(after.meetsTarget).toBe(false); // the other roles are still short
    expect(after.flags.thanksToMarked).toEqual(['parent']);
    const csv = await t.app.inject({ method: 'GET', url: `/api/waves/${ids.wave}/participation.csv`, headers: regionAuth });
    expect(csv.body).toContain('цель достигнута только благодаря отмеченным ответам: Родители');

    const excluded = await t.app.inject({ method: 'POST', url, payload: { role: 'parent', decision: 'exclude' }, headers: regionAuth });
    expect(excluded.json()).toEqual({ answers: 60, changed: 60 });
    expect((await participation()).roles.parent).toMatchObject({ responses: 0, held: 0, excluded: 60, needed: 60 });

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'marks.decision').orderBy('id').execute();
    expect(audit.map((a) => a.details)).toEqual([
      { waveId: ids.wave, role: 'parent', decision: 'accept', answers: 60, changed: 60 },
      { waveId: ids.wave, role: 'parent', decision: 'exclude', answers: 60, changed: 60 },
    ]);
  });

  it('follows the decision in the profile: held answers are not scored until accepted', async () => {
    const db = t.database.db;
    const region = await newRegion(db);
    const municipality = await newMunicipality(db, region.id);
    const school = await newSchool(db, municipality.id, { parent: 10 });
    const wave = await newWave(db, region.id, {
      modelId: (await db.selectFrom('risk_models').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).id,
    });
    const link = await newLink(db, wave.id, school.id, 'parent');
    for (let i = 0; i < 6; i++) await post(link.token, { answers: countedAnswers('parent'), clientKey: randomUUID() }, '203.0.113.80');
    const admin = (await newLoggedInAccount(t.app, db, { role: 'admin' })).headers;
    const profile = async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/waves/${wave.id}/schools/${school.id}/profile`, headers: admin });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    expect((await profile()).roles.parent.responses).toBe(0);
    const url = `/api/waves/${wave.id}/schools/${school.id}/marks/decision`;
    expect((await t.app.inject({ method: 'POST', url, payload: { role: 'parent', decision: 'accept' }, headers: admin })).statusCode).toBe(200);
    expect((await profile()).roles.parent.responses).toBe(6);
  });

  it('refuses, once the wave has closed, a decision that would move fewer than five answers', async () => {
    const db = t.database.db;
    const region = await newRegion(db);
    const municipality = await newMunicipality(db, region.id);
    const school = await newSchool(db, municipality.id, { parent: 10 });
    const wave = await newWave(db, region.id);
    const link = await newLink(db, wave.id, school.id, 'parent');
    for (let i = 0; i < 3; i++) await post(link.token, { answers: countedAnswers('parent'), clientKey: randomUUID() });
    await closeWave(db, wave.id);
    const admin = (await newLoggedInAccount(t.app, db, { role: 'admin' })).headers;
    const url = `/api/waves/${wave.id}/schools/${school.id}/marks/decision`;
    const refused = await t.app.inject({ method: 'POST', url, payload: { role: 'parent', decision: 'accept' }, headers: admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'decision_too_small', details: { changed: 3, minimum: 5 } });
    // Nothing changed, nothing audited; excluding what is already held changes no figure and is allowed.
    expect((await db.selectFrom('responses').select('counted').where('link_id', '=', link.id).execute()).every((r) => !r.counted)).toBe(true);
    const exclude = await t.app.inject({ method: 'POST', url, payload: { role: 'parent', decision: 'exclude' }, headers: admin });
    expect(exclude.json()).toEqual({ answers: 3, changed: 0 });
  });
});
