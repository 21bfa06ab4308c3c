import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { ensureModel, newMunicipality, newRegion, newSchool } from '../helpers/fixtures.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { ROLES, type Role } from '../../server/shared/roles.js';
import { countedAnswers } from '../helpers/answers.js';

const DAY = 24 * 3600 * 1000;
const PUBLIC_URL = 'http://localhost:3000';
const tokenOf = (url: string) => url.slice(`${PUBLIC_URL}/s/`.length);

describe.each(TEST_DATABASES)('wave links, codes and exports on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let coordinator: LoggedIn;
  let municipality: { id: number; name: string };
  let schools: Array<{ id: number; code: string; name: string; expected_student: number; expected_teacher: number }>;
  let waveId: number;
  let regionId: number;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    regionId = region.id;
    municipality = await newMunicipality(db, region.id, 'Северный район');
    schools = [
      await newSchool(db, municipality.id, { teacher: 4, student: 7, parent: 5 }, 'Школа №1; "Гимназия"'),
      await newSchool(db, municipality.id, { teacher: 3, student: 3, parent: 2 }, '=Школа №2'),
    ];
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
    coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: region.id });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/waves',
      headers: admin.headers,
      payload: {
        regionId: region.id,
        title: 'Весна',
        opensAt: new Date(Date.now() - DAY).toISOString(),
        closesAt: new Date(Date.now() + 9 * DAY).toISOString(),
        modelId: await ensureModel(db),
      },
    });
    waveId = res.json().id;
  });
  afterAll(() => t?.close());

  const get = (url: string, who: LoggedIn = admin) => t.app.inject({ method: 'GET', url, headers: who.headers });
  const send = (method: 'POST' | 'PUT', url: string, payload?: object, who: LoggedIn = admin) =>
    t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const answer = (token: string, role: Role) =>
    t.app.inject({ method: 'POST', url: `/api/links/${token}/responses`, payload: { answers: countedAnswers(role), clientKey: randomUUID() } });
  const table = async () =>
    (await get(`/api/admin/waves/${waveId}/links`)).json().schools as Array<{
      id: number;
      roles: Record<string, { mode: string; expected: number; link: { id: number; url: string } | null; codes: { issued: number; used: number } }>;
    }>;
  const cell = async (schoolId: number, role: string) => (await table()).find((s) => s.id === schoolId)!.roles[role];

  it('lists every school × role with its open link', async () => {
    const rows = await table();
    expect(rows.map((r) => r.id).sort()).toEqual(schools.map((s) => s.id).sort());
    for (const row of rows) {
      for (const role of ROLES) {
        expect(row.roles[role].mode).toBe('open');
        expect(row.roles[role].link!.url).toMatch(new RegExp(`^${PUBLIC_URL}/s/[A-Za-z0-9_-]{24}$`));
      }
    }
  });

  it('creates links for a school added to the region later, once, in a wave not open yet; the open wave leaves it out', async () => {
    const planned = await send('POST', '/api/admin/waves', {
      regionId,
      title: 'Осень',
      opensAt: new Date(Date.now() + 2 * DAY).toISOString(),
      closesAt: new Date(Date.now() + 9 * DAY).toISOString(),
      modelId: await ensureModel(t.database.db),
    });
    const plannedId = planned.json().id;
    const late = await newSchool(t.database.db, municipality.id, { student: 2 });
    const first = await send('POST', `/api/admin/waves/${plannedId}/links/sync`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: ROLES.length });
    expect((await send('POST', `/api/admin/waves/${plannedId}/links/sync`)).json()).toMatchObject({ created: 0 });
    const plannedRows = (await get(`/api/admin/waves/${plannedId}/links`)).json().schools as Array<{ id: number; roles: Record<Role, { link: unknown }> }>;
    expect(plannedRows.find((s) => s.id === late.id)!.roles.student.link).not.toBeNull();
    // The open wave's roster was frozen when it opened (docs/methodology.md §7): no links, no place in its figures.
    expect((await send('POST', `/api/admin/waves/${waveId}/links/sync`)).json()).toMatchObject({ created: 0 });
    expect((await table()).map((s) => s.id)).not.toContain(late.id);
  });

  it('replaces a leaked link: the old one answers 410, the new one works', async () => {
    const old = (await cell(schools[0].id, 'parent')).link!;
    const res = await send('POST', `/api/admin/links/${old.id}/replace`);
    expect(res.statusCode).toBe(200);
    const next = res.json();
    expect(next).toMatchObject({ replacedId: old.id, role: 'parent', kind: 'open', schoolId: schools[0].id });
    expect(next.url).not.toBe(old.url);
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${tokenOf(old.url)}` })).statusCode).toBe(410);
    expect((await answer(tokenOf(old.url), 'parent')).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${tokenOf(next.url)}` })).statusCode).toBe(200);
    expect((await answer(tokenOf(next.url), 'parent')).statusCode).toBe(201);
    expect((await cell(schools[0].id, 'parent')).link!.id).toBe(next.id);
    const again = await send('POST', `/api/admin/links/${old.id}/replace`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('link_revoked');
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'link.replace')
      .where('entity_id', '=', String(old.id))
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('switches students to single-use codes: as many as expected per school, each answers once', async () => {
    const openLink = (await cell(schools[0].id, 'student')).link!;
    const res = await send('PUT', `/api/admin/waves/${waveId}/access`, { role: 'student', mode: 'codes' });
    expect(res.statusCode).toBe(200);
    expect(res.json().access).toMatchObject({ student: 'codes', parent: 'open' });
    expect(res.json().created).toBe(schools.reduce((sum, s) => sum + s.expected_student, 0));
    expect(res.json().suspended).toBe(schools.length);
    // The shared link would let anyone answer without a code.
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${tokenOf(openLink.url)}` })).statusCode).toBe(410);

    for (const school of schools) {
      const codes = (await get(`/api/admin/waves/${waveId}/schools/${school.id}/codes?role=student`)).json().codes;
      expect(codes).toHaveLength(school.expected_student);
      expect(new Set(codes.map((c: { url: string }) => c.url)).size).toBe(school.expected_student);
      expect(await cell(school.id, 'student')).toMatchObject({ mode: 'codes', link: null, codes: { issued: school.expected_student, used: 0 } });
    }

    const codes = (await get(`/api/admin/waves/${waveId}/schools/${schools[0].id}/codes`)).json().codes as Array<{ id: number; url: string }>;
    const first = await answer(tokenOf(codes[0].url), 'student');
    expect(first.statusCode).toBe(201);
    const second = await answer(tokenOf(codes[0].url), 'student');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('code_used');
    expect((await cell(schools[0].id, 'student')).codes).toEqual({ issued: schools[0].expected_student, used: 1 });
    expect((await get(`/api/admin/waves/${waveId}/schools/${schools[0].id}/codes`)).json().codes).toHaveLength(schools[0].expected_student - 1);
    expect((await send('POST', `/api/admin/links/${codes[0].id}/replace`)).json().code).toBe('code_used');

    const replaced = await send('POST', `/api/admin/links/${codes[1].id}/replace`);
    expect(replaced.json()).toMatchObject({ kind: 'code', role: 'student' });
    expect((await answer(tokenOf(codes[1].url), 'student')).statusCode).toBe(410);
    expect((await cell(schools[0].id, 'student')).codes.issued).toBe(schools[0].expected_student);
  });

  it('switching back restores the same open link, and codes come back unchanged after another switch', async () => {
    const codesBefore = (await get(`/api/admin/waves/${waveId}/schools/${schools[0].id}/codes`)).json().codes as Array<{ url: string }>;
    const back = await send('PUT', `/api/admin/waves/${waveId}/access`, { role: 'student', mode: 'open' });
    expect(back.json()).toMatchObject({ created: 0, restored: schools.length });
    const link = (await cell(schools[0].id, 'student')).link!;
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${tokenOf(link.url)}` })).statusCode).toBe(200);
    expect((await answer(tokenOf(codesBefore[0].url), 'student')).statusCode).toBe(410);

    const again = await send('PUT', `/api/admin/waves/${waveId}/access`, { role: 'student', mode: 'codes' });
    expect(again.json().created).toBe(0);
    const codesAfter = (await get(`/api/admin/waves/${waveId}/schools/${schools[0].id}/codes`)).json().codes as Array<{ url: string }>;
    expect(codesAfter.map((c) => c.url).sort()).toEqual(codesBefore.map((c) => c.url).sort());
    expect((await answer(tokenOf(codesAfter[0].url), 'student')).statusCode).toBe(201);
    const audited = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'wave.access_mode').execute();
    expect(audited.length).toBe(3);
  });

  it('serves a school sheet with the short address and a QR per open role, and code counts otherwise', async () => {
    const res = await get(`/api/admin/waves/${waveId}/schools/${schools[1].id}/sheet`);
    expect(res.statusCode).toBe(200);
    const sheet = res.json();
    expect(sheet.school).toMatchObject({ id: schools[1].id, name: schools[1].name, municipality: municipality.name });
    expect(sheet.wave).toMatchObject({ id: waveId, title: 'Весна' });
    expect(sheet.roles.map((r: { role: string }) => r.role)).toEqual([...ROLES]);
    const teacher = sheet.roles.find((r: { role: string }) => r.role === 'teacher');
    expect(teacher).toMatchObject({ mode: 'open', expected: 3, url: expect.stringMatching(`^${PUBLIC_URL}/s/`) });
    expect(Buffer.from(teacher.qr.split(',')[1], 'base64').toString()).toMatch(/^<svg/);
    expect(sheet.roles.find((r: { role: string }) => r.role === 'student')).toMatchObject({ mode: 'codes', url: null, qr: null, codes: { issued: 3 } });
    const foreignSchool = await newSchool(t.database.db, (await newMunicipality(t.database.db, (await newRegion(t.database.db)).id)).id);
    const outside = await get(`/api/admin/waves/${waveId}/schools/${foreignSchool.id}/sheet`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('school_not_in_wave');
  });

  it('exports a CSV for Excel: BOM, semicolons, one row per school × role', async () => {
    const res = await get(`/api/admin/waves/${waveId}/links.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="links-wave-\d+\.csv"/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(res.rawPayload.subarray(3).toString('utf8'), { delimiter: ';' });
    expect(rows[0]).toEqual(['Муниципалитет', 'Код школы', 'Школа', 'Участники', 'Способ доступа', 'Ссылка']);
    expect(rows).toHaveLength(1 + schools.length * ROLES.length);
    const first = rows.filter((r) => r[1] === schools[0].code);
    expect(first.map((r) => r[3])).toEqual(['Директор', 'Учителя', 'Обучающиеся 5–11 классов', 'Родители']);
    expect(first[0][2]).toBe(schools[0].name);
    expect(first[0][5]).toMatch(new RegExp(`^${PUBLIC_URL}/s/[A-Za-z0-9_-]{24}$`));
    expect(first[2][4]).toBe(`одноразовые коды: ${schools[0].expected_student} шт.`);
    expect(first[2][5]).toBe('');
    expect(rows.find((r) => r[1] === schools[1].code)![2]).toBe(`'${schools[1].name}`);
    const links = (await table()).find((s) => s.id === schools[0].id)!.roles;
    expect(first[3][5]).toBe(links.parent.link!.url);
  });

  it('exports the same rows as XLSX', async () => {
    const res = await get(`/api/admin/waves/${waveId}/links.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="links-wave-\d+\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0][0]).toBe('Муниципалитет');
    expect(rows).toHaveLength(1 + schools.length * ROLES.length);
    const csv: string[][] = parse((await get(`/api/admin/waves/${waveId}/links.csv`)).rawPayload.subarray(3).toString('utf8'), { delimiter: ';' });
    expect(rows.slice(1).map((r) => r[5])).toEqual(csv.slice(1).map((r) => r[5]));
    expect(rows.find((r) => r[1] === schools[1].code)![2]).toBe(schools[1].name);
  });

  it('keeps links to administrators: 401 anonymous, 403 coordinator, 403 without the CSRF header', async () => {
    const link = (await cell(schools[0].id, 'teacher')).link!;
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/waves/${waveId}/links.csv` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/links/${link.id}/replace` })).statusCode).toBe(401);
    for (const url of [
      `/api/admin/waves/${waveId}/links`,
      `/api/admin/waves/${waveId}/links.xlsx`,
      `/api/admin/waves/${waveId}/schools/${schools[0].id}/sheet`,
    ]) {
      expect((await get(url, coordinator)).statusCode).toBe(403);
    }
    expect((await send('POST', `/api/admin/links/${link.id}/replace`, undefined, coordinator)).statusCode).toBe(403);
    expect((await send('PUT', `/api/admin/waves/${waveId}/access`, { role: 'parent', mode: 'codes' }, coordinator)).statusCode).toBe(403);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/admin/links/${link.id}/replace`, headers: { cookie: admin.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf');
    expect((await cell(schools[0].id, 'teacher')).link!.id).toBe(link.id);
  });
});
