import { describe, expect, it } from 'vitest';
import { matchHeader } from '../../server/admin/roster/columns.js';
import { readCount, readPrincipal } from '../../server/admin/roster/cell-values.js';
import { decodeCsv } from '../../server/admin/roster/parse-csv.js';
import { parseRosterFile } from '../../server/admin/roster/parse.js';
import { templateCsv, templateXlsx } from '../../server/admin/roster/template.js';
import { csvFile, RU_HEADERS, xlsxFile, type Cell } from '../fixtures/roster/files.js';

const school: Cell[] = ['Тверская область', 'Берёзовский район', 'TV-001', 'МБОУ «Сосновская СОШ»', 1, 24, 310, 280];

describe(matchHeader.name, () => {
  it.each([
    ['Регион', 'region'],
    ['  РЕГИОН ', 'region'],
    ['Субъект РФ', 'region'],
    ['Наименование муниципального образования', 'municipality'],
    ['Муниципальный район / городской округ', 'municipality'],
    ['Код ОО', 'code'],
    ['School code', 'code'],
    ['Наименование ОО', 'name'],
    ['Полное наименование школы', 'name'],
    ['Директор (0/1)', 'principal'],
    ['Количество учителей', 'teachers'],
    ['Кол-во педагогов', 'teachers'],
    ['Обучающиеся 5–11 классов', 'students'],
    ['обучающиеся 5-11 кл.', 'students'],
    ['Число учащихся', 'students'],
    ['Родители (законные представители) обучающихся', 'parents'],
    ['Students (grades 5-11)', 'students'],
    ['Parents', 'parents'],
    ['Код региона', null],
    ['№ п/п', null],
    ['', null],
  ])('reads %j as %s', (header, column) => {
    expect(matchHeader(header)).toBe(column);
  });
});

describe(readCount.name, () => {
  it.each([
    ['12', { ok: true, value: 12 }],
    [' 1 234 ', { ok: true, value: 1234 }],
    ['1\u00a0234', { ok: true, value: 1234 }],
    ['12,0', { ok: true, value: 12 }],
    ['0', { ok: true, value: 0 }],
    ['', { ok: false, code: 'count_empty' }],
    ['двенадцать', { ok: false, code: 'count_not_number' }],
    ['12,5', { ok: false, code: 'count_not_integer' }],
    ['-3', { ok: false, code: 'count_negative' }],
    ['1000000', { ok: false, code: 'count_too_large' }],
  ])('reads %j', (text, reading) => {
    expect(readCount(text)).toEqual(reading);
  });

  it('reads the principal as 0 or 1, or да/нет', () => {
    expect(readPrincipal('1')).toEqual({ ok: true, value: 1 });
    expect(readPrincipal('Нет')).toEqual({ ok: true, value: 0 });
    expect(readPrincipal('2')).toEqual({ ok: false, code: 'principal_not_0_1' });
    expect(readPrincipal('-1')).toEqual({ ok: false, code: 'principal_not_0_1' });
    expect(readPrincipal('')).toEqual({ ok: false, code: 'count_empty' });
  });
});

describe(decodeCsv.name, () => {
  const text = 'Регион;Школа «Ёлочка»\r\n';
  it.each(['utf8', 'utf8-bom', 'win1251', 'utf16le-bom'] as const)('decodes %s', (encoding) => {
    const bytes = csvFile([['Регион', 'Школа «Ёлочка»']], { encoding });
    expect(decodeCsv(bytes)).toBe(text);
  });
});

