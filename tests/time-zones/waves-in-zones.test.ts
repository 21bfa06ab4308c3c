import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../server/surveys/questionnaires.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { dayOf, nextDay } from '../../server/shared/rules/zoned-days.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { ensureModel, newMunicipality, newSchool } from '../helpers/fixtures.js';

// The server's own zone must not matter: it runs far from every region below.
process.env.TZ = 'America/Los_Angeles';

const questionnaires = await loadQuestionnaires();
const DAY = 24 * 3600 * 1000;
const dayIn = (zone: string, days: number) => dayOf(new Date(Date.now() + days * DAY), zone);

/** Every question answered with its first real choice (or its lowest number): an answer that counts. */
function fullAnswers(questionnaire: Questionnaire): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questionnaire.questions.values()) {
    if (q.type === 'number') answers[q.name] = q.min;
    else {
      const value = [...q.values].find((v) => v !== 'dont_know');
      answers[q.name] = q.type === 'multi' ? [value] : value;
    }
  }
  return answers;
}

describe.each(TEST_DATABASES)('regions in their own time zones on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let modelId: string;
  const regions: Record<string, { id: number; schoolId: number }> = {};

  beforeAll(async () => {
    t = await openTestApp(kind);
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    modelId = await ensureModel(t.database.db);
    for (const [name, timeZone] of [
      ['Приморский край', 'Asia/Vladivostok'],
      ['Томская область', 'Asia/Tomsk'],
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name, timeZone } });
      expect(res.statusCode, res.body).toBe(201);
      const { id } = res.json();
      const school = await newSchool(t.database.db, (await newMunicipality(t.database.db, id)).id, { parent: 10 });
      regions[timeZone] = { id, schoolId: school.id };
    }
  });
  afterAll(() => t?.close());

  const createWave = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/admin/waves', headers: admin.headers, payload });
  const byDays = (zone: string, firstDay: string, lastDay: string) => ({
    regionId: regions[zone]!.id,
    title: `Волна ${randomUUID()}`,
    modelId,
    firstDay,
    lastDay,
  });

  it('gives a region a zone when it is created (Moscow unless said), lists it, refuses a zone that does not exist', async () => {
    const moscow = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name: 'Ивановская область' } });
    expect(moscow.json()).toMatchObject({ name: 'Ивановская область', timeZone: 'Europe/Moscow' });
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/regions', headers: admin.headers })).json().regions;
    expect(list.find((r: { name: string }) => r.name === 'Приморский край')).toMatchObject({ timeZone: 'Asia/Vladivostok' });
    for (const timeZone of ['Asia/Nowhere', 'MSK', '+10:00']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name: `Регион ${timeZone}`, timeZone } });
      expect(res.statusCode, timeZone).toBe(400);
    }
  });

  it('an administrator changes a region’s zone, audited; the waves keep their instants', async () => {
    const region = (
      await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name: 'Регион для смены пояса' } })
    ).json();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/regions/${region.id}`,
      headers: admin.headers,
      payload: { timeZone: 'Asia/Yekaterinburg' },
    });
    expect(res.json()).toEqual({ id: region.id, name: 'Регион для смены пояса', timeZone: 'Asia/Yekaterinburg' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'region.update')
      .where('entity_id', '=', String(region.id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ timeZone: { before: 'Europe/Moscow', after: 'Asia/Yekaterinburg' } });
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/regions/${region.id}`,
      headers: admin.headers,
      payload: { timeZone: 'Mars/Olympus' },
    });
    expect(wrong.json()).toMatchObject({ statusCode: 400, code: 'time_zone_unknown' });
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/admin/regions/999999', headers: admin.headers, payload: { timeZone: 'Europe/Moscow' } })).statusCode,
    ).toBe(404);
  });

  it.each([
    // A wave of 1–20 April: 00:00 of the 1st to 24:00 of the 20th in the region, as UTC instants worked out by hand.
    ['Asia/Vladivostok', '2027-03-31T14:00:00.000Z', '2027-04-20T14:00:00.000Z'],
    ['Asia/Tomsk', '2027-03-31T17:00:00.000Z', '2027-04-20T17:00:00.000Z'],
  ])('%s: a wave of 1–20 April opens and closes at midnight there', async (zone, opensAt, closesAt) => {
    const res = await createWave(byDays(zone, '2027-04-01', '2027-04-20'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ opensAt, closesAt, timeZone: zone, firstDay: '2027-04-01', lastDay: '2027-04-20', status: 'planned' });
    const stored = await t.database.db.selectFrom('waves').select(['opens_at', 'closes_at']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect([stored.opens_at.toISOString(), stored.closes_at.toISOString()]).toEqual([opensAt, closesAt]);

    // One day moved: the other keeps its instant.
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/admin/waves/${res.json().id}`, headers: admin.headers, payload: { lastDay: '2027-04-25' } });
    expect(moved.json()).toMatchObject({ opensAt, closesAt: new Date(new Date(closesAt).getTime() + 5 * DAY).toISOString(), lastDay: '2027-04-25' });
  });

  it('refuses days that do not exist, days mixed with instants, and a wave with no days', async () => {
    const zone = 'Asia/Tomsk';
    expect((await createWave(byDays(zone, '2027-02-29', '2027-03-10'))).json()).toMatchObject({ statusCode: 400, code: 'wave_day_invalid' });
    expect((await createWave({ ...byDays(zone, '2027-03-01', '2027-03-10'), closesAt: '2027-03-11T00:00:00Z' })).json()).toMatchObject({
      statusCode: 400,
      code: 'wave_dates_mixed',
    });
    expect((await createWave({ regionId: regions[zone]!.id, title: 'Без дат', modelId })).json()).toMatchObject({
      statusCode: 400,
      code: 'wave_dates_required',
    });
    expect((await createWave(byDays(zone, '2027-03-10', '2027-03-01'))).json()).toMatchObject({ statusCode: 400, code: 'wave_dates_order' });
    // Scripts still give instants.
    const scripted = await createWave({
      regionId: regions[zone]!.id,
      title: 'По моментам',
      modelId,
      opensAt: '2027-05-01T01:00:00Z',
      closesAt: '2027-05-02T01:00:00Z',
    });
    expect(scripted.json()).toMatchObject({ opensAt: '2027-05-01T01:00:00.000Z', firstDay: '2027-05-01', lastDay: '2027-05-02' });
  });

  it('takes answers through the last day of the region and refuses them after it', async () => {
    const zone = 'Asia/Tomsk';
    const today = dayIn(zone, 0);
    const running = (await createWave(byDays(zone, dayIn(zone, -3), today))).json();
    const over = (await createWave(byDays(zone, dayIn(zone, -3), dayIn(zone, -1)))).json();
    expect(running.closesAt).toBe(new Date(Date.parse(`${nextDay(today)}T00:00:00+07:00`)).toISOString());
    const answer = async (waveId: number) => {
      const link = await t.database.db
        .selectFrom('links')
        .select('token')
        .where('wave_id', '=', waveId)
        .where('school_id', '=', regions[zone]!.schoolId)
        .where('role', '=', 'parent')
        .executeTakeFirstOrThrow();
      const page = (await t.app.inject({ method: 'GET', url: `/api/links/${link.token}` })).json();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/links/${link.token}/responses`,
        payload: { answers: fullAnswers(questionnaires.parent), clientKey: randomUUID() },
      });
      return { page, res };
    };
    const taken = await answer(running.id);
    expect(taken.res.statusCode, taken.res.body).toBe(201);
    expect(taken.page.wave).toMatchObject({ open: true, timeZone: zone });
    const refused = await answer(over.id);
    expect(refused.res.json()).toMatchObject({ statusCode: 409, code: 'wave_closed' });
    expect(refused.page.wave).toMatchObject({ open: false, timeZone: zone });
  });

  it('takes an answer a minute before the close and refuses one a minute after it', async () => {
    // The close is the instant the days above were turned into; acceptance compares it with the database clock.
    const zone = 'Asia/Vladivostok';
    const wave = (await createWave(byDays(zone, dayIn(zone, -3), dayIn(zone, 3)))).json();
    const link = await t.database.db
      .selectFrom('links')
      .select('token')
      .where('wave_id', '=', wave.id)
      .where('school_id', '=', regions[zone]!.schoolId)
      .where('role', '=', 'parent')
      .executeTakeFirstOrThrow();
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/links/${link.token}/responses`,
        payload: { answers: fullAnswers(questionnaires.parent), clientKey: randomUUID() },
      });
    const closeAt = (at: Date) =>
      t.app.inject({ method: 'PATCH', url: `/api/admin/waves/${wave.id}`, headers: admin.headers, payload: { closesAt: at.toISOString() } });

    expect((await closeAt(new Date(Date.now() + 60_000))).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(201);
    expect((await closeAt(new Date(Date.now() - 60_000))).statusCode).toBe(200);
    expect((await post()).json()).toMatchObject({ statusCode: 409, code: 'wave_closed' });
  });

  it('counts the days left and stamps exports in the region’s time', async () => {
    const zone = 'Asia/Vladivostok';
    const wave = (await createWave(byDays(zone, dayIn(zone, -1), dayIn(zone, 2)))).json();
    const coordinator = await newLoggedInAccount(t.app, t.database.db, { role: 'region', regionId: regions[zone]!.id });
    const report = (await t.app.inject({ method: 'GET', url: `/api/waves/${wave.id}/participation`, headers: coordinator.headers })).json();
    // Today, tomorrow and the day after: three days of Vladivostok's calendar, whatever the hour.
    expect(report.wave).toMatchObject({ timeZone: zone, daysLeft: 3, status: 'open' });

    const csv = await t.app.inject({ method: 'GET', url: `/api/waves/${wave.id}/participation.csv`, headers: coordinator.headers });
    const rows: string[][] = parse(csv.rawPayload, { bom: true, delimiter: ';', relax_column_count: true });
    expect(rows[3]![0]).toBe('Дата выгрузки');
    const stamp = rows[3]![1]!;
    expect(stamp).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(Владивосток, GMT\+10\)$/);
    // The stamp's hour is Vladivostok's, ten hours ahead of UTC.
    const [, hh] = /, (\d{2}):/.exec(stamp)!;
    const utcHour = new Date(report.generatedAt).getUTCHours();
    expect([(utcHour + 10) % 24, (utcHour + 11) % 24]).toContain(Number(hh));
  });
});
