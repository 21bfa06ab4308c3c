import { logIn } from '../e2e/session.js';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { launchBrowser } from '../e2e/browser.js';
import { startServer, type E2eServer } from '../e2e/server.js';
import { newMunicipality, newRegion } from '../helpers/fixtures.js';
import { csvFile, RU_HEADERS, xlsxFile } from '../fixtures/roster/files.js';

const SCREENSHOTS = 'test-results';
const ADMIN = { email: 'roster-admin@test.local', password: 'correct horse battery' };
const REGION = 'Тверская область';

const good = [
  RU_HEADERS,
  [REGION, 'Бежецкий муниципальный округ', 'TV-001', 'МБОУ «Бежецкая СОШ № 1»', 1, 27, 260, 225],
  [REGION, 'Кашинский городской округ', 'TV-007', 'МБОУ «Кашинская гимназия»', 1, 38, 512, 470],
];
const bad = [
  RU_HEADERS,
  good[1],
  ['Тверская обл.', 'Кашинский городской округ', 'TV-007', 'МБОУ «Кашинская гимназия»', 1, 38, 512, 470],
  [REGION, 'Кашинский городской округ', 'TV-001', 'МКОУ «Славковская ООШ»', 2, 9, 'сорок', 37],
];

// The page runs on PGlite only: the API tests cover both databases.
describe('roster page in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer('pglite'), launchBrowser()]);
    const db = server.database.db;
    const region = await newRegion(db, REGION);
    const municipality = await newMunicipality(db, region.id, 'Бежецкий муниципальный округ');
    await db
      .insertInto('schools')
      .values({
        municipality_id: municipality.id,
        code: 'TV-001',
        name: 'МБОУ «Бежецкая СОШ № 1»',
        expected_principal: 1,
        expected_teacher: 20,
        expected_student: 200,
        expected_parent: 180,
      })
      .execute();
    await createAccount(db, { ...ADMIN, role: 'admin', name: 'Администратор' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openRoster(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', baseURL: server.url });
    const page = await context.newPage();
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/roster');
    await page.getByRole('heading', { name: 'Регионы' }).waitFor();
    return page;
  }
  const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  it('shows each error of a file in Russian with its line and column, and keeps «Применить» disabled', async () => {
    const page = await openRoster(1366);
    await page.locator('#roster-file').setInputFiles({ name: 'школы.csv', mimeType: 'text/csv', buffer: csvFile(bad, { encoding: 'win1251' }) });
    await page.getByText('4 ошибки в файле').waitFor();
    const rows = async () => (await page.locator('table.issues tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    await expect
      .poll(rows)
      .toEqual([
        '3 Регион Региона «Тверская обл.» нет в системе. Проверьте написание или добавьте регион в разделе «Регионы».',
        '4 Директор «2» — для директора укажите 1 (или 0, если должность вакантна).',
        '4 Обучающиеся 5–11 классов «сорок» — не число.',
        '4 Код школы Код «TV-001» уже есть в строке 2. У каждой школы свой код.',
      ]);
    await expect.poll(() => page.getByRole('button', { name: 'Применить' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/roster-page-errors.png`, fullPage: true });
    await page.context().close();
  });

  it('previews an XLSX, applies it, and the region list counts the new schools', async () => {
    const page = await openRoster(1366);
    await page.locator('#roster-file').setInputFiles({ name: 'школы.xlsx', mimeType: '', buffer: await xlsxFile(good) });
    await page.getByText('Ошибок нет').waitFor();
    await expect.poll(() => page.locator('table.sample .badge').allInnerTexts()).toEqual(['Изменится', 'Новая']);
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.getByText('Список применён: новых школ — 1, обновлено — 1, без изменений — 0, новых муниципалитетов — 1.').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Тверская область/ }).innerText()).toMatch(/2\s+2$/);
    const school = await server.database.db.selectFrom('schools').select(['expected_teacher']).where('code', '=', 'TV-001').executeTakeFirstOrThrow();
    expect(school.expected_teacher).toBe(27);
    await page.context().close();
  });

  it('warns in Russian of a school whose code lost its leading zeros, and applies only once confirmed', async () => {
    const db = server.database.db;
    const municipality = await db.selectFrom('municipalities').select('id').where('name', '=', 'Бежецкий муниципальный округ').executeTakeFirstOrThrow();
    await db
      .insertInto('schools')
      .values({
        municipality_id: municipality.id,
        code: '0042',
        name: 'МБОУ «Бежецкая СОШ № 42»',
        expected_principal: 1,
        expected_teacher: 20,
        expected_student: 200,
        expected_parent: 180,
      })
      .execute();
    const page = await openRoster(1366);
    const file = await xlsxFile([RU_HEADERS, [REGION, 'Бежецкий муниципальный округ', 42, 'МБОУ «Бежецкая СОШ № 42»', 1, 20, 200, 180]]);
    await page.locator('#roster-file').setInputFiles({ name: 'школы.xlsx', mimeType: '', buffer: file });
    await page.getByText('2 предупреждения').waitFor();
    const warnings = (await page.getByTestId('roster-warnings').locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(warnings[0]).toMatch(/^2 Код «42» отличается от кода «0042» .* только нулями в начале/);
    expect(warnings[1]).toMatch(/^2 В этом муниципалитете уже есть школа МБОУ «Бежецкая СОШ № 42» с кодом «0042»/);
    const apply = page.getByRole('button', { name: 'Применить' });
    expect(await apply.isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/roster-page-warnings.png`, fullPage: true });
    await page.getByLabel(/Я проверил\(а\)/).check();
    await apply.click();
    await page.getByText(/Список применён: новых школ — 1/).waitFor();
    expect(await db.selectFrom('schools').select('code').where('code', 'in', ['42', '0042']).execute()).toHaveLength(2);
    await page.context().close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await openRoster(390);
    await page.locator('#roster-file').setInputFiles({ name: 'школы.csv', mimeType: 'text/csv', buffer: csvFile(bad) });
    await page.getByText(/ошибк/).first().waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/roster-page-phone.png`, fullPage: true });
    await page.context().close();
  });
});
