import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newMunicipality, newRegion, newSchool } from '../helpers/fixtures.js';
import { ROSTER_BODY_LIMIT } from '../../server/admin/roster/roster.routes.js';
import { csvFile, RU_HEADERS, xlsxFile, type Cell } from '../fixtures/roster/files.js';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EN_HEADERS = ['Region', 'Municipality', 'School code', 'School name', 'Principal', 'Teachers', 'Students', 'Parents'];

describe.each(TEST_DATABASES)('roster import on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let coordinator: LoggedIn;
  const TVER = 'Тверская область';
  const PSKOV = 'Псковская область';
  let pskovSchoolCode: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const tver = await newRegion(db, TVER);
    const pskov = await newRegion(db, PSKOV);
    pskovSchoolCode = (await newSchool(db, (await newMunicipality(db, pskov.id, 'Город Псков')).id)).code;
    await newMunicipality(db, tver.id, 'Берёзовский район');
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
    coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: tver.id });
  });
  afterAll(() => t?.close());

  const send = (url: string, file: Buffer, contentType = CSV, headers: Record<string, string> = admin.headers) =>
    t.app.inject({ method: 'POST', url, payload: file, headers: { ...headers, 'content-type': contentType } });
  const preview = (file: Buffer, contentType = CSV) => send('/api/admin/roster/preview', file, contentType);
  const apply = (file: Buffer, contentType = CSV) => send('/api/admin/roster?filename=%D1%88%D0%BA%D0%BE%D0%BB%D1%8B.csv', file, contentType);
  const count = async (table: 'schools' | 'municipalities' | 'audit_log') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const schoolByCode = (code: string) =>
    t.database.db
      .selectFrom('schools as s')
      .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
      .select(['s.name', 'm.name as municipality', 's.expected_principal', 's.expected_teacher', 's.expected_student', 's.expected_parent'])
      .where('s.code', '=', code)
      .executeTakeFirst();

  const tverRows: Cell[][] = [
    RU_HEADERS,
    [TVER, 'Берёзовский район', 'TV-001', 'МБОУ «Берёзовская СОШ № 1»', 1, 34, 412, 380],
    ['тверская  область', 'Озёрный городской округ', 'TV-002', 'МКОУ "Сосновская ООШ"; филиал', 0, 9, 38, 35],
    [TVER, 'Озерный городской округ', 'TV-003', 'МБОУ «Луговская СОШ»', 1, 12, 64, 58],
  ];

  it('previews and applies a Windows-1251 CSV with semicolons, as Excel on Russian Windows saves it', async () => {
    const file = csvFile(tverRows, { encoding: 'win1251' });
    const before = await count('schools');
    const res = await preview(file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ rows: 3, errors: [], errorCount: 0, format: 'csv' });
    expect(body.summary).toEqual({ regions: 1, municipalitiesNew: 1, schoolsNew: 3, schoolsUpdated: 0, schoolsUnchanged: 0 });
    expect(body.sample[1]).toMatchObject({ line: 3, code: 'TV-002', name: 'МКОУ "Сосновская ООШ"; филиал', principal: 0, teachers: 9, status: 'new' });
    expect(await count('schools')).toBe(before);

    const applied = await apply(file);
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toEqual({ rows: 3, summary: body.summary });
    expect(await count('schools')).toBe(before + 3);
    expect(await schoolByCode('TV-002')).toEqual({
      name: 'МКОУ "Сосновская ООШ"; филиал',
      municipality: 'Озёрный городской округ',
      expected_principal: 0,
      expected_teacher: 9,
      expected_student: 38,
      expected_parent: 35,
    });
    expect((await schoolByCode('TV-003'))?.municipality).toBe('Озёрный городской округ');
    const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'roster.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({
      filename: 'школы.csv',
      schoolsNew: 3,
      schoolsCreated: ['TV-001', 'TV-002', 'TV-003'],
      municipalitiesCreated: ['Озёрный городской округ'],
    });
  });

  it('re-imports a UTF-8 CSV with BOM and commas: updates schools by code, leaves the rest as they are', async () => {
    const rows = [RU_HEADERS, tverRows[1], [TVER, 'Берёзовский район', 'TV-002', 'МКОУ «Сосновская ООШ»', 1, 10, 40, 36], tverRows[3]];
    const file = csvFile(rows, { delimiter: ',', encoding: 'utf8-bom' });
    const body = (await preview(file)).json();
    expect(body.errors).toEqual([]);
    expect(body.summary).toEqual({ regions: 1, municipalitiesNew: 0, schoolsNew: 0, schoolsUpdated: 1, schoolsUnchanged: 2 });
    expect(body.sample[1]).toMatchObject({ status: 'updated', changes: ['name', 'municipality', 'principal', 'teachers', 'students', 'parents'] });

    const schools = await count('schools');
    expect((await apply(file)).statusCode).toBe(200);
    expect(await count('schools')).toBe(schools);
    expect(await schoolByCode('TV-002')).toEqual({
      name: 'МКОУ «Сосновская ООШ»',
      municipality: 'Берёзовский район',
      expected_principal: 1,
      expected_teacher: 10,
      expected_student: 40,
      expected_parent: 36,
    });
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'roster.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({
      schoolsUpdated: [
        { code: 'TV-002', changes: { teachers: { from: 9, to: 10 }, municipality: { from: 'Озёрный городской округ', to: 'Берёзовский район' } } },
      ],
    });
  });

  it('applies an XLSX made in Excel, with numeric and text cells and English headers', async () => {
    const file = await xlsxFile([
      EN_HEADERS,
      [PSKOV, 'Великолукский район', 'PS-101', 'МБОУ «Лесная СОШ»', 1, 21, 205, 190],
      [PSKOV, 'Великолукский район', 'PS-102', 'МБОУ «Полевая ООШ»', '0', '7', '33', '30'],
    ]);
    const res = await apply(file, XLSX);
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toMatchObject({ schoolsNew: 2, municipalitiesNew: 1 });
    expect(await schoolByCode('PS-102')).toMatchObject({ expected_principal: 0, expected_teacher: 7, expected_student: 33, expected_parent: 30 });
  });

  it('warns of an XLSX whose codes lost their leading zeros, and applies it only when confirmed', async () => {
    const first = await xlsxFile([RU_HEADERS, [PSKOV, 'Печорский район', '0012', 'МБОУ «Печорская СОШ № 12»', 1, 20, 200, 180]]);
    expect((await apply(first, XLSX)).statusCode).toBe(200);
    // The same list saved again by a spreadsheet that read the codes as numbers.
    const again = await xlsxFile([RU_HEADERS, [PSKOV, 'Печорский район', 12, 'МБОУ «Печорская СОШ № 12»', 1, 20, 200, 180]]);
    const checked = await preview(again, XLSX);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ errorCount: 0, warningCount: 2, summary: { schoolsNew: 1 } });
    expect(checked.json().warnings).toEqual([
      expect.objectContaining({ line: 2, code: 'code_leading_zeros', value: '12', existingCode: '0012' }),
      expect.objectContaining({ line: 2, code: 'name_in_municipality', existingCode: '0012', existingName: 'МБОУ «Печорская СОШ № 12»' }),
    ]);

    const before = await count('schools');
    const refused = await apply(again, XLSX);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'roster_needs_confirmation', details: { warningCount: 2 } });
    expect(refused.json().message).toMatch(/confirmLookAlikes=true/);
    expect(await count('schools')).toBe(before);

    const confirmed = await send('/api/admin/roster?confirmLookAlikes=true', again, XLSX);
    expect(confirmed.statusCode).toBe(200);
    expect(await count('schools')).toBe(before + 1);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'roster.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audited.details).toMatchObject({
      lookAlikesConfirmed: [
        { line: 2, code: 'code_leading_zeros', existingCode: '0012' },
        { line: 2, code: 'name_in_municipality', existingCode: '0012' },
      ],
    });
  });

  it('reads the file whatever content type it is sent with', async () => {
    const file = csvFile(tverRows);
    for (const type of ['application/octet-stream', 'application/vnd.ms-excel', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await preview(file, type);
      expect(res.statusCode, type).toBe(200);
      expect(res.json().summary.schoolsUnchanged, type).toBe(2);
    }
  });

  it('reports every bad row with its line, column and code, and applies nothing from the file', async () => {
    const file = csvFile([
      ['Список школ Тверской области'],
      RU_HEADERS,
      [TVER, 'Новый район', 'TV-050', 'Новая школа', 1, 10, 100, 90],
      [TVER, 'Берёзовский район', 'TV-051', '', 1, 10, 100, 90],
      [TVER, 'Берёзовский район', '', 'Школа без кода', 1, 10, 100, 90],
      [TVER, 'Берёзовский район', 'TV-052', 'Школа', 1, -5, 100, 90],
      [TVER, 'Берёзовский район', 'TV-053', 'Школа', 1, 10, 'сто', 90],
      [TVER, 'Берёзовский район', 'TV-054', 'Школа', 2, 10, 100, 90],
      [TVER, 'Берёзовский район', 'TV-050', 'Дубликат', 1, 10, 100, 90],
      ['Тверская обл.', 'Берёзовский район', 'TV-055', 'Школа', 1, 10, 100, 90],
      [TVER, 'Берёзовский район', pskovSchoolCode, 'Чужая школа', 1, 10, 100, 90],
    ]);
    const expected = [
      [4, 'Название школы', 'empty_name'],
      [5, 'Код школы', 'empty_code'],
      [6, 'Учителя', 'count_negative'],
      [7, 'Обучающиеся 5–11 классов', 'count_not_number'],
      [8, 'Директор', 'principal_not_0_1'],
      [9, 'Код школы', 'duplicate_code'],
      [10, 'Регион', 'unknown_region'],
      [11, 'Код школы', 'code_in_other_region'],
    ];
    const body = (await preview(file)).json();
    expect(body.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual(expected);
    expect(body.errorCount).toBe(expected.length);
    expect(body.errors[0].message).toMatch(/name/);

    const [schools, municipalities, audits] = [await count('schools'), await count('municipalities'), await count('audit_log')];
    const res = await apply(file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'roster_invalid', details: { errorCount: expected.length, errors: body.errors } });
    expect([await count('schools'), await count('municipalities'), await count('audit_log')]).toEqual([schools, municipalities, audits]);
    expect(await schoolByCode('TV-050')).toBeUndefined();
  });

  it.each([
    ['an empty file', () => Buffer.alloc(0), 'empty_file'],
    ['a file without the principal column', () => csvFile([RU_HEADERS.filter((h) => h !== 'Директор'), [TVER, 'М', 'X-1', 'Ш', 1, 2, 3]]), 'missing_column'],
    ['a file that is no table', () => Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 0, 0]), 'unreadable_file'],
    ['an old .xls workbook', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'unsupported_format'],
  ])('refuses %s', async (_what, file, code) => {
    const body = (await preview(file(), 'application/octet-stream')).json();
    expect(body.errors.map((e: { code: string }) => e.code)).toContain(code);
    const res = await apply(file(), 'application/octet-stream');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.errors.map((e: { code: string }) => e.code)).toContain(code);
  });

  it('refuses a file over the size limit', async () => {
    const res = await preview(Buffer.alloc(ROSTER_BODY_LIMIT + 1, 0x41));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('body_too_large');
  });

  it('serves CSV and XLSX templates that read back with both example rows', async () => {
    for (const [url, type] of [
      ['/api/admin/roster/template.csv', 'text/csv'],
      ['/api/admin/roster/template.xlsx', XLSX],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url, headers: admin.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain(type);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
      const body = (await preview(res.rawPayload, type)).json();
      expect(body.rows).toBe(2);
      expect(body.errors.map((e: { code: string }) => e.code)).toEqual(['unknown_region', 'unknown_region']);
    }
    const csv = (await t.app.inject({ method: 'GET', url: '/api/admin/roster/template.csv', headers: admin.headers })).rawPayload;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('Регион;Муниципалитет;Код школы;Название школы;Директор;Учителя;Обучающиеся 5–11 классов;Родители\r\n');
  });

  describe('regions', () => {
    it('lists regions with their municipality and school counts', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/admin/regions', headers: admin.headers });
      expect(res.statusCode).toBe(200);
      const tver = res.json().regions.find((r: { name: string }) => r.name === TVER);
      expect(tver).toEqual({ id: expect.any(Number), name: TVER, timeZone: 'Europe/Moscow', municipalities: 2, schools: 3 });
    });

    it('creates a region, audited, and refuses the same name spelled differently', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name: '  Новгородская   область ' } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ name: 'Новгородская область' });
      const entry = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'region.create').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ entity: 'region', entity_id: String(res.json().id), details: { name: 'Новгородская область' } });
      const again = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name: 'НОВГОРОДСКАЯ ОБЛАСТЬ' } });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('region_exists');
      const blank = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name: '   ' } });
      expect(blank.json().code).toBe('region_name_empty');
    });

    it('lets a file import into the new region', async () => {
      const file = csvFile([RU_HEADERS, ['Новгородская область', 'Город Великий Новгород', 'NV-001', 'Гимназия № 2', 1, 40, 500, 450]]);
      expect((await apply(file)).statusCode).toBe(200);
      expect(await schoolByCode('NV-001')).toMatchObject({ municipality: 'Город Великий Новгород' });
    });
  });

  describe('access', () => {
    const file = csvFile(tverRows);
    const routes = [
      ['POST', '/api/admin/roster/preview'],
      ['POST', '/api/admin/roster'],
      ['GET', '/api/admin/roster/template.csv'],
      ['GET', '/api/admin/roster/template.xlsx'],
      ['GET', '/api/admin/regions'],
      ['POST', '/api/admin/regions'],
    ] as const;
    const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>) =>
      t.app.inject({
        method,
        url,
        headers: { ...headers, 'content-type': url.includes('roster') ? CSV : 'application/json' },
        payload: method === 'GET' ? undefined : url.includes('roster') ? file : { name: 'Х' },
      });

    it.each(routes)('%s %s answers 401 to anonymous callers and 403 to coordinators', async (method, url) => {
      expect((await call(method, url, {})).statusCode).toBe(401);
      const res = await call(method, url, coordinator.headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    });

    it.each(routes.filter(([method]) => method === 'POST'))('%s %s needs the CSRF header', async (method, url) => {
      const res = await call(method, url, { cookie: admin.cookie });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf');
    });
  });
});
