import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { addResponses, openLink, times } from './responses.js';
import { dayOf, startOfDay } from '../../server/shared/rules/zoned-days.js';

const DAY = 24 * 3600 * 1000;
import type { ParticipationReport } from '../../server/participation/participation.schemas.js';
import { countedAnswers, honestSubmission } from '../helpers/answers.js';

describe.each(TEST_DATABASES)('participation API on %s', (kind) => {
  let t: TestApp;
  let ids: Record<
    'region' | 'otherRegion' | 'alpha' | 'beta' | 'a1' | 'a2' | 'b1' | 'b2' | 'wave' | 'planned' | 'closed' | 'otherWave' | 'otherSchool',
    number
  >;
  let auth: Record<'admin' | 'region' | 'alpha' | 'schoolA2' | 'otherRegion' | 'otherMunicipality', Record<string, string>>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    const alpha = await newMunicipality(db, region.id, 'Альфинский район');
    const beta = await newMunicipality(db, region.id, 'Бетинский район');
    const a1 = await newSchool(db, alpha.id, { principal: 1, teacher: 10, student: 20, parent: 0 }, 'Школа А1');
    const a2 = await newSchool(db, alpha.id, { principal: 1, teacher: 5, student: 10, parent: 10 }, 'Школа А2');
    const b1 = await newSchool(db, beta.id, { principal: 1, teacher: 4, student: 0, parent: 4 }, 'Школа Б1');
    const b2 = await newSchool(db, beta.id, { principal: 1, teacher: 2, student: 0, parent: 0 }, 'Школа Б2');
    // Days of the region (Moscow): the days left are counted in its calendar, so these waves begin and end at midnight.
    const moscowMidnight = (days: number) => startOfDay(dayOf(new Date(Date.now() + days * DAY), 'Europe/Moscow'), 'Europe/Moscow');
    const wave = await newWave(db, region.id, { target: 0.9, opensInDays: -3, closesAt: moscowMidnight(5) });
    const planned = await newWave(db, region.id, { opensAt: moscowMidnight(3), closesAt: moscowMidnight(21) });
    const closed = await newWave(db, region.id, { opensInDays: -30, closesInDays: -2 });

    await addResponses(db, wave.id, a1.id, 'principal', times(1));
    await addResponses(db, wave.id, a1.id, 'teacher', times(9));
    await addResponses(db, wave.id, a1.id, 'student', times(18));
    await addResponses(db, wave.id, a1.id, 'parent', times(2));
    await addResponses(db, wave.id, a2.id, 'teacher', times(6));
    await addResponses(db, wave.id, a2.id, 'student', [30, 59, 60]);
    await addResponses(db, wave.id, a2.id, 'parent', [...times(8), null]);
    await addResponses(db, wave.id, b1.id, 'principal', times(1));
    await addResponses(db, wave.id, b1.id, 'teacher', times(3));
    await addResponses(db, wave.id, b2.id, 'principal', times(1));
    await addResponses(db, wave.id, b2.id, 'teacher', times(2));
    await addResponses(db, closed.id, a1.id, 'teacher', times(4));
    // The last B1 parents answer through the public API: the route's path must count like any other insert.
    const b1Parents = await openLink(db, wave.id, b1.id, 'parent');
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/links/${b1Parents.token}/responses`,
        payload: await honestSubmission(db, b1Parents, countedAnswers('parent')),
      });
      expect(res.statusCode).toBe(201);
    }

    const otherRegion = await newRegion(db);
    const otherMunicipality = await newMunicipality(db, otherRegion.id);
    const otherSchool = await newSchool(db, otherMunicipality.id);
    const otherWave = await newWave(db, otherRegion.id);

    ids = {
      region: region.id,
      otherRegion: otherRegion.id,
      alpha: alpha.id,
      beta: beta.id,
      a1: a1.id,
      a2: a2.id,
      b1: b1.id,
      b2: b2.id,
      wave: wave.id,
      planned: planned.id,
      closed: closed.id,
      otherWave: otherWave.id,
      otherSchool: otherSchool.id,
    };
    const headers = async (spec: Parameters<typeof newLoggedInAccount>[2]) => (await newLoggedInAccount(t.app, db, spec)).headers;
    auth = {
      admin: await headers({ role: 'admin' }),
      region: await headers({ role: 'region', regionId: region.id }),
      alpha: await headers({ role: 'municipality', municipalityId: alpha.id }),
      schoolA2: await headers({ role: 'school', schoolId: a2.id }),
      otherRegion: await headers({ role: 'region', regionId: otherRegion.id }),
      otherMunicipality: await headers({ role: 'municipality', municipalityId: otherMunicipality.id }),
    };
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = auth.region) => t.app.inject({ method: 'GET', url, headers });
  const report = async (waveId: number, headers?: Record<string, string>) => {
    const res = await get(`/api/waves/${waveId}/participation`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ParticipationReport;
  };
  const school = (r: ParticipationReport, id: number) => r.schools.find((s) => s.id === id)!;

  it('gives each school its rate per role, what it still needs and whether it meets the target', async () => {
    const r = await report(ids.wave);
    expect(r.schools.map((s) => s.id)).toEqual([ids.a2, ids.b1, ids.a1, ids.b2]);

    const a1 = school(r, ids.a1);
    expect(a1.meetsTarget).toBe(true);
    expect(a1.roles.teacher).toMatchObject({ expected: 10, responses: 9, rate: 0.9, needed: 0 });
    expect(a1.roles.student).toMatchObject({ expected: 20, responses: 18, rate: 0.9, needed: 0 });
    // Nobody is expected among A1's parents: no rate, nothing needed, yet two answers are more than expected.
    expect(a1.roles.parent).toMatchObject({ expected: 0, responses: 2, rate: null, needed: 0 });
    expect(a1.flags).toEqual({ overExpected: ['parent'], noPrincipal: false, awaitingDecision: [], thanksToMarked: [] });

    const a2 = school(r, ids.a2);
    expect(a2.meetsTarget).toBe(false);
    expect(a2.roles.principal).toMatchObject({ expected: 1, responses: 0, rate: 0, needed: 1 });
    expect(a2.roles.teacher).toMatchObject({ expected: 5, responses: 6, rate: 1.2, needed: 0 });
    expect(a2.roles.student).toMatchObject({ expected: 10, responses: 3, rate: 0.3, needed: 6 });
    expect(a2.roles.parent).toMatchObject({ expected: 10, responses: 9, rate: 0.9, needed: 0 });
    expect(a2.needed).toBe(7);
    expect(a2.flags).toEqual({ overExpected: ['teacher'], noPrincipal: true, awaitingDecision: [], thanksToMarked: [] });

    const b1 = school(r, ids.b1);
    expect(b1.roles.teacher).toMatchObject({ expected: 4, responses: 3, rate: 0.75, needed: 1 });
    expect(b1.roles.parent).toMatchObject({ expected: 4, responses: 4, rate: 1, needed: 0 });
    expect(b1.roles.student.rate).toBeNull();
    expect([b1.meetsTarget, b1.needed]).toEqual([false, 1]);
    expect(school(r, ids.b2).meetsTarget).toBe(true);
  });

  it('sums the territory and each municipality respondent-weighted, with the share of schools at target', async () => {
    const r = await report(ids.wave);
    expect(r.territory).toMatchObject({ schools: 4, schoolsAtTarget: 2, shareAtTarget: 0.5, expected: 69, responses: 59, needed: 8 });
    expect(r.territory.roles).toMatchObject({
      principal: { expected: 4, responses: 3, rate: 0.75, needed: 1 },
      teacher: { expected: 21, responses: 20, rate: 20 / 21, needed: 1 },
      student: { expected: 30, responses: 21, rate: 0.7, needed: 6 },
      parent: { expected: 14, responses: 15, rate: 15 / 14, needed: 0 },
    });
    expect(r.municipalities.map((m) => [m.id, m.name, m.schools, m.schoolsAtTarget, m.responses, m.needed])).toEqual([
      [ids.alpha, 'Альфинский район', 2, 1, 48, 7],
      [ids.beta, 'Бетинский район', 2, 1, 11, 1],
    ]);
    expect(r.municipalities[0].roles.teacher).toMatchObject({ expected: 15, responses: 15, rate: 1, needed: 0 });
  });

  it('tells the wave status, its target and the whole days left', async () => {
    const r = await report(ids.wave);
    // Today and the four days after it: the wave closes at midnight after the fourth.
    expect(r.wave).toMatchObject({ id: ids.wave, target: 0.9, status: 'open', daysLeft: 5, daysToOpen: null, timeZone: 'Europe/Moscow' });
    const closed = await report(ids.closed);
    expect(closed.wave).toMatchObject({ status: 'closed', daysLeft: 0 });
    expect(school(closed, ids.a1).roles.teacher.responses).toBe(4);
  });

  it('answers a wave that has not opened with zeros and everything still needed', async () => {
    const r = await report(ids.planned);
    // It opens at midnight three days ahead and takes answers through the twentieth day from today.
    expect(r.wave).toMatchObject({ status: 'planned', daysToOpen: 3, daysLeft: 21 });
    expect(r.territory).toMatchObject({ schools: 4, schoolsAtTarget: 0, shareAtTarget: 0, responses: 0, expected: 69, needed: 64 });
    expect(school(r, ids.a2).roles.student).toMatchObject({ expected: 10, responses: 0, rate: 0, needed: 9 });
    expect(r.schools.every((s) => !s.flags.noPrincipal && s.flags.overExpected.length === 0)).toBe(true);
  });

  it('shows a municipal coordinator its municipality only', async () => {
    const r = await report(ids.wave, auth.alpha);
    expect(r.schools.map((s) => s.id).sort()).toEqual([ids.a1, ids.a2].sort());
    expect(r.municipalities.map((m) => m.id)).toEqual([ids.alpha]);
    expect(r.territory).toMatchObject({ schools: 2, schoolsAtTarget: 1, responses: 48, needed: 7 });
  });

  it("shows a school team its own school's numbers only", async () => {
    const r = await report(ids.wave, auth.schoolA2);
    expect(r.schools.map((s) => s.id)).toEqual([ids.a2]);
    expect(r.territory).toMatchObject({ schools: 1, responses: 18, needed: 7 });
  });

  it('shows the administrator every school of the wave’s region', async () => {
    const r = await report(ids.wave, auth.admin);
    expect(r.schools).toHaveLength(4);
  });

  it('refuses another region, an unknown wave and a caller without a session', async () => {
    for (const headers of [auth.otherRegion, auth.otherMunicipality]) {
      const res = await get(`/api/waves/${ids.wave}/participation`, headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('out_of_scope');
    }
    expect((await get(`/api/waves/${ids.otherWave}/participation`)).statusCode).toBe(403);
    expect((await get('/api/waves/999999/participation')).json()).toMatchObject({ statusCode: 404, code: 'wave_not_found' });
    expect((await get(`/api/waves/${ids.wave}/participation`, {})).statusCode).toBe(401);
    expect((await get(`/api/waves/${ids.wave}/participation.csv`, auth.otherRegion)).statusCode).toBe(403);
    expect((await get(`/api/waves/${ids.wave}/participation/events`, auth.otherRegion)).statusCode).toBe(403);
  });

  it('exports only the schools the table filters leave, and says which in the heading', async () => {
    const csv = async (query: string) => {
      const res = await get(`/api/waves/${ids.wave}/participation.csv?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const rows: string[][] = parse(res.rawPayload, { bom: true, delimiter: ';', relax_column_count: true });
      const header = rows.findIndex((row) => row.includes('Школа'));
      return { rows, schools: rows.slice(header + 1).map((row) => row[header === -1 ? 0 : rows[header].indexOf('Школа')]) };
    };
    // Of Альфинский район only А2 is short of the target (no principal): А1 reached it.
    const alphaLagging = await csv(`municipalityId=${ids.alpha}&lagging=true`);
    expect(alphaLagging.schools).toEqual(['Школа А2']);
    expect(alphaLagging.rows).toContainEqual(['Школ достигли цели', '0 из 1']);
    expect(alphaLagging.rows).toContainEqual(['Отбор', 'Альфинский район; только не достигшие цели']);
    expect((await csv('search=%D0%B01')).schools).toEqual(['Школа А1']);
    expect((await csv('flag=noPrincipal')).schools).toEqual(['Школа А2']);
    const xlsx = await get(`/api/waves/${ids.wave}/participation.xlsx?municipalityId=${ids.beta}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = workbook
      .getWorksheet('Школы')!
      .getColumn(3)
      .values.filter((v) => typeof v === 'string' && v.startsWith('Школа '));
    expect(names).toEqual(['Школа Б1', 'Школа Б2']);
    // Bad filters are refused, never ignored: a file must not hold other rows than the screen.
    expect((await get(`/api/waves/${ids.wave}/participation.csv?flag=nonsense`)).statusCode).toBe(400);
    expect((await get(`/api/waves/${ids.wave}/participation.csv?color=red`)).statusCode).toBe(400);
    expect((await get(`/api/waves/${ids.wave}/participation.csv?municipalityId=${ids.beta}`, auth.alpha)).json().code).toBe('unknown_municipality');
  });

  it('exports the table as CSV with a BOM, semicolons, the wave, the date and the target', async () => {
    const res = await get(`/api/waves/${ids.wave}/participation.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`participation-wave-${ids.wave}-\\d{4}-\\d{2}-\\d{2}\\.csv`));
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(res.rawPayload, { bom: true, delimiter: ';', relax_column_count: true });
    const r = await report(ids.wave);
    expect(rows[1]).toEqual(['Волна', r.wave.title]);
    expect(rows[2]).toEqual(['Цель охвата', '90%']);
    expect(rows[3][0]).toBe('Дата выгрузки');
    expect(rows[3][1]).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(Москва, GMT\+3\)$/);
    const header = rows[6];
    const table = rows.slice(7).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
    expect(table.map((row) => row['Школа'])).toEqual(['Школа А2', 'Школа Б1', 'Школа А1', 'Школа Б2']);
    expect(table[0]).toMatchObject({
      Муниципалитет: 'Альфинский район',
      'Цель достигнута': 'нет',
      'Не хватает участников': '7',
      'Обучающиеся 5–11 классов: ответили': '3',
      'Обучающиеся 5–11 классов: охват, %': '30',
      'Обучающиеся 5–11 классов: не хватает': '6',
      'Учителя: охват, %': '120',
      'Обучающиеся 5–11 классов: отмечено, ждут решения': '0',
    });
    expect(table[0]['Замечания']).toContain('нет ответа директора');
    expect(table[2]['Родители: охват, %']).toBe('');
  });

  it('exports the same table as XLSX, with numbers as numbers', async () => {
    const res = await get(`/api/waves/${ids.wave}/participation.xlsx`, auth.alpha);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Школы')!;
    expect(sheet.getCell('B3').value).toBe('90%');
    const header = sheet.getRow(7).values as unknown[];
    const a2 = sheet.getRow(8).values as unknown[];
    const cell = (name: string) => a2[header.indexOf(name)];
    expect(cell('Школа')).toBe('Школа А2');
    expect(cell('Учителя: охват')).toBe(1.2);
    expect(cell('Не хватает участников')).toBe(7);
    // The municipal coordinator's file holds its municipality only.
    expect(sheet.rowCount).toBe(9);
    expect(workbook.getWorksheet('Муниципалитеты')!.getRow(2).values).toContain('Альфинский район');
  });

  describe('links of a school for a reminder', () => {
    it('gives a coordinator the open link and QR code of every role', async () => {
      const links = await Promise.all((['principal', 'teacher', 'student', 'parent'] as const).map((role) => openLink(t.database.db, ids.wave, ids.a2, role)));
      const res = await get(`/api/waves/${ids.wave}/schools/${ids.a2}/links`, auth.alpha);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.school).toMatchObject({ id: ids.a2, name: 'Школа А2' });
      expect(body.roles).toHaveLength(4);
      const student = body.roles.find((r: { role: string }) => r.role === 'student');
      expect(student.mode).toBe('open');
      expect(student.url).toBe(`http://localhost:3000/s/${links[2].token}`);
      expect(Buffer.from(student.qr.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString()).toMatch(/^<svg/);
    });

    it('gives the QR code of a role as a PNG that decodes to its link', async () => {
      const student = (await get(`/api/waves/${ids.wave}/schools/${ids.a2}/links`, auth.alpha))
        .json()
        .roles.find((r: { role: string }) => r.role === 'student');
      const res = await get(`/api/waves/${ids.wave}/schools/${ids.a2}/links/student/qr.png`, auth.alpha);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toMatch(/qr-.+-student\.png/);
      const image = PNG.sync.read(res.rawPayload);
      expect(image.width).toBe(600);
      expect(jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)?.data).toBe(student.url);
      expect((await get(`/api/waves/${ids.wave}/schools/${ids.a2}/links/student/qr.png`, auth.schoolA2)).statusCode).toBe(403);
      expect((await get(`/api/waves/${ids.wave}/schools/${ids.b1}/links/student/qr.png`, auth.alpha)).json().code).toBe('out_of_scope');
      expect((await get(`/api/waves/${ids.wave}/schools/${ids.a2}/links/janitor/qr.png`, auth.alpha)).statusCode).toBe(400);
    });

    it('refuses a school team, a school of another municipality and one outside the wave’s region', async () => {
      expect((await get(`/api/waves/${ids.wave}/schools/${ids.a2}/links`, auth.schoolA2)).statusCode).toBe(403);
      expect((await get(`/api/waves/${ids.wave}/schools/${ids.b1}/links`, auth.alpha)).json().code).toBe('out_of_scope');
      expect((await get(`/api/waves/${ids.wave}/schools/${ids.otherSchool}/links`, auth.admin)).json().code).toBe('school_not_in_wave');
      expect((await get(`/api/waves/${ids.wave}/schools/${ids.otherSchool}/links`, auth.region)).statusCode).toBe(403);
    });
  });
  it('follows roster changes made anywhere, plain SQL included, at the very next request', async () => {
    const db = t.database.db;
    const names = (r: ParticipationReport) => r.schools.map((s) => s.name);
    const before = await report(ids.wave);
    expect(school(before, ids.a2).roles.teacher.expected).toBe(5);

    await sql`update schools set expected_teacher = 50, name = 'Школа А2 (переименована)' where id = ${ids.a2}`.execute(db);
    // The open wave counts the expected respondents it opened with (migration 0013); the planned one the list as it is.
    const edited = await report(ids.wave);
    expect(school(edited, ids.a2).roles.teacher).toMatchObject({ expected: 5, responses: 6 });
    expect(school(edited, ids.a2).name).toBe('Школа А2 (переименована)');
    expect(school(await report(ids.planned), ids.a2).roles.teacher.expected).toBe(50);

    const added = await newSchool(db, ids.beta, { principal: 1, teacher: 3, student: 0, parent: 0 }, 'Школа Б3');
    expect(names(await report(ids.planned))).toContain('Школа Б3');
    expect(names(await report(ids.wave))).not.toContain('Школа Б3');
    // Moved to another municipality: its coordinator sees it at once, the old one no longer does.
    await sql`update schools set municipality_id = ${ids.alpha} where id = ${added.id}`.execute(db);
    expect(names(await report(ids.planned, auth.alpha))).toContain('Школа Б3');
    await sql`update municipalities set name = 'Альфинский округ' where id = ${ids.alpha}`.execute(db);
    expect((await report(ids.wave)).municipalities.map((m) => m.name)).toContain('Альфинский округ');
    await sql`delete from schools where id = ${added.id}`.execute(db);
    expect(names(await report(ids.planned))).not.toContain('Школа Б3');

    await sql`update schools set expected_teacher = 5, name = 'Школа А2' where id = ${ids.a2}`.execute(db);
    await sql`update municipalities set name = 'Альфинский район' where id = ${ids.alpha}`.execute(db);
    expect(await report(ids.wave)).toEqual({ ...before, generatedAt: expect.any(String), wave: { ...before.wave, daysLeft: expect.any(Number) } });
  });
});
