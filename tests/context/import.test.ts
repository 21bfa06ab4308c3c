import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newMunicipality, newRegion, newSchool } from '../helpers/fixtures.js';
import { csvFile, xlsxFile } from '../fixtures/roster/files.js';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const INDICATOR_HEADERS = ['Код школы', 'Год', 'ИСБШ', 'Городская/сельская', 'Число обучающихся'];
const RESULT_HEADERS = [
  'Код школы',
  'Год',
  'Процедура',
  'Предмет',
  'Класс',
  'Участников',
  'Средний балл',
  'Доля «2», %',
  'Доля «3», %',
  'Доля «4», %',
  'Доля «5», %',
];

describe.each(TEST_DATABASES)('context import on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let coordinator: LoggedIn;
  let municipality: LoggedIn;
  /** Two schools of the coordinator's region and one of another region. */
  let a: { id: number; code: string };
  let b: { id: number; code: string };
  let foreign: { id: number; code: string };

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const tver = await newRegion(db);
    const pskov = await newRegion(db);
    const m = await newMunicipality(db, tver.id);
    [a, b] = [await newSchool(db, m.id), await newSchool(db, m.id)];
    foreign = await newSchool(db, (await newMunicipality(db, pskov.id)).id);
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
    coordinator = await newLoggedInAccount(t.app, db, { role: 'region', regionId: tver.id });
    municipality = await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: m.id });
  });
  afterAll(() => t?.close());

  const send = (url: string, file: Buffer, contentType = CSV, headers: Record<string, string> = admin.headers) =>
    t.app.inject({ method: 'POST', url, payload: file, headers: { ...headers, 'content-type': contentType } });
  const indicatorsOf = (schoolId: number) =>
    t.database.db
      .selectFrom('school_context')
      .select(['year', 'social_index', 'settlement', 'students', 'imported_by'])
      .where('school_id', '=', schoolId)
      .orderBy('year')
      .execute();
  const resultsOf = (schoolId: number) =>
    t.database.db
      .selectFrom('assessment_results')
      .select(['year', 'procedure', 'subject', 'grade', 'participants', 'mean_score', 'share_2', 'share_3', 'share_4', 'share_5'])
      .where('school_id', '=', schoolId)
      .orderBy('year')
      .orderBy('procedure')
      .orderBy('subject')
      .orderBy('grade')
      .execute();
  const countRows = async (table: 'school_context' | 'assessment_results') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('previews and applies a UTF-8 CSV of indicators, then a re-import replaces rows of the same school and year', async () => {
    const file = csvFile([
      INDICATOR_HEADERS,
      [a.code, 2025, '-0,41', 'сельская', '398'],
      [a.code, 2026, '-0,35', 'Сельская', '1 012'],
      [b.code, 2026, '0.2', 'город', ''],
    ]);
    const preview = await send('/api/context/indicators/preview', file);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ kind: 'indicators', rows: 3, errors: [], errorCount: 0, format: 'csv' });
    expect(preview.json().summary).toEqual({ schools: 2, years: [2025, 2026], added: 3, changed: 0, unchanged: 0 });
    expect(await countRows('school_context')).toBe(0);

    const applied = await send('/api/context/indicators?filename=ctx.csv', file);
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toEqual({ kind: 'indicators', rows: 3, summary: preview.json().summary });
    expect(await indicatorsOf(a.id)).toMatchObject([
      { year: 2025, social_index: -0.41, settlement: 'rural', students: 398 },
      { year: 2026, social_index: -0.35, settlement: 'rural', students: 1012 },
    ]);
    expect(await indicatorsOf(b.id)).toMatchObject([{ year: 2026, social_index: 0.2, settlement: 'urban', students: null }]);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'context.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.entity).toBe('school_context');
    const details = typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details;
    expect(details).toMatchObject({ kind: 'indicators', filename: 'ctx.csv', format: 'csv', rows: 3, added: 3, changed: 0, years: [2025, 2026] });

    // The school's 2026 row again: one figure changes, one is now unknown, one stays; 2025 is the same as stored.
    const again = csvFile([INDICATOR_HEADERS, [a.code, 2025, '-0,41', 'сельская', 398], [a.code, 2026, '', 'сельская', 1030]]);
    const second = await send('/api/context/indicators/preview', again);
    expect(second.json().summary).toEqual({ schools: 1, years: [2025, 2026], added: 0, changed: 1, unchanged: 1 });
    expect(second.json().sample.map((r: { status: string; previous: object }) => [r.status, r.previous])).toEqual([
      ['unchanged', {}],
      ['changed', { socialIndex: -0.35, students: 1012 }],
    ]);
    expect((await send('/api/context/indicators', again)).statusCode).toBe(200);
    expect(await indicatorsOf(a.id)).toMatchObject([
      { year: 2025, social_index: -0.41, students: 398 },
      { year: 2026, social_index: null, settlement: 'rural', students: 1030 },
    ]);
    expect(await countRows('school_context')).toBe(3);
  });

  it('reads a Windows-1251 CSV of results, as Excel on Russian Windows saves it', async () => {
    const file = csvFile(
      [
        RESULT_HEADERS,
        [a.code, 2026, 'ВПР', 'математика', '5', 38, '3,4', '14,3', '40,5', '33,3', '11,9'],
        [a.code, 2026, 'огэ', 'Русский язык', '9 кл.', 41, '3,6', '4,9', '39', '41,5', '14,6'],
        [a.code, 2026, 'ЕГЭ', 'Математика (профильная)', 11, 12, '52,5', '8,3', '', '', ''],
      ],
      { encoding: 'win1251' },
    );
    const preview = await send('/api/context/results/preview', file, 'application/vnd.ms-excel');
    expect(preview.json()).toMatchObject({ kind: 'results', rows: 3, errorCount: 0 });
    expect(preview.json().sample[0].cells).toMatchObject({ procedure: 'ВПР', subject: 'математика', share2: '14,3' });
    expect((await send('/api/context/results', file)).statusCode).toBe(200);
    expect(await resultsOf(a.id)).toEqual([
      {
        year: 2026,
        procedure: 'ege',
        subject: 'Математика (профильная)',
        grade: 11,
        participants: 12,
        mean_score: 52.5,
        share_2: 8.3,
        share_3: null,
        share_4: null,
        share_5: null,
      },
      {
        year: 2026,
        procedure: 'oge',
        subject: 'Русский язык',
        grade: 9,
        participants: 41,
        mean_score: 3.6,
        share_2: 4.9,
        share_3: 39,
        share_4: 41.5,
        share_5: 14.6,
      },
      {
        year: 2026,
        procedure: 'vpr',
        subject: 'Математика',
        grade: 5,
        participants: 38,
        mean_score: 3.4,
        share_2: 14.3,
        share_3: 40.5,
        share_4: 33.3,
        share_5: 11.9,
      },
    ]);
  });

  it('reads an XLSX with numeric cells and a title above the table', async () => {
    const file = await xlsxFile([['Результаты ВПР, весна 2025'], RESULT_HEADERS, [b.code, 2025, 'ВПР', 'Русский язык', 6, 20, 3.15, 25, 40, 30, 5]]);
    const preview = await send('/api/context/results/preview', file, XLSX);
    expect(preview.json()).toMatchObject({ rows: 1, errorCount: 0, format: 'xlsx' });
    expect((await send('/api/context/results', file, XLSX)).statusCode).toBe(200);
    expect(await resultsOf(b.id)).toEqual([
      {
        year: 2025,
        procedure: 'vpr',
        subject: 'Русский язык',
        grade: 6,
        participants: 20,
        mean_score: 3.15,
        share_2: 25,
        share_3: 40,
        share_4: 30,
        share_5: 5,
      },
    ]);
  });

  it('reports every bad cell with its line and column, and applies nothing while there is one', async () => {
    const before = await countRows('assessment_results');
    const file = csvFile([
      ['Код школы', 'Год', 'Процедура', 'Предмет', 'Класс', 'Участников', 'Средний балл', 'Доля 2', 'Доля 3', 'Доля 4', 'Доля 5'],
      [b.code, 2026, 'ВПР', 'Математика', 7, 30, 3.2, 10, 50, 30, 10],
      ['', 2026, 'ВПР', 'Математика', 7, 30, 3.2, 10, 50, 30, 10],
      ['NO-SUCH', 'двадцать', 'ВПР', 'Математика', 7, 30, 3.2, 10, 50, 30, 10],
      [b.code, 2026, 'ОГЭ', 'Математика', 11, '3.5', 3.2, 10, 50, 30, 10],
      [b.code, 2026, 'ВПР', '', 12, 30, 'abc', 101, 50, 30, 10],
      [b.code, 2026, 'ГИА', 'Физика', 8, 30, 3.2, 30, 50, 30, 10],
      [b.code, 2026, 'ВПР', 'Физика', 8, 30, 3.2, 30, 50, 30, 10],
      [b.code, 2026, 'ЕГЭ', 'Русский язык', 11, '', '', '', '', '', ''],
      [b.code, 1999, 'ВПР', 'Физика', 8, 30, 3.2, 10, 50, 30, 10],
    ]);
    const preview = (await send('/api/context/results/preview', file)).json();
    const errors = preview.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code]);
    expect(errors).toEqual([
      [3, 'Код школы', 'empty_code'],
      [4, 'Код школы', 'unknown_school'],
      [4, 'Год', 'year_invalid'],
      [5, 'Класс', 'grade_procedure_mismatch'],
      [5, 'Участников', 'not_integer'],
      [6, 'Предмет', 'empty_subject'],
      [6, 'Класс', 'grade_invalid'],
      [6, 'Средний балл', 'not_number'],
      [6, 'Доля 2', 'too_large'],
      [7, 'Процедура', 'procedure_invalid'],
      // 30 + 50 + 30 + 10 = 120
      [8, 'Доля 2', 'shares_sum'],
      [9, 'Участников', 'no_values'],
      [10, 'Год', 'year_invalid'],
    ]);
    expect(preview.errorCount).toBe(13);
    expect(preview.errors[10].message).toContain('120%');
    expect(preview.summary).toMatchObject({ added: 1 });

    const applied = await send('/api/context/results', file);
    expect(applied.statusCode).toBe(400);
    expect(applied.json()).toMatchObject({ code: 'context_invalid', details: { errorCount: 13 } });
    expect(await countRows('assessment_results')).toBe(before);
  });

  it('refuses a key twice in one file, naming the line it first appeared on', async () => {
    const file = csvFile([
      RESULT_HEADERS,
      [b.code, 2026, 'ВПР', 'Математика', 8, 30, 3.2, 10, 50, 30, 10],
      [b.code, 2026, 'ВПР', 'Математика', 7, 30, 3.2, 10, 50, 30, 10],
      [b.code, 2026, 'впр', ' математика ', '8', 28, 3.1, 12, 50, 28, 10],
    ]);
    const preview = (await send('/api/context/results/preview', file)).json();
    expect(preview.errors).toEqual([expect.objectContaining({ line: 4, column: 'Код школы', code: 'duplicate_key', firstLine: 2 })]);
    const indicators = csvFile([INDICATOR_HEADERS, [a.code, 2024, 0.1, 'сельская', 400], [a.code, '2024', 0.2, 'сельская', 400]]);
    expect((await send('/api/context/indicators/preview', indicators)).json().errors).toEqual([
      expect.objectContaining({ line: 3, code: 'duplicate_key', firstLine: 2 }),
    ]);
  });

  it("confines a regional coordinator to its region's schools; the administrator imports any; a municipality none", async () => {
    const file = csvFile([INDICATOR_HEADERS, [a.code, 2024, 0.1, 'сельская', 400], [foreign.code, 2024, 0.5, 'городская', 900]]);
    const asCoordinator = await send('/api/context/indicators/preview', file, CSV, coordinator.headers);
    expect(asCoordinator.json().errors).toEqual([expect.objectContaining({ line: 3, column: 'Код школы', code: 'school_out_of_scope', value: foreign.code })]);
    expect((await send('/api/context/indicators', file, CSV, coordinator.headers)).statusCode).toBe(400);
    expect(await indicatorsOf(foreign.id)).toEqual([]);

    const own = csvFile([INDICATOR_HEADERS, [a.code, 2024, 0.1, 'сельская', 400]]);
    expect((await send('/api/context/indicators', own, CSV, coordinator.headers)).statusCode).toBe(200);
    expect((await send('/api/context/indicators/preview', file)).json().errorCount).toBe(0);

    expect((await send('/api/context/indicators/preview', own, CSV, municipality.headers)).statusCode).toBe(403);
  });

  it('reports an empty file, a header without rows and a missing column', async () => {
    const issues = async (file: Buffer) => (await send('/api/context/indicators/preview', file)).json().errors.map((e: { code: string }) => e.code);
    expect(await issues(Buffer.alloc(0))).toEqual(['empty_file']);
    expect(await issues(csvFile([INDICATOR_HEADERS]))).toEqual(['no_rows']);
    expect(
      await issues(
        csvFile([
          ['Код школы', 'Год', 'ИСБШ', 'Число обучающихся'],
          [a.code, 2026, 1, 2],
        ]),
      ),
    ).toEqual(['missing_column']);
  });

  it('gives templates that read back with every column recognised', async () => {
    for (const kindOfFile of ['indicators', 'results'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const res = await t.app.inject({ method: 'GET', url: `/api/context/${kindOfFile}/template.${format}`, headers: admin.headers });
        expect(res.statusCode).toBe(200);
        const preview = (await send(`/api/context/${kindOfFile}/preview`, res.rawPayload, format === 'csv' ? CSV : XLSX)).json();
        // The template's rows are the demo's schools, which this database does not have.
        expect(preview.ignoredColumns).toEqual([]);
        expect(new Set(preview.errors.map((e: { code: string }) => e.code))).toEqual(new Set(['unknown_school']));
      }
      // So do the examples of docs/examples.
      const example = (await send(`/api/context/${kindOfFile}/preview`, readFileSync(`docs/examples/context-${kindOfFile}.csv`))).json();
      expect(example.ignoredColumns).toEqual([]);
      expect(new Set(example.errors.map((e: { code: string }) => e.code))).toEqual(new Set(['unknown_school']));
    }
  });
});
