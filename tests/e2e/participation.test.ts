import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { ROLES, type Role } from '../../server/shared/roles.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { addResponses, openLink, times } from '../participation/responses.js';
import { decodeQr } from './qr.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';
import { countedAnswers, honestSubmission } from '../helpers/answers.js';

const COORDINATOR = { email: 'region-e2e@test.local', password: 'correct horse battery' };
const ROLE_TITLES: Record<Role, string> = { principal: 'Директор', teacher: 'Учителя', student: 'Обучающиеся 5–11 классов', parent: 'Родители' };

/** What the page's school table shows: per school, the responses of each role and the respondents missing. */
async function tableOnPage(page: Page) {
  return page.locator('[data-testid=schools] tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.querySelector('.pt-school strong')!.textContent!,
      responses: Object.fromEntries(
        [...row.querySelectorAll('td[data-role]')].map((cell) => [
          (cell as HTMLElement).dataset.role!,
          Number(cell.querySelector('[data-testid=responses]')?.textContent?.replace(/\s/g, '') ?? 0),
        ]),
      ),
      needed: Number(row.querySelector('[data-testid=needed]')?.textContent?.replace(/\s/g, '') ?? 0),
    })),
  );
}

// The dashboard runs on PGlite only: it tests the page, and the API tests cover both databases.
describe('coordinator: live participation view in Chromium', () => {
  let session: E2eSession;
  let context: BrowserContext;
  let page: Page;
  let teacherLink: { id: number; token: string };
  let teacherToken: string;
  const names = { north: 'МБОУ «Северная СОШ»', forest: 'МБОУ «Лесная ООШ»', south: 'МКОУ «Южная СОШ»' };

  beforeAll(async () => {
    session = await openSession();
    const db = session.server.database.db;
    const region = await newRegion(db, 'Энская область');
    const north = await newMunicipality(db, region.id, 'Северный район');
    const southern = await newMunicipality(db, region.id, 'Южный район');
    const schools = {
      north: await newSchool(db, north.id, { principal: 1, teacher: 12, student: 140, parent: 120 }, names.north),
      forest: await newSchool(db, north.id, { principal: 1, teacher: 6, student: 40, parent: 35 }, names.forest),
      south: await newSchool(db, southern.id, { principal: 1, teacher: 9, student: 80, parent: 0 }, names.south),
    };
    const wave = await newWave(db, region.id, { title: 'Входное анкетирование', target: 0.9, closesInDays: 10 });
    await newWave(db, region.id, { title: 'Итоговое анкетирование', opensInDays: 30, closesInDays: 60 });
    for (const school of Object.values(schools)) for (const role of ROLES) await openLink(db, wave.id, school.id, role);
    await addResponses(db, wave.id, schools.north.id, 'principal', times(1));
    await addResponses(db, wave.id, schools.north.id, 'teacher', times(7));
    await addResponses(db, wave.id, schools.north.id, 'student', times(122));
    // Two answers the server marked as filled in too fast: held back until the coordinator decides.
    await addResponses(db, wave.id, schools.north.id, 'student', [20, 35], { marks: ['too_fast'], counted: false });
    await addResponses(db, wave.id, schools.north.id, 'parent', times(70));
    await addResponses(db, wave.id, schools.forest.id, 'teacher', times(7));
    await addResponses(db, wave.id, schools.forest.id, 'student', times(38));
    await addResponses(db, wave.id, schools.forest.id, 'parent', times(34));
    await addResponses(db, wave.id, schools.south.id, 'principal', times(1));
    await addResponses(db, wave.id, schools.south.id, 'teacher', times(9));
    await addResponses(db, wave.id, schools.south.id, 'student', times(75));
    teacherLink = await openLink(db, wave.id, schools.north.id, 'teacher');
    teacherToken = teacherLink.token;
    await createAccount(db, { ...COORDINATOR, role: 'region', regionId: region.id, name: 'Координатор области' });

    context = await session.desktop(1366);
    page = await context.newPage();
  });
  afterAll(() => session?.close());

  it('logs in and shows the headline, the lagging schools first and the flags', async () => {
    await logIn(page, COORDINATOR.email, COORDINATOR.password);
    await page.waitForURL('**/coordinator');
    await page.getByTestId('headline').waitFor();
    await expect.poll(() => page.getByTestId('live').textContent()).toContain('Обновляется автоматически');

    const headline = () => page.getByTestId('headline').innerText();
    await expect.poll(headline).toMatch(/Школ достигли цели\s+33\s?%/);
    await expect.poll(headline).toContain('1 из 3');
    await expect.poll(async () => (await tableOnPage(page)).map((row) => row.name)).toEqual([names.north, names.forest, names.south]);
    await expect
      .poll(async () => (await tableOnPage(page))[0])
      .toEqual({ name: names.north, responses: { principal: 1, teacher: 7, student: 122, parent: 70 }, needed: 4 + 4 + 38 });
    const north = page.locator('[data-testid=schools] tbody tr').first();
    await expect.poll(() => north.locator('.pt-flags').innerText()).toContain('2 отмеченных ответа ждут решения');
    await expect.poll(() => page.locator('[data-testid=schools] tbody tr').nth(1).locator('.pt-flags').innerText()).toContain('Нет директора');
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${SCREENSHOTS}/participation-desktop.png`, fullPage: true });
    // At 1366 px the whole table fits: the reminder button of the last column is not cut off by its box.
    const wrap = await page.locator('.pt-schools .pt-table-wrap').boundingBox();
    const remind = await north.getByRole('button', { name: 'Напоминание' }).boundingBox();
    expect(remind!.x + remind!.width).toBeLessThanOrEqual(wrap!.x + wrap!.width);
    expect(await page.locator('.pt-schools .pt-table-wrap').evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
  });

  it('shows answers sent through a school link without a reload', async () => {
    await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${session.server.url}/api/links/${teacherToken}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await honestSubmission(session.server.database.db, teacherLink, countedAnswers('teacher'))),
      });
      expect(res.status).toBe(201);
    }
    await expect.poll(async () => (await tableOnPage(page))[0].responses.teacher, { timeout: 10_000 }).toBe(10);
    await expect.poll(async () => (await tableOnPage(page))[0].needed).toBe(1 + 4 + 38);
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
  });

  it('downloads a CSV whose numbers match the page', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^participation-wave-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows: string[][] = parse(readFileSync((await download.path())!), { bom: true, delimiter: ';', relax_column_count: true });
    expect(rows[1]).toEqual(['Волна', 'Входное анкетирование']);
    expect(rows[2]).toEqual(['Цель охвата', '90%']);
    const header = rows[6];
    const file = rows.slice(7).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
    const onPage = await tableOnPage(page);
    expect(file.map((row) => row['Школа'])).toEqual(onPage.map((row) => row.name));
    file.forEach((row, i) => {
      for (const role of ROLES) expect(Number(row[`${ROLE_TITLES[role]}: ответили`]), `${row['Школа']} ${role}`).toBe(onPage[i].responses[role] ?? 0);
      expect(Number(row['Не хватает участников'])).toBe(onPage[i].needed);
    });
  });

  it('gives the ready reminder of a lagging school with its links and QR codes', async () => {
    await page.locator('[data-testid=schools] tbody tr').first().getByRole('button', { name: 'Напоминание' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').waitFor();
    const text = await dialog.locator('textarea').inputValue();
    expect(text).toContain(names.north);
    expect(text).toContain('учителя — 1');
    expect(text).toContain(`/s/${teacherToken}`);
    expect(text).not.toMatch(/^Директор:/m);
    const qr = await decodeQr(page, '.pt-qr img[alt="QR-код: Учителя"]');
    expect(qr).toMatch(new RegExp(`/s/${teacherToken}$`));
    await page.screenshot({ path: `${SCREENSHOTS}/participation-reminder.png` });
    // Beside the SVG, a PNG for messengers: the browser saves it as an image of the same link.
    const [png] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: 'Скачать QR-код PNG: Учителя' }).click()]);
    expect(png.suggestedFilename()).toMatch(/^qr-.+-teacher\.png$/);
    const image = PNG.sync.read(readFileSync((await png.path())!));
    expect(jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)?.data).toMatch(new RegExp(`/s/${teacherToken}$`));
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('fits a 360 px phone with every flag shown and with the reminder open', async () => {
    const phone = await session.phone(360);
    await phone.addCookies(await context.cookies());
    const small = await phone.newPage();
    await small.goto('/coordinator');
    await small.locator('[data-testid=schools] tbody tr').first().waitFor();
    await expect.poll(() => small.locator('.pt-flag-summary li').count()).toBe(3);
    await small.screenshot({ path: `${SCREENSHOTS}/participation-phone-flags.png`, fullPage: true });
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await small.locator('[data-testid=schools] tbody tr').first().getByRole('button', { name: 'Напоминание' }).click();
    await small.getByRole('dialog').locator('textarea').waitFor();
    await small.screenshot({ path: `${SCREENSHOTS}/participation-phone-reminder.png` });
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();
  });

  it('shows a school’s marked answers by reason and counts them once the coordinator accepts them', async () => {
    const north = page.locator('[data-testid=schools] tbody tr').first();
    await north.getByRole('button', { name: /ждут решения/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading', { level: 2 }).innerText()).toBe(`Отмеченные ответы: ${names.north}`);
    const students = dialog.locator('[data-role=student]');
    const row = students.locator('tr[data-mark=too_fast]');
    await expect.poll(() => row.innerText()).toContain('Заполнено быстрее, чем можно прочитать вопросы');
    await expect.poll(() => row.locator('td.num').allTextContents()).toEqual(['0', '2', '0']);
    await page.screenshot({ path: `${SCREENSHOTS}/participation-marks.png` });
    await students.getByRole('button', { name: 'Засчитать отмеченные' }).click();
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe('Готово: изменено ответов — 2.');
    await expect.poll(() => row.locator('td.num').allTextContents()).toEqual(['2', '0', '0']);
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await expect.poll(async () => (await tableOnPage(page))[0].responses.student).toBe(124);
    await expect.poll(() => north.locator('.pt-flags').innerText()).not.toContain('ждут решения');
    const audit = await session.server.database.db.selectFrom('audit_log').select('details').where('action', '=', 'marks.decision').execute();
    expect(audit.map((a) => a.details)).toEqual([expect.objectContaining({ role: 'student', decision: 'accept', answers: 2, changed: 2 })]);
  });

  it('answers a wave that has not opened with zeros and what it will need', async () => {
    await page.getByRole('combobox', { name: 'Волна' }).selectOption({ label: 'Итоговое анкетирование' });
    await expect.poll(() => page.getByTestId('headline').innerText()).toMatch(/Ответили\s+0\s/);
    await expect.poll(() => page.locator('.pt-status').innerText()).toContain('Откроется через 30 дней');
    expect(page.url()).toMatch(/\?wave=\d+$/);
    await page.screenshot({ path: `${SCREENSHOTS}/participation-planned.png` });
    await page.goBack();
    await expect.poll(() => page.getByTestId('headline').innerText()).toMatch(/Ответили\s+369\s/);
  });

  it('filters, sorts and fits a phone screen', async () => {
    await page.getByLabel('Поиск по названию или коду').fill('Южная');
    await expect.poll(async () => (await tableOnPage(page)).map((row) => row.name)).toEqual([names.south]);
    await page.getByLabel('Поиск по названию или коду').fill('');
    await page.getByLabel('Только не достигшие цели').check();
    await expect.poll(async () => (await tableOnPage(page)).map((row) => row.name)).toEqual([names.north, names.forest]);
    await page.getByLabel('Только не достигшие цели').uncheck();
    await page.getByLabel('Муниципалитет', { exact: true }).selectOption({ label: 'Южный район' });
    await expect.poll(async () => (await tableOnPage(page)).map((row) => row.name)).toEqual([names.south]);
    // The cards follow the filters: Южный район's one school is at the target; its export holds only that school.
    await expect.poll(() => page.getByTestId('headline').innerText()).toContain('1 из 1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV', exact: true }).click()]);
    const rows: string[][] = parse(readFileSync((await download.path())!), { bom: true, delimiter: ';', relax_column_count: true });
    expect(rows).toContainEqual(['Отбор', 'Южный район']);
    expect(rows.filter((row) => row.includes(names.south) || row.includes(names.north) || row.includes(names.forest)).length).toBe(1);

    const phone = await session.phone(360);
    await phone.addCookies(await context.cookies());
    const small = await phone.newPage();
    await small.goto('/coordinator');
    await small.getByTestId('headline').waitFor();
    await small.locator('[data-testid=schools] tbody tr').first().waitFor();
    await small.screenshot({ path: `${SCREENSHOTS}/participation-phone.png`, fullPage: true });
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();
  });
});
