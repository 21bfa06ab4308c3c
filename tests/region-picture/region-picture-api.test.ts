import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionPicture } from '../../server/region-picture/region-picture.schemas.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newRegion, newWave } from '../helpers/fixtures.js';
import { HAND_MODEL, handWorld, type HandWorld } from '../explanations/world.js';

describe.each(TEST_DATABASES)("the region's picture and the profiles export on %s", (kind) => {
  let t: TestApp;
  let w: HandWorld;
  let region: LoggedIn;
  let municipal: LoggedIn;
  let teamA: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    w = await handWorld(t.database.db);
    region = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: w.region.id });
    municipal = await newLoggedInAccount(t.app, t.database.db, { role: 'municipality', municipalityId: w.municipality.id });
    teamA = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.a.id });
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/waves/${w.later.id}/schools/${w.a.id}/priorities`,
      headers: teamA.headers,
      payload: { factorIds: ['F1', 'F3'] },
    });
    expect(put.statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  const picture = (who: LoggedIn, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/waves/${w.later.id}/region-picture${query}`, headers: { cookie: who.cookie } });

  it('gives the schools × factors levels, the schools at each level and the priorities', async () => {
    const res = await picture(region);
    expect(res.statusCode).toBe(200);
    const body = res.json() as RegionPicture;
    expect(body.schools.map((s) => s.school.name).sort()).toEqual(['Школа А', 'Школа Б', 'Школа В']);
    const row = (name: string) => body.schools.find((s) => s.school.name === name)!;
    // A: F1 0.8 high; B: F1 no weight covered (4 teachers are too few) → insufficient; C: F1 (0 + 0) / 3 = 0 → low.
    expect(row('Школа А').cells[0]).toMatchObject({ factorId: 'F1', level: 'high' });
    expect(row('Школа А').cells[0].score).toBeCloseTo(0.8, 12);
    expect(row('Школа Б').cells[0]).toEqual({ factorId: 'F1', score: null, level: 'insufficient' });
    expect(row('Школа В').cells[0]).toEqual({ factorId: 'F1', score: 0, level: 'low' });
    expect(body.factors[0]).toEqual({ id: 'F1', title: 'Оснащение', low: 1, medium: 0, high: 1, insufficient: 1, prioritised: 1 });
    expect(body.factors[2]).toMatchObject({ id: 'F3', insufficient: 3, prioritised: 1 });
    expect(row('Школа А').priorities).toEqual(['F1', 'F3']);
    expect(row('Школа А').positiveChange).toBeNull();
    expect(body.dynamics).toBeNull();
  });

  it('gives the share of schools with positive change against the 70% target', async () => {
    const body = (await picture(region, `?compareTo=${w.earlier.id}`)).json() as RegionPicture;
    // Only C fell a level (F1 high → low); A stayed high, B has no comparable factor: 1 of 3.
    expect(body.dynamics).toMatchObject({ earlier: { id: w.earlier.id }, later: { id: w.later.id }, schools: 3, positive: 1, target: 0.7 });
    expect(body.dynamics!.share).toBeCloseTo(1 / 3, 12);
    expect(body.schools.map((s) => [s.school.name, s.positiveChange]).sort()).toEqual([
      ['Школа А', false],
      ['Школа Б', false],
      ['Школа В', true],
    ]);
  });

  it("shows a municipal coordinator only the municipality's schools, and a school team nothing", async () => {
    const body = (await picture(municipal, `?compareTo=${w.earlier.id}`)).json() as RegionPicture;
    expect(body.schools.map((s) => s.school.name).sort()).toEqual(['Школа А', 'Школа Б']);
    expect(body.dynamics).toMatchObject({ schools: 2, positive: 0, share: 0 });
    expect((await picture(teamA)).statusCode).toBe(403);
  });

  it('refuses to compare with the same wave or a wave of another region', async () => {
    expect((await picture(region, `?compareTo=${w.later.id}`)).json().code).toBe('same_wave');
    const elsewhere = await newWave(t.database.db, (await newRegion(t.database.db)).id, { modelId: HAND_MODEL.id });
    const admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    expect((await picture(admin, `?compareTo=${elsewhere.id}`)).json().code).toBe('different_region');
    expect((await picture(region, `?compareTo=${elsewhere.id}`)).statusCode).toBe(403);
  });

  it('exports one row per school with the score and level of every factor to CSV', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/waves/${w.later.id}/profiles.csv`, headers: { cookie: region.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="profiles-wave-\d+-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    const header = lines.findIndex((l) => l.startsWith('Код школы;'));
    expect(lines[header].split(';')).toEqual([
      'Код школы',
      'Школа',
      'Муниципалитет',
      'F1 Оснащение: балл',
      'F1: от',
      'F1: до',
      'F1: уровень',
      'F2 Среда: балл',
      'F2: от',
      'F2: до',
      'F2: уровень',
      'F3 Родители: балл',
      'F3: от',
      'F3: до',
      'F3: уровень',
    ]);
    const rows = lines.slice(header + 1).filter(Boolean);
    expect(rows).toHaveLength(3);
    // 0.8 → 80 on the 0–100 scale people see. Its interval (docs/methodology.md §8): F1.pc, 3 of 5 teachers of 8,
    // s² = (3 − 5·0.6²)/4 = 0.3, se = √(0.3/5 · (1 − 5/8)) = 0.15; the principal's indicators have se 0; the factor's
    // se = (1/4)·0.15 = 0.0375, so 0.8 ± 1.2816·0.0375 = [0.7519, 0.8481] → 75.2 to 84.8, no threshold inside.
    expect(rows.find((r) => r.startsWith(`${w.a.code};`))).toBe(
      `${w.a.code};Школа А;${w.municipality.name};80;75,2;84,8;высокий;;;;недостаточно данных;;;;недостаточно данных`,
    );
  });

  it('exports the same rows to XLSX', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/waves/${w.later.id}/profiles.xlsx`, headers: { cookie: municipal.cookie } });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const header = values.findIndex((v) => v[0] === 'Код школы');
    const rows = values.slice(header + 1);
    expect(rows).toHaveLength(2); // the municipality's schools only
    expect(rows.find((r) => r[0] === w.c.code)).toBeUndefined();
    expect(rows.find((r) => r[0] === w.a.code)!.slice(0, 7)).toEqual([w.a.code, 'Школа А', w.municipality.name, 80, 75.2, 84.8, 'высокий']);
  });

  it('narrows the picture, its factor counts and its share of positive change to the municipality filter', async () => {
    const only = async (municipalityId: number) =>
      (await picture(region, `?compareTo=${w.earlier.id}&municipalityId=${municipalityId}`)).json() as RegionPicture;
    // A and B: F1 A high, B insufficient; A prioritised F1; neither fell a level, so 0 of 2.
    const home = await only(w.municipality.id);
    expect(home.schools.map((s) => s.school.name).sort()).toEqual(['Школа А', 'Школа Б']);
    expect(home.factors[0]).toEqual({ id: 'F1', title: 'Оснащение', low: 0, medium: 0, high: 1, insufficient: 1, prioritised: 1 });
    expect(home.dynamics).toMatchObject({ schools: 2, positive: 0, share: 0, target: 0.7 });
    // C alone: F1 low, no priority, fell from high to low: 1 of 1.
    const other = await only(w.otherMunicipality.id);
    expect(other.schools.map((s) => s.school.name)).toEqual(['Школа В']);
    expect(other.factors[0]).toMatchObject({ low: 1, high: 0, insufficient: 0, prioritised: 0 });
    expect(other.dynamics).toMatchObject({ schools: 1, positive: 1, share: 1 });
    // A municipal coordinator cannot ask for another municipality, and a filter is never silently dropped.
    const foreign = await picture(municipal, `?municipalityId=${w.otherMunicipality.id}`);
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, 'unknown_municipality']);
    expect((await picture(region, '?municipality=1')).statusCode).toBe(400);
  });

  it('exports only the schools of the filtered municipality, and names it in the heading', async () => {
    const get = (who: LoggedIn, query: string) =>
      t.app.inject({ method: 'GET', url: `/api/waves/${w.later.id}/profiles.csv${query}`, headers: { cookie: who.cookie } });
    const res = await get(region, `?municipalityId=${w.otherMunicipality.id}`);
    expect(res.statusCode).toBe(200);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toContain(`Отбор;${w.otherMunicipality.name}`);
    const header = lines.findIndex((l) => l.startsWith('Код школы;'));
    expect(
      lines
        .slice(header + 1)
        .filter(Boolean)
        .map((l) => l.split(';')[1]),
    ).toEqual(['Школа В']);
    expect((await get(region, '')).rawPayload.toString('utf8')).not.toContain('Отбор;');
    expect((await get(municipal, `?municipalityId=${w.otherMunicipality.id}`)).json().code).toBe('unknown_municipality');
  });

  it('keeps the export to coordinators', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/waves/${w.later.id}/profiles.csv`, headers: { cookie: teamA.cookie } })).statusCode).toBe(403);
  });
});
