import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipationReport } from '../../server/participation/participation.schemas.js';
import type { EntryResult, PrintView } from '../../server/paper/paper.schemas.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { countedAnswers } from '../helpers/answers.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { closeWave, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

const questionnaires = await loadQuestionnaires();
const parentAnswers = countedAnswers('parent');
/** The first scored parent question the answer fills, and another of its choices: what a second operator misreads. */
const misread = Object.keys(parentAnswers)[0]!;
const otherChoice = [...(questionnaires.parent.questions.get(misread) as { values: ReadonlySet<string | number> }).values][1]!;

describe.each(TEST_DATABASES)('paper questionnaires on %s', (kind) => {
  let t: TestApp;
  let waveId: number;
  let schoolId: number;
  let otherSchoolId: number;
  let team: Record<string, string>;
  let teamUserId: number;
  let otherTeam: Record<string, string>;
  let municipality: Record<string, string>;
  let curator: Record<string, string>;
  let sheets: PrintView['sheets'];
  let regionId: number;

  const post = (url: string, payload: object, headers = team) => t.app.inject({ method: 'POST', url, payload, headers });
  const enter = (sheet: string, answers: Record<string, unknown>, headers = team) => post(`/api/paper-sheets/${sheet}/entries`, { answers }, headers);
  const parentsCounted = async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation`, headers: municipality });
    expect(res.statusCode).toBe(200);
    const report = res.json<ParticipationReport>();
    return report.schools.find((s) => s.id === schoolId)!.roles.parent.responses;
  };
  const storedOf = (sheet: string) => t.database.db.selectFrom('responses').selectAll().where('sheet_id', '=', sheet).execute();

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    regionId = region.id;
    const m = await newMunicipality(db, region.id);
    const school = await newSchool(db, m.id, { principal: 1, teacher: 4, student: 10, parent: 10 });
    const other = await newSchool(db, m.id, { parent: 5 });
    schoolId = school.id;
    otherSchoolId = other.id;
    waveId = (await newWave(db, region.id)).id;
    const teamLogin = await newLoggedInAccount(t.app, db, { role: 'school', schoolId });
    team = teamLogin.headers;
    teamUserId = (await db.selectFrom('users').select('id').where('email', '=', teamLogin.email).executeTakeFirstOrThrow()).id;
    otherTeam = (await newLoggedInAccount(t.app, db, { role: 'school', schoolId: otherSchoolId })).headers;
    municipality = (await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: m.id })).headers;
    curator = (await newLoggedInAccount(t.app, db, { role: 'curator', regionId: region.id })).headers;
  });
  afterAll(() => t?.close());

  it('prints sheets of one school × role, each with an id of its own and its QR code, and audits the printing', async () => {
    const res = await post(`/api/waves/${waveId}/schools/${schoolId}/paper-sheets`, { role: 'parent', count: 4 });
    expect(res.statusCode).toBe(201);
    const view = res.json<PrintView>();
    sheets = view.sheets;
    expect(sheets).toHaveLength(4);
    expect(new Set(sheets.map((s) => s.id)).size).toBe(4);
    for (const sheet of sheets) {
      expect(sheet.printed).toBe(`${sheet.id.slice(0, 4)}-${sheet.id.slice(4)}`);
      expect(sheet.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    }
    expect(view.role).toBe('parent');
    expect(view.school.id).toBe(schoolId);
    expect(view.survey.title).toBe(questionnaires.parent.json.title);
    const audited = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'paper.print').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.user_id).toBe(teamUserId);
    expect(audited[0]!.details).toMatchObject({ waveId, role: 'parent', sheets: 4 });
  });

  it('refuses printing for another school, and to a curator', async () => {
    expect((await post(`/api/waves/${waveId}/schools/${otherSchoolId}/paper-sheets`, { role: 'parent', count: 1 })).statusCode).toBe(403);
    expect((await post(`/api/waves/${waveId}/schools/${schoolId}/paper-sheets`, { role: 'parent', count: 1 }, curator)).statusCode).toBe(403);
  });

  it('stores an entered sheet as a paper answer, counted in participation, audited with who entered it and never the answers', async () => {
    expect(await parentsCounted()).toBe(0);
    const sheet = sheets[0]!;
    const opened = await t.app.inject({ method: 'GET', url: `/api/paper-sheets/${sheet.printed.toLowerCase()}`, headers: team });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ id: sheet.id, role: 'parent', entered: false, school: { id: schoolId } });

    const res = await enter(sheet.printed, parentAnswers);
    expect(res.statusCode).toBe(201);
    const result = res.json<EntryResult>();
    expect(result).toMatchObject({ status: 'stored', differences: [] });
    const [stored] = await storedOf(sheet.id);
    expect(stored).toMatchObject({ id: result.responseId, source: 'paper', entered_by: teamUserId, link_id: null, counted: true, marks: [], role: 'parent' });
    expect(stored!.answers).toEqual(parentAnswers);
    expect(await parentsCounted()).toBe(1);

    const audited = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'paper.enter').execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ user_id: teamUserId, entity: 'paper_sheet', entity_id: sheet.id });
    expect(JSON.stringify(audited[0]!.details)).not.toContain(misread);
    const reopened = await t.app.inject({ method: 'GET', url: `/api/paper-sheets/${sheet.id}`, headers: team });
    expect(reopened.json()).toMatchObject({ entered: true });
  });

  it('refuses an invalid or too short answer with the online codes, and stores nothing', async () => {
    const sheet = sheets[1]!;
    const invalid = await enter(sheet.id, { ...parentAnswers, [misread]: 'no_such_choice' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'invalid_answers' });
    const tooFew = await enter(sheet.id, {});
    expect(tooFew.statusCode).toBe(422);
    expect(tooFew.json()).toMatchObject({ code: 'too_few_answers', details: { answered: 0, required: questionnaires.parent.counting.minAnswered } });
    expect(await storedOf(sheet.id)).toHaveLength(0);
    expect(await parentsCounted()).toBe(1);
  });

  it("refuses another school's sheet (403), a curator (403) and an unknown sheet (404)", async () => {
    expect((await enter(sheets[1]!.id, parentAnswers, otherTeam)).statusCode).toBe(403);
    expect((await enter(sheets[1]!.id, parentAnswers, curator)).statusCode).toBe(403);
    expect((await enter('2222-2222', parentAnswers)).statusCode).toBe(404);
    expect((await enter('not a sheet', parentAnswers)).statusCode).toBe(404);
    expect(await storedOf(sheets[1]!.id)).toHaveLength(0);
  });

  it('compares a second entry with the first: the same answers differ nowhere, and nothing is counted twice', async () => {
    const res = await enter(sheets[0]!.id, { ...parentAnswers }, municipality);
    expect(res.statusCode).toBe(200);
    expect(res.json<EntryResult>()).toMatchObject({ status: 'compared', differences: [] });
    expect(await storedOf(sheets[0]!.id)).toHaveLength(1);
    expect(await parentsCounted()).toBe(1);
  });

  it('lists the questions a second entry reads otherwise, and the operator settles them in the stored answer', async () => {
    const sheet = sheets[0]!;
    const res = await enter(sheet.id, { ...parentAnswers, [misread]: otherChoice }, municipality);
    expect(res.statusCode).toBe(200);
    expect(res.json<EntryResult>().differences).toEqual([{ question: misread, first: parentAnswers[misread], second: otherChoice }]);
    expect(await storedOf(sheet.id)).toHaveLength(1);
    expect(await parentsCounted()).toBe(1);
    const verified = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'paper.verify').execute();
    expect(verified.map((a) => a.details)).toEqual([expect.objectContaining({ differences: [] }), expect.objectContaining({ differences: [misread] })]);

    const corrected = await post(`/api/paper-sheets/${sheet.id}/corrections`, { answers: { [misread]: otherChoice } }, municipality);
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toEqual({ responseId: res.json<EntryResult>().responseId, corrected: 1 });
    const [stored] = await storedOf(sheet.id);
    expect(stored!.answers).toEqual({ ...parentAnswers, [misread]: otherChoice });
    expect(stored!.entered_by).toBe(teamUserId);
    expect(await parentsCounted()).toBe(1);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'paper.correct').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ questions: [misread] });
  });

  it('counts a second sheet as a second answer', async () => {
    expect((await enter(sheets[2]!.id, parentAnswers)).statusCode).toBe(201);
    expect(await parentsCounted()).toBe(2);
    const counts = await t.database.db
      .selectFrom('responses')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('school_id', '=', schoolId)
      .where('source', '=', 'paper')
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(2);
  });

  it('takes no sheet once its wave has closed, like an online answer, and prints none for it', async () => {
    const db = t.database.db;
    const later = await newWave(db, regionId);
    const res = await post(`/api/waves/${later.id}/schools/${schoolId}/paper-sheets`, { role: 'teacher', count: 1 });
    expect(res.statusCode).toBe(201);
    const [sheet] = res.json<PrintView>().sheets;
    await closeWave(db, later.id);
    const refused = await enter(sheet!.id, countedAnswers('teacher'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'wave_closed' });
    expect(await storedOf(sheet!.id)).toHaveLength(0);
    expect((await post(`/api/waves/${later.id}/schools/${schoolId}/paper-sheets`, { role: 'teacher', count: 1 })).statusCode).toBe(409);
  });
});
