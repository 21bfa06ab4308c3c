import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS, TEMPLATE_HEADERS, type RosterColumn } from '../../server/admin/roster/columns.js';
import type { ParsedRoster } from '../../server/admin/roster/parse.js';
import { checkRoster, type ExistingRoster } from '../../server/admin/roster/validate.js';

const existing: ExistingRoster = {
  regions: [
    { id: 1, name: 'Тверская область' },
    { id: 2, name: 'Псковская область' },
  ],
  municipalities: [
    { id: 10, region_id: 1, name: 'Берёзовский район' },
    { id: 20, region_id: 2, name: 'Город Псков' },
  ],
  schools: [
    {
      id: 100,
      code: 'TV-1',
      name: 'Школа 1',
      municipality_id: 10,
      region_id: 1,
      expected_principal: 1,
      expected_teacher: 10,
      expected_student: 100,
      expected_parent: 90,
    },
    {
      id: 200,
      code: 'PS-1',
      name: 'Псковская школа',
      municipality_id: 20,
      region_id: 2,
      expected_principal: 1,
      expected_teacher: 5,
      expected_student: 50,
      expected_parent: 40,
    },
  ],
  neighbours: [
    { code: 'TV-1', name: 'Школа 1', municipality_id: 10, region_id: 1 },
    { code: '0012', name: 'МБОУ СОШ № 12', municipality_id: 10, region_id: 1 },
    { code: 'PS-1', name: 'Псковская школа', municipality_id: 20, region_id: 2 },
  ],
};

const good: Record<RosterColumn, string> = {
  region: 'Тверская область',
  municipality: 'Берёзовский район',
  code: 'TV-1',
  name: 'Школа 1',
  principal: '1',
  teachers: '10',
  students: '100',
  parents: '90',
};

function roster(...rows: Array<Partial<Record<RosterColumn, string>>>): ParsedRoster {
  return {
    format: 'csv',
    rows: rows.map((cells, i) => ({ line: i + 2, cells: { ...good, ...cells } })),
    issues: [],
    headers: { ...TEMPLATE_HEADERS },
    ignoredColumns: [],
  };
}

