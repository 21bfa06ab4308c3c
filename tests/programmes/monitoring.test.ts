import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfirmedChange, ProgrammesOverview } from '../../server/programme-monitoring/monitoring.schemas.js';
import type { RegionPicture } from '../../server/region-picture/region-picture.schemas.js';
import { HAND_MODEL } from '../explanations/world.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newRegion, newWave } from '../helpers/fixtures.js';
import { dayAfter, monitoringWorld, type MonitoringWorld } from './world.js';

/** The lines of a CSV export after its BOM, the header row first. */
function csvTable(payload: Buffer, firstHeader: string) {
  expect([...payload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = payload.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  return lines.slice(lines.findIndex((l) => l.startsWith(`${firstHeader};`)));
}

/*
 * The world (tests/programmes/world.ts), worked out by hand:
 * - by the survey alone, А and Б fell a level on F1 beyond the noise: 2 of 5 = 0.4 (the region picture's share);
 * - confirmed: А alone has every programme approved, every measure done and every done measure evidenced: 1 of 5 = 0.2;
 * - approved share of the earlier wave: А and В have every priority's programme approved: 2 of 5 = 0.4;
 * - the northern municipality (А, Б, В): 2 of 3 by the survey, 1 of 3 confirmed, 2 of 3 approved.
 */
describe.each(TEST_DATABASES)('programme monitoring on %s', (kind) => {
  let t: TestApp;
  let w: MonitoringWorld;
  let region: LoggedIn;
  let northern: LoggedIn;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    w = await monitoringWorld(t.database.db);
    region = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: w.region.id });
    northern = await newLoggedInAccount(t.app, t.database.db, { role: 'municipality', municipalityId: w.north.id });
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const overview = async (who: LoggedIn, waveId = w.earlier.id) => {
    const res = await get(who, `/api/waves/${waveId}/programmes/overview`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ProgrammesOverview;
  };
  const confirmed = (who: LoggedIn, waveId = w.later.id, from = w.earlier.id) => get(who, `/api/waves/${waveId}/programmes/confirmed-change?from=${from}`);
  const bySchool =
    <R>(rows: R[], id: (row: R) => number) =>
    (school: { id: number }) =>
      rows.find((r) => id(r) === school.id)!;

  describe("where the earlier wave's schools stand with their programmes", () => {
    it('gives each school its programmes per priority and its overall state, the least advanced of them', async () => {
      const body = await overview(region);
      expect(body.today).toBe(w.today);
      const row = bySchool(body.schools, (s) => s.school.id);
      expect(body.schools.map((s) => s.school.name)).toEqual(['Школа А', 'Школа Б', 'Школа В', 'Школа Г', 'Школа Д']);
      expect(row(w.a)).toMatchObject({ priorities: 2, state: 'approved' });
      expect(row(w.a).programmes.map((p) => [p.factorId, p.factorTitle, p.priority, p.state])).toEqual([
        ['F1', 'Оснащение', true, 'approved'],
        ['F3', 'Родители', true, 'approved'],
      ]);
      // Б: F1 approved, F3 without a programme: none.
      expect(row(w.b)).toMatchObject({ priorities: 2, state: 'none' });
      expect(row(w.b).programmes.map((p) => [p.factorId, p.programmeId === null, p.state])).toEqual([
        ['F1', false, 'approved'],
        ['F3', true, null],
      ]);
      // В: its one priority approved; the draft for F2, no longer a priority, is listed but does not count.
      expect(row(w.c)).toMatchObject({ priorities: 1, state: 'approved' });
      expect(row(w.c).programmes.map((p) => [p.factorId, p.priority, p.state])).toEqual([
        ['F1', true, 'approved'],
        ['F2', false, 'draft'],
      ]);
      expect(row(w.d)).toMatchObject({ priorities: 0, state: 'none', programmes: [] });
      // Д: returned < submitted, so returned.
      expect(row(w.e)).toMatchObject({ priorities: 2, state: 'returned' });
    });

    it('counts the approved share: А and В of the five schools, 2 / 5 = 0.4', async () => {
      const body = await overview(region);
      expect(body.states).toEqual({ none: 2, draft: 0, returned: 1, submitted: 0, approved: 2 });
      expect(body.approvedShare).toEqual({ approved: 2, total: 5, share: 0.4 });
    });

    it("counts overdue measures by the region's day, the deadline's own day still in time, and unanswered remarks", async () => {
      const row = bySchool((await overview(region)).schools, (s) => s.school.id);
      // Б: in progress, due yesterday → 1 (its done measure, due 40 days ago, is not overdue). В: the F2 draft's
      // measure due 3 days ago → 1: a programme off the priorities still has work. Д: F1's measure due today → 0,
      // F2's due 5 days ago → 1.
      expect([w.a, w.b, w.c, w.d, w.e].map((s) => row(s).overdueMeasures)).toEqual([0, 1, 1, 0, 1]);
      // Every remark answered but Б's F1 and Д's returned F1.
      expect([w.a, w.b, w.c, w.d, w.e].map((s) => row(s).openRemarks)).toEqual([0, 1, 0, 0, 1]);
      expect([w.a, w.b, w.c, w.d, w.e].map((s) => row(s).curators)).toEqual([
        ['Иванова Мария Петровна'],
        ['Иванова Мария Петровна'],
        [],
        ['Иванова Мария Петровна'],
        ['Петров Олег Иванович'],
      ]);
    });

    it("counts each curator's visits planned since the wave opened, made, and overdue", async () => {
      const body = await overview(region);
      expect(body.visitsSince).toBe(dayAfter(w.today, -120));
      // Иванова: А −100 (made −99), Б −10 (not made: overdue), Б today (not overdue yet), Г +10; А −200 is before
      // the wave opened. Петров: Д −5, made. Сидорова has no school and shows to the region with nothing.
      expect(body.curators.map((c) => [c.name, c.schools.map((s) => s.name), c.visitsPlanned, c.visitsMade, c.visitsOverdue])).toEqual([
        ['Иванова Мария Петровна', ['Школа А', 'Школа Б', 'Школа Г'], 4, 1, 1],
        ['Петров Олег Иванович', ['Школа Д'], 1, 1, 0],
        ['Сидорова Анна Сергеевна', [], 0, 0, 0],
      ]);
    });

    it('shows a municipal coordinator its schools, their curators and only their visits', async () => {
      const body = await overview(northern);
      expect(body.schools.map((s) => s.school.name)).toEqual(['Школа А', 'Школа Б', 'Школа В']);
      // А and В approved of three.
      expect(body.approvedShare.approved).toBe(2);
      expect(body.approvedShare.total).toBe(3);
      expect(body.approvedShare.share).toBeCloseTo(2 / 3, 12);
      // Иванова's visits to А and Б only: −100 (made), −10 (overdue), today.
      expect(body.curators.map((c) => [c.name, c.schools.map((s) => s.name), c.visitsPlanned, c.visitsMade, c.visitsOverdue])).toEqual([
        ['Иванова Мария Петровна', ['Школа А', 'Школа Б'], 3, 1, 1],
      ]);
    });

    it('does not wait for the close of a wave: programmes are not figures of its answers', async () => {
      const open = await newWave(t.database.db, w.region.id, { modelId: HAND_MODEL.id, opensInDays: -1, closesInDays: 10 });
      const body = await overview(region, open.id);
      expect(body.schools).toHaveLength(5);
      expect(body.approvedShare).toEqual({ approved: 0, total: 5, share: 0 });
    });

    it('exports one row per school to CSV', async () => {
      const res = await get(region, `/api/waves/${w.earlier.id}/programmes/overview.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="programmes-wave-\d+-\d{4}-\d{2}-\d{2}\.csv"/);
      const [header, ...rows] = csvTable(res.rawPayload, 'Муниципалитет');
      expect(header.split(';')).toEqual([
        'Муниципалитет',
        'Код школы',
        'Школа',
        'Приоритетов',
        'Состояние программ',
        'Программы по приоритетам',
        'Просрочено мероприятий',
        'Замечаний без ответа',
        'Кураторы',
      ]);
      expect(rows).toHaveLength(5);
      expect(rows[1]).toBe(
        `Северный район;${w.b.code};Школа Б;2;не по всем приоритетам есть программа;"F1 Оснащение: утверждена; F3 Родители: нет программы";1;1;Иванова Мария Петровна`,
      );
      expect(rows[2]).toContain(';"F1 Оснащение: утверждена; F2 Среда: черновик (уже не приоритет)";');
    });

    it("exports the schools and the curators' visits to XLSX, the municipality's only", async () => {
      const res = await get(northern, `/api/waves/${w.earlier.id}/programmes/overview.xlsx`);
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const rowsOf = (name: string, first: string) => {
        const values: unknown[][] = [];
        workbook.getWorksheet(name)!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
        return values.slice(values.findIndex((v) => v[0] === first) + 1);
      };
      expect(rowsOf('Школы', 'Муниципалитет').map((r) => [r[2], r[4], r[6], r[7]])).toEqual([
        ['Школа А', 'все программы утверждены', 0, 0],
        ['Школа Б', 'не по всем приоритетам есть программа', 1, 1],
        ['Школа В', 'все программы утверждены', 1, 0],
      ]);
      expect(rowsOf('Кураторы', 'Куратор')).toEqual([['Иванова Мария Петровна', 2, 'Школа А, Школа Б', 3, 1, 1]]);
    });
  });

  describe('positive change confirmed by the programmes', () => {
    it('confirms А only: 1 / 5 = 0.2 against the survey alone, А and Б: 2 / 5 = 0.4', async () => {
      const res = await confirmed(region);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as ConfirmedChange;
      expect(body).toMatchObject({ earlier: { id: w.earlier.id }, later: { id: w.later.id }, target: 0.7 });
      expect(body.surveyOnly).toEqual({ count: 2, total: 5, share: 0.4, missing: [w.c.id, w.d.id, w.e.id] });
      expect(body.confirmed).toEqual({ count: 1, total: 5, share: 0.2, missing: [w.b.id, w.c.id, w.d.id, w.e.id] });
      const row = bySchool(body.schools, (s) => s.schoolId);
      expect([w.a, w.b, w.c, w.d, w.e].map((s) => [row(s).name, row(s).surveyPositive, row(s).confirmed, row(s).reasons])).toEqual([
        // F1 high → low beyond a noise of 0 (the principal's answers have se 0); both programmes approved, done, evidenced.
        ['Школа А', true, true, []],
        // Positive, but F3 has no programme, a measure is in progress, and the done one has no file.
        ['Школа Б', true, false, ['programme_missing', 'measures_not_done', 'evidence_missing']],
        // Everything done and evidenced, but F1 stayed high: the work is not seen in the survey (the F2 draft is off the priorities).
        ['Школа В', false, false, ['no_positive_change']],
        // Nobody answered in either wave: nothing to compare; and no priorities.
        ['Школа Г', null, false, ['not_compared', 'no_priorities']],
        // No change; F1 returned and F2 submitted, neither approved, their measures planned.
        ['Школа Д', false, false, ['no_positive_change', 'programme_not_approved', 'measures_not_done']],
      ]);
    });

    it("counts survey change exactly as the region's picture does", async () => {
      const picture = (await get(region, `/api/waves/${w.later.id}/region-picture?compareTo=${w.earlier.id}`)).json() as RegionPicture;
      const body = (await confirmed(region)).json() as ConfirmedChange;
      expect(body.surveyOnly.count).toBe(picture.dynamics!.positive);
      expect(body.surveyOnly.share).toBe(picture.dynamics!.share);
      for (const school of body.schools) {
        expect(school.surveyPositive === true, school.name).toBe(picture.schools.find((s) => s.school.id === school.schoolId)!.positiveChange);
      }
    });

    it("shows a municipal coordinator its schools' shares: 2 / 3 by the survey, 1 / 3 confirmed", async () => {
      const body = (await confirmed(northern)).json() as ConfirmedChange;
      expect(body.schools.map((s) => s.name)).toEqual(['Школа А', 'Школа Б', 'Школа В']);
      expect([body.surveyOnly.count, body.surveyOnly.total, body.confirmed.count, body.confirmed.total]).toEqual([2, 3, 1, 3]);
      expect(body.confirmed.share).toBeCloseTo(1 / 3, 12);
    });

    it('refuses what the region picture refuses, and a `from` that is not the earlier wave', async () => {
      expect((await confirmed(region, w.later.id, w.later.id)).json().code).toBe('same_wave');
      expect((await confirmed(region, w.earlier.id, w.later.id)).json()).toMatchObject({ statusCode: 400, code: 'from_not_earlier' });
      const elsewhere = await newWave(t.database.db, (await newRegion(t.database.db)).id, { modelId: HAND_MODEL.id, opensInDays: -200, closesInDays: -150 });
      expect((await confirmed(admin, w.later.id, elsewhere.id)).json().code).toBe('different_region');
      expect((await confirmed(region, w.later.id, elsewhere.id)).statusCode).toBe(403);
      expect((await get(region, `/api/waves/${w.later.id}/programmes/confirmed-change`)).statusCode).toBe(400);
    });

    it('waits for the figures of a wave still open, like the region picture', async () => {
      const open = await newWave(t.database.db, w.region.id, { modelId: HAND_MODEL.id, opensInDays: -1, closesInDays: 10 });
      const res = await confirmed(region, open.id);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'figures_not_released', details: { waveId: open.id } });
      // The administrator sees figures at once; nobody answered in the open wave, so nothing is compared.
      const body = (await confirmed(admin, open.id)).json() as ConfirmedChange;
      expect(body.schools.map((s) => s.surveyPositive)).toEqual([null, null, null, null, null]);
    });

    it('keeps both reports to coordinators', async () => {
      const team = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: w.a.id });
      const curator = await newLoggedInAccount(t.app, t.database.db, { role: 'curator', regionId: w.region.id });
      for (const who of [team, curator]) {
        expect((await confirmed(who)).statusCode).toBe(403);
        expect((await get(who, `/api/waves/${w.earlier.id}/programmes/overview`)).statusCode).toBe(403);
      }
    });

    it('exports each school with why its change is not confirmed, in Russian', async () => {
      const res = await get(region, `/api/waves/${w.later.id}/programmes/confirmed-change.csv?from=${w.earlier.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/filename="confirmed-change-wave-\d+-from-\d+-\d{4}-\d{2}-\d{2}\.csv"/);
      const text = res.rawPayload.subarray(3).toString('utf8');
      expect(text).toContain('Положительная динамика по анкетам;2 из 5 (40%)\r\n');
      expect(text).toContain('Подтверждённая положительная динамика;1 из 5 (20%)\r\n');
      const [header, ...rows] = csvTable(res.rawPayload, 'Муниципалитет');
      expect(header.split(';')).toEqual(['Муниципалитет', 'Код школы', 'Школа', 'Положительная динамика по анкетам', 'Подтверждена', 'Почему не подтверждена']);
      expect(rows).toEqual([
        `Северный район;${w.a.code};Школа А;да;да;`,
        `Северный район;${w.b.code};Школа Б;да;нет;"не по всем приоритетам есть программа; не все мероприятия выполнены; не ко всем выполненным мероприятиям приложены подтверждения"`,
        `Северный район;${w.c.code};Школа В;нет;нет;нет положительной динамики по анкетам`,
        `Южный район;${w.d.code};Школа Г;нет данных;нет;"нет данных для сравнения волн; не выбраны приоритеты"`,
        `Южный район;${w.e.code};Школа Д;нет;нет;"нет положительной динамики по анкетам; не все программы утверждены; не все мероприятия выполнены"`,
      ]);
      const xlsx = await get(northern, `/api/waves/${w.later.id}/programmes/confirmed-change.xlsx?from=${w.earlier.id}`);
      expect(xlsx.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const values: unknown[][] = [];
      workbook.worksheets[0].eachRow((row) => values.push((row.values as unknown[]).slice(1)));
      expect(values.slice(values.findIndex((v) => v[0] === 'Муниципалитет') + 1).map((r) => [r[2], r[4]])).toEqual([
        ['Школа А', 'да'],
        ['Школа Б', 'нет'],
        ['Школа В', 'нет'],
      ]);
    });
  });
});
