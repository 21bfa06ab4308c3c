import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipationReport } from '../../server/participation/participation.schemas.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { addPaperResponses, addResponses, times } from './responses.js';

// Paper answers count like any other (docs/methodology.md §7) and are shown apart: «из них на бумаге».
describe.each(TEST_DATABASES)('paper answers in the participation figures on %s', (kind) => {
  let t: TestApp;
  let ids: Record<'wave' | 'alpha' | 'beta' | 'a' | 'b', number>;
  let auth: Record<'region' | 'alpha', Record<string, string>>;
  let secret: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    const alpha = await newMunicipality(db, region.id, 'Альфинский район');
    const beta = await newMunicipality(db, region.id, 'Бетинский район');
    const a = await newSchool(db, alpha.id, { principal: 1, teacher: 10, student: 0, parent: 10 }, 'Школа А');
    const b = await newSchool(db, beta.id, { principal: 0, teacher: 2, student: 10, parent: 0 }, 'Школа Б');
    const wave = await newWave(db, region.id, { target: 0.5 });
    const otherWave = await newWave(db, region.id, { opensInDays: -30, closesInDays: -2 });

    // А: teachers 5 online + 3 paper; parents 2 paper counted + 1 paper excluded; the principal online.
    await addResponses(db, wave.id, a.id, 'teacher', times(5));
    await addPaperResponses(db, wave.id, a.id, 'teacher', 3);
    await addPaperResponses(db, wave.id, a.id, 'parent', 2);
    await addPaperResponses(db, wave.id, a.id, 'parent', 1, { marks: ['straightline'], counted: false, review: 'excluded' });
    await addResponses(db, wave.id, a.id, 'principal', times(1));
    // Б: students 1 online + 4 paper.
    await addResponses(db, wave.id, b.id, 'student', times(1));
    await addPaperResponses(db, wave.id, b.id, 'student', 4);
    // Another wave's paper answers stay in that wave.
    await addPaperResponses(db, otherWave.id, a.id, 'teacher', 6);

    ids = { wave: wave.id, alpha: alpha.id, beta: beta.id, a: a.id, b: b.id };
    const headers = async (spec: Parameters<typeof newLoggedInAccount>[2]) => (await newLoggedInAccount(t.app, db, spec)).headers;
    const admin = await headers({ role: 'admin' });
    auth = { region: await headers({ role: 'region', regionId: region.id }), alpha: await headers({ role: 'municipality', municipalityId: alpha.id }) };
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/admin/tokens',
      headers: admin,
      payload: { name: 'Региональная ИС', regionId: region.id, permissions: ['participation:read'] },
    });
    expect(token.statusCode, token.body).toBe(201);
    secret = token.json().secret;
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
  const report = async (headers: Record<string, string>) => {
    const res = await get(`/api/waves/${ids.wave}/participation`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ParticipationReport;
  };

  it('gives each school × role its counted paper answers among its responses', async () => {
    const r = await report(auth.region);
    const a = r.schools.find((s) => s.id === ids.a)!;
    const b = r.schools.find((s) => s.id === ids.b)!;
    expect(a.roles.teacher).toMatchObject({ responses: 8, paper: 3 });
    // The excluded paper answer is neither a response nor a paper figure.
    expect(a.roles.parent).toMatchObject({ responses: 2, paper: 2, excluded: 1 });
    expect(a.roles.principal).toMatchObject({ responses: 1, paper: 0 });
    expect(b.roles.student).toMatchObject({ responses: 5, paper: 4 });
    expect(b.roles.teacher).toMatchObject({ responses: 0, paper: 0 });
  });

  it('sums paper answers per role, per municipality and over the territory', async () => {
    const r = await report(auth.region);
    expect(r.territory).toMatchObject({ responses: 16, paper: 9 });
    expect(Object.fromEntries(Object.entries(r.territory.roles).map(([role, f]) => [role, f.paper]))).toEqual({
      principal: 0,
      teacher: 3,
      student: 4,
      parent: 2,
    });
    expect(r.municipalities.map((m) => [m.name, m.responses, m.paper])).toEqual([
      ['Альфинский район', 11, 5],
      ['Бетинский район', 5, 4],
    ]);
  });

  it('shows a municipal coordinator the paper answers of its municipality only', async () => {
    const r = await report(auth.alpha);
    expect(r.territory).toMatchObject({ responses: 11, paper: 5 });
  });

  it('gives the same figure to a service token', async () => {
    const r = await report({ authorization: `Bearer ${secret}` });
    expect(r.territory.paper).toBe(9);
    expect(r.schools.find((s) => s.id === ids.b)!.roles.student.paper).toBe(4);
  });

  it('exports paper answers as a column of each role and of each municipality', async () => {
    const res = await get(`/api/waves/${ids.wave}/participation.csv`, auth.region);
    expect(res.statusCode).toBe(200);
    const rows: string[][] = parse(res.rawPayload, { bom: true, delimiter: ';', relax_column_count: true });
    const headerAt = rows.findIndex((row) => row.includes('Школа'));
    const table = rows.slice(headerAt + 1).map((row) => Object.fromEntries(rows[headerAt].map((h, i) => [h, row[i]])));
    const a = table.find((row) => row['Школа'] === 'Школа А')!;
    expect([a['Учителя: ответили'], a['Учителя: из них на бумаге'], a['Родители: из них на бумаге']]).toEqual(['8', '3', '2']);
    expect(table.find((row) => row['Школа'] === 'Школа Б')!['Обучающиеся 5–11 классов: из них на бумаге']).toBe('4');

    const xlsx = await get(`/api/waves/${ids.wave}/participation.xlsx`, auth.region);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Муниципалитеты')!;
    const header = sheet.getRow(1).values as unknown[];
    const paper = header.indexOf('Из них на бумаге');
    const byName = Object.fromEntries([2, 3, 4].map((n) => [(sheet.getRow(n).values as unknown[])[1], (sheet.getRow(n).values as unknown[])[paper]]));
    expect(byName).toEqual({ 'Альфинский район': 5, 'Бетинский район': 4, Всего: 9 });
  });
});
