import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParentNotice, QuestionnairePreview } from '../../server/notices/notices.schemas.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

const questionnaires = await loadQuestionnaires();

describe.each(TEST_DATABASES)('questionnaire preview and parent notice on %s', (kind) => {
  let t: TestApp;
  let waveId: number;
  let schoolId: number;
  let schoolName: string;
  let team: Record<string, string>;
  let otherTeam: Record<string, string>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    const m = await newMunicipality(db, region.id);
    const school = await newSchool(db, m.id, { parent: 10 });
    schoolId = school.id;
    schoolName = school.name;
    const other = await newSchool(db, m.id, { parent: 5 });
    waveId = (await newWave(db, region.id)).id;
    team = (await newLoggedInAccount(t.app, db, { role: 'school', schoolId })).headers;
    otherTeam = (await newLoggedInAccount(t.app, db, { role: 'school', schoolId: other.id })).headers;
  });
  afterAll(() => t?.close());

  it('shows every role its questionnaire without an account: today’s, or the one a wave pinned', async () => {
    for (const role of ['principal', 'teacher', 'student', 'parent'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/api/questionnaires/${role}` });
      expect(res.statusCode).toBe(200);
      expect(res.json<QuestionnairePreview>()).toEqual({ role, survey: questionnaires[role].json });
    }
    const pinned = await t.app.inject({ method: 'GET', url: `/api/questionnaires/parent?wave=${waveId}` });
    expect(pinned.json<QuestionnairePreview>().survey).toEqual(questionnaires.parent.json);
    // An unknown wave shows today's questionnaire; an unknown role is refused.
    expect((await t.app.inject({ method: 'GET', url: '/api/questionnaires/parent?wave=999999' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/questionnaires/janitor' })).statusCode).toBe(400);
    // Nothing can be sent to the preview's address.
    expect((await t.app.inject({ method: 'POST', url: '/api/questionnaires/parent', payload: {} })).statusCode).toBe(404);
  });

  it('gives the school team its notice with the wave, the preview link of the wave and its QR code', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/schools/${schoolId}/parent-notice`, headers: team });
    expect(res.statusCode).toBe(200);
    const notice = res.json<ParentNotice>();
    expect(notice.school).toMatchObject({ id: schoolId, name: schoolName });
    expect(notice.wave.id).toBe(waveId);
    expect(notice.previewUrl).toMatch(new RegExp(`/questionnaires/parent\\?wave=${waveId}$`));
    expect(notice.previewQr).toMatch(/^data:image\/svg\+xml;base64,/);
    const other = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/schools/${schoolId}/parent-notice`, headers: otherTeam });
    expect(other.statusCode).toBe(403);
  });
});