describe(checkRoster.name, () => {
  it('finds an unchanged school by its code, whatever the case, spaces and ё of its region and municipality', () => {
    const sut = checkRoster(roster({ region: ' тверская  Область ', municipality: 'БЕРЕЗОВСКИЙ район' }), existing);
    expect(sut.issues).toEqual([]);
    expect(sut.summary).toEqual({ regions: 1, municipalitiesNew: 0, schoolsNew: 0, schoolsUpdated: 0, schoolsUnchanged: 1 });
    expect(sut.sample[0]).toMatchObject({ status: 'unchanged', changes: [] });
  });

  it('plans an update with every changed field, and a new municipality once for all its schools', () => {
    const sut = checkRoster(
      roster(
        { name: 'МБОУ «Школа № 1»', municipality: 'Новый район', teachers: '12' },
        { code: 'TV-2', municipality: 'Новый район', name: 'Школа 2' },
        { code: 'TV-3', municipality: 'новый  район', name: 'Школа 3' },
      ),
      existing,
    );
    expect(sut.issues).toEqual([]);
    expect(sut.summary).toEqual({ regions: 1, municipalitiesNew: 1, schoolsNew: 2, schoolsUpdated: 1, schoolsUnchanged: 0 });
    expect(sut.plan.municipalities).toEqual([{ key: expect.any(String), region_id: 1, name: 'Новый район' }]);
    const [update] = sut.plan.updates;
    expect(update).toMatchObject({
      id: 100,
      municipality: { key: sut.plan.municipalities[0].key },
      values: { name: 'МБОУ «Школа № 1»', expected_teacher: 12 },
    });
    expect(update.changes).toEqual({
      name: { from: 'Школа 1', to: 'МБОУ «Школа № 1»' },
      municipality: { from: 'Берёзовский район', to: 'Новый район' },
      teachers: { from: 10, to: 12 },
    });
    expect(sut.plan.creates.map((s) => [s.values.code, s.municipality])).toEqual([
      ['TV-2', { key: sut.plan.municipalities[0].key }],
      ['TV-3', { key: sut.plan.municipalities[0].key }],
    ]);
  });

  it('reports each bad cell with its line, column and code', () => {
    const sut = checkRoster(
      roster(
        { code: 'A', name: '' },
        { code: '' },
        { code: 'B', teachers: '-1' },
        { code: 'C', students: 'много' },
        { code: 'D', principal: '2' },
        { code: 'E', region: 'Нет такой области' },
        { code: 'A' },
        { code: 'PS-1' },
        { code: 'F', municipality: '', parents: '' },
      ),
      existing,
    );
    expect(sut.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [2, TEMPLATE_HEADERS.name, 'empty_name'],
      [3, TEMPLATE_HEADERS.code, 'empty_code'],
      [4, TEMPLATE_HEADERS.teachers, 'count_negative'],
      [5, TEMPLATE_HEADERS.students, 'count_not_number'],
      [6, TEMPLATE_HEADERS.principal, 'principal_not_0_1'],
      [7, TEMPLATE_HEADERS.region, 'unknown_region'],
      [8, TEMPLATE_HEADERS.code, 'duplicate_code'],
      [9, TEMPLATE_HEADERS.code, 'code_in_other_region'],
      [10, TEMPLATE_HEADERS.municipality, 'empty_municipality'],
      [10, TEMPLATE_HEADERS.parents, 'count_empty'],
    ]);
    expect(sut.issues.find((i) => i.code === 'duplicate_code')).toMatchObject({ value: 'A', firstLine: 2 });
    expect(sut.issues.find((i) => i.code === 'code_in_other_region')).toMatchObject({ value: 'PS-1', existingRegion: 'Псковская область' });
    expect(sut.issues.every((i) => i.message.length > 0)).toBe(true);
    expect(sut.sample.map((s) => s.status)).toEqual(Array(9).fill('error'));
    expect(sut.plan).toEqual({ municipalities: [], creates: [], updates: [], unchanged: 0 });
  });

  it('names the column as the file does', () => {
    const parsed = roster({ teachers: 'x' });
    parsed.headers.teachers = 'Кол-во педагогов';
    expect(checkRoster(parsed, existing).issues[0]).toMatchObject({ column: 'Кол-во педагогов', code: 'count_not_number', value: 'x' });
  });

  it('keeps only the first rows as a sample', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ code: `N-${i}`, name: `Школа ${i}` }));
    const sut = checkRoster(roster(...rows), existing);
    expect(sut.sample).toHaveLength(20);
    expect(sut.summary.schoolsNew).toBe(30);
    expect(ROSTER_COLUMNS.every((c) => c in sut.sample[0])).toBe(true);
  });

  it('warns of a new school whose code is an existing one but for leading zeros, in the same region only', () => {
    const sut = checkRoster(
      roster({ code: '12', name: 'МБОУ СОШ № 12' }, { region: 'Псковская область', municipality: 'Город Псков', code: '012', name: 'Другая' }),
      existing,
    );
    expect(sut.issues).toEqual([]);
    expect(sut.warnings).toEqual([
      expect.objectContaining({ line: 2, code: 'code_leading_zeros', value: '12', existingCode: '0012', existingName: 'МБОУ СОШ № 12' }),
      expect.objectContaining({ line: 2, code: 'name_in_municipality', value: 'МБОУ СОШ № 12', existingCode: '0012' }),
    ]);
    expect(sut.plan.creates).toHaveLength(2);
  });

  it('warns of a new school with the name of a school of the same municipality, not of another or a new one', () => {
    const sut = checkRoster(
      roster({ code: 'TV-9', name: '  школа 1 ' }, { code: 'TV-10', municipality: 'Новый район', name: 'Школа 1' }, { code: 'TV-11', name: 'Школа 2' }),
      existing,
    );
    expect(sut.warnings).toEqual([expect.objectContaining({ line: 2, code: 'name_in_municipality', value: 'школа 1', existingCode: 'TV-1' })]);
  });

  it('has nothing to warn of for an existing school, found by its exact code', () => {
    const withIt = { ...existing, schools: [...existing.schools, { ...existing.schools[0]!, id: 300, code: '0012', name: 'МБОУ СОШ № 12' }] };
    expect(checkRoster(roster({ code: '0012', name: 'МБОУ СОШ № 12' }), withIt).warnings).toEqual([]);
    expect(checkRoster(roster({}), existing).warnings).toEqual([]);
  });
});