describe(parseRosterFile.name, () => {
  it('reads a Windows-1251 semicolon CSV with quoted fields, a title line and CRLF, with the lines people see', async () => {
    const bytes = csvFile(
      [
        ['Список школ на 1 сентября'],
        [],
        RU_HEADERS,
        school,
        [null, null, null, null, null, null, null, null],
        ['Тверская область', 'Район', 'TV-002', 'Школа «Ромашка»; корпус 2\r\nул. Лесная', 0, '5', '1 200', 0],
      ],
      { encoding: 'win1251' },
    );
    const parsed = await parseRosterFile(bytes);
    expect(parsed.issues).toEqual([]);
    expect(parsed.format).toBe('csv');
    expect(parsed.rows.map((r) => r.line)).toEqual([4, 6]);
    expect(parsed.rows[0].cells).toEqual({
      region: 'Тверская область',
      municipality: 'Берёзовский район',
      code: 'TV-001',
      name: 'МБОУ «Сосновская СОШ»',
      principal: '1',
      teachers: '24',
      students: '310',
      parents: '280',
    });
    expect(parsed.rows[1].cells.name).toBe('Школа «Ромашка»; корпус 2\r\nул. Лесная');
  });

  it('detects the comma separator of a UTF-8 CSV with BOM and ignores columns it does not know', async () => {
    const parsed = await parseRosterFile(
      csvFile(
        [
          ['№', ...RU_HEADERS, 'Примечание'],
          [1, ...school, 'малокомплектная, сельская'],
        ],
        { delimiter: ',', encoding: 'utf8-bom' },
      ),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0].cells.code).toBe('TV-001');
    expect(parsed.ignoredColumns).toEqual(['№', 'Примечание']);
  });

  it('reads the columns in any order, with English headers', async () => {
    const parsed = await parseRosterFile(
      csvFile(
        [
          ['School code', 'School name', 'Region', 'Municipality', 'Parents', 'Students', 'Teachers', 'Principal'],
          ['X-1', 'School 1', 'R', 'M', 9, 8, 7, 1],
        ],
        { delimiter: ',' },
      ),
    );
    expect(parsed.rows[0].cells).toMatchObject({ code: 'X-1', region: 'R', parents: '9', students: '8', teachers: '7', principal: '1' });
  });

  it('reads the first worksheet of an XLSX, numeric and text cells, formulas by their result', async () => {
    const bytes = await xlsxFile([RU_HEADERS, school, ['Тверская область', 'Район', 12345, 'Школа', '1', '10', '100', null]], (sheet) => {
      sheet.getCell('H3').value = { formula: 'G3-95', result: 5 };
      sheet.getCell('D2').value = { richText: [{ text: 'МБОУ ' }, { font: { bold: true }, text: '«Сосновская СОШ»' }] };
    });
    const parsed = await parseRosterFile(bytes);
    expect(parsed.format).toBe('xlsx');
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(parsed.rows[0].cells).toMatchObject({ name: 'МБОУ «Сосновская СОШ»', teachers: '24' });
    expect(parsed.rows[1].cells).toMatchObject({ code: '12345', principal: '1', parents: '5' });
  });

  it('names every missing column on the header line', async () => {
    const parsed = await parseRosterFile(
      csvFile([
        ['Регион', 'Муниципалитет', 'Код школы', 'Название школы', 'Учителя'],
        ['Р', 'М', 'К', 'Ш', 1],
      ]),
    );
    expect(parsed.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [1, 'Директор', 'missing_column'],
      [1, 'Обучающиеся 5–11 классов', 'missing_column'],
      [1, 'Родители', 'missing_column'],
    ]);
    expect(parsed.rows).toEqual([]);
  });

  it('refuses two columns that mean the same', async () => {
    const parsed = await parseRosterFile(
      csvFile([
        [...RU_HEADERS, 'Количество учителей'],
        [...school, 3],
      ]),
    );
    expect(parsed.issues).toMatchObject([{ line: 1, column: 'Количество учителей', code: 'duplicate_column' }]);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty_file'],
    ['blank lines', Buffer.from('\r\n;;\r\n  \r\n'), 'empty_file'],
    ['headers only', csvFile([RU_HEADERS]), 'no_rows'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'unsupported_format'],
    ['a broken XLSX', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'unreadable_file'],
    ['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'unreadable_file'],
    ['an unclosed quote', Buffer.from(`${RU_HEADERS.join(';')}\r\nР;М;"К;Ш;1;2;3;4\r\n`), 'unreadable_file'],
  ])('reports %s as %s', async (_what, bytes, code) => {
    const parsed = await parseRosterFile(bytes);
    expect(parsed.issues.map((i) => i.code)).toEqual([code]);
    expect(parsed.rows).toEqual([]);
  });

  it('reads its own templates back', async () => {
    for (const bytes of [templateCsv(), await templateXlsx()]) {
      const parsed = await parseRosterFile(bytes);
      expect(parsed.issues).toEqual([]);
      expect(parsed.rows).toHaveLength(2);
      expect(parsed.rows[0].cells).toMatchObject({ code: 'DEMO-001', teachers: '34' });
    }
  });
});
