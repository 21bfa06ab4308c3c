import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStrings } from '../../client/src/shared/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { csvFile, RU_HEADERS } from '../fixtures/roster/files.js';
import { decodeQr } from './qr.js';
import { reconcileLinks, setAccessMode } from '../../server/links/links.repository.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const ADMIN = { email: 'admin-e2e@test.local', password: 'correct horse battery' };
const REGION = 'Энская область';
const ROSTER = [
  RU_HEADERS,
  [REGION, 'Северный район', 'E2E-001', 'МБОУ «Северная СОШ»', 1, 12, 140, 120],
  [REGION, 'Северный район', 'E2E-002', 'МБОУ «Лесная ООШ»', 1, 6, 40, 35],
  [REGION, 'Южный район', 'E2E-003', 'МКОУ «Южная СОШ»', 1, 9, 80, 70],
];

// The admin screens run on PGlite only: the API tests cover both databases.
describe('administrator: roster, wave, QR sheet in Chromium', () => {
  let session: E2eSession;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    await createAccount(session.server.database.db, { ...ADMIN, role: 'admin', name: 'Администратор' });
    context = await session.desktop(1280);
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(() => session?.close());

  it('logs in, loads the roster, opens a wave and prints a sheet whose QR code opens the questionnaire', async () => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');

    await page.getByRole('link', { name: 'Список школ' }).click();
    await page.getByLabel('Название нового региона').fill(REGION);
    await page.getByRole('button', { name: 'Добавить регион' }).click();
    await page.getByText(`Регион «${REGION}» добавлен.`).waitFor();
    await page.locator('#roster-file').setInputFiles({ name: 'schools.csv', mimeType: 'text/csv', buffer: csvFile(ROSTER, { encoding: 'utf8-bom' }) });
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.locator('.notice-ok').waitFor();
    expect(await session.server.database.db.selectFrom('schools').select('code').execute()).toHaveLength(3);

    await page.getByRole('link', { name: 'Волны и ссылки' }).click();
    await page.getByRole('button', { name: 'Новая волна' }).click();
    await page.getByLabel('Регион').selectOption({ label: `${REGION} · 3 шк.` });
    await page.getByLabel('Название').fill('Входное анкетирование');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-wave-create.png`, fullPage: true });
    await page.getByRole('button', { name: 'Создать волну и ссылки' }).click();
    await page.waitForURL(/\/admin\/waves\/\d+$/);
    await page.getByText('Волна создана, ссылок: 12.').waitFor();
    await expect.poll(() => page.locator('table.links-table tbody tr').count()).toBe(3);
    // The test server has no PUBLIC_URL: the page warns that its links lead to localhost.
    await expect.poll(() => page.getByTestId('localhost-banner').textContent()).toContain('Ссылки ведут на localhost: задайте PUBLIC_URL.');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-wave-page.png`, fullPage: true });
    // The wave names its model by title; the id is for the workbench.
    expect(await page.locator('.wave-meta').textContent()).toContain('Риск-профиль школы по программе «500+», модель версии 2');
    expect(await page.locator('.wave-meta').textContent()).not.toMatch(/500plus/);
    const phone = await session.phone(360);
    await phone.addCookies(await page.context().cookies());
    const small = await phone.newPage();
    await small.goto(page.url());
    await small.getByTestId('localhost-banner').waitFor();
    await small.screenshot({ path: `${SCREENSHOTS}/admin-wave-page-phone.png`, fullPage: true });
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();

    await page.locator('tr', { hasText: 'МБОУ «Лесная ООШ»' }).getByRole('link', { name: 'Лист с QR' }).click();
    await page.waitForURL(/\/schools\/\d+\/sheet$/);
    const parentQr = '.sheet-role[data-role="parent"] img.qr';
    await page.locator(parentQr).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/admin-school-sheet.png`, fullPage: true });
    await page.getByTestId('localhost-banner').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SCREENSHOTS}/admin-school-sheet-print.png`, fullPage: true });
    expect(await page.getByTestId('localhost-banner').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    const decoded = await decodeQr(page, parentQr);
    expect(decoded).toMatch(/^http:\/\/localhost:3000\/s\/[A-Za-z0-9_-]{24}$/);
    await expect.poll(() => page.locator('.sheet-role[data-role="parent"] .sheet-url').textContent()).toBe(decoded);
    const token = new URL(decoded!).pathname.split('/').pop()!;
    const link = await session.server.database.db
      .selectFrom('links')
      .innerJoin('schools', 'schools.id', 'links.school_id')
      .select(['links.role', 'schools.code'])
      .where('links.token', '=', token)
      .executeTakeFirstOrThrow();
    expect(link).toEqual({ role: 'parent', code: 'E2E-002' });

    // The test server listens on a random port; the printed address names the configured PUBLIC_URL.
    const api = await page.request.get(`/api/links/${token}`);
    expect(api.status()).toBe(200);
    const linkInfo = (await api.json()) as { school: { name: string }; survey: { description: string } };
    expect(linkInfo.school.name).toBe('МБОУ «Лесная ООШ»');
    // The sheet and the chat text promise the time the questionnaire itself names («Около 3 минут»), not 15 minutes.
    expect(linkInfo.survey.description).toMatch(/Около 3 минут\./);
    for (const role of ['principal', 'teacher', 'student', 'parent']) {
      expect(await page.locator(`.sheet-role[data-role="${role}"]`).textContent()).toContain('Займёт около 3 минут.');
    }
    expect(await page.locator('.chat textarea').inputValue()).toContain('Это займёт около 3 минут,');
    expect(await page.locator('body').textContent()).not.toContain('15 минут');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SCREENSHOTS}/admin-school-sheet-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    const respondent = await context.newPage();
    await respondent.goto(`/s/${token}`);
    await respondent.locator('.sd-question').first().waitFor();
    await respondent.close();
  });

  it('shows in Russian why a closed wave cannot be opened again', async () => {
    const db = session.server.database.db;
    const region = await db.selectFrom('regions').select('id').where('name', '=', REGION).executeTakeFirstOrThrow();
    const model = await db.selectFrom('risk_models').select('id').executeTakeFirstOrThrow();
    const day = 24 * 3600 * 1000;
    const closed = await db
      .insertInto('waves')
      .values({
        region_id: region.id,
        title: 'Закрытая волна',
        opens_at: new Date(Date.now() - 30 * day),
        closes_at: new Date(Date.now() - day),
        target: 0.9,
        model_id: model.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await page.goto(`/admin/waves/${closed.id}`);
    await page.getByRole('button', { name: 'Изменить' }).click();
    await page.getByLabel('Окончание (последний день)').fill(new Date(Date.now() + 10 * day).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(sharedStrings.errors.wave_closed);
    const after = await db.selectFrom('waves').select('closes_at').where('id', '=', closed.id).executeTakeFirstOrThrow();
    expect(after.closes_at.getTime()).toBeLessThan(Date.now());
  });

  it('prints single-use code slips with the short code and the /c address, ten to an A4 page', async () => {
    const db = session.server.database.db;
    const wave = await db
      .selectFrom('waves')
      .select(['id', 'region_id', 'opens_at', 'roster_frozen_at'])
      .where('title', '=', 'Входное анкетирование')
      .executeTakeFirstOrThrow();
    const school = await db.selectFrom('schools').select('id').where('code', '=', 'E2E-002').executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await setAccessMode(trx, wave.id, 'student', 'codes');
      await reconcileLinks(trx, wave);
    });
    await page.goto(`/admin/waves/${wave.id}/schools/${school.id}/codes?role=student`);
    await page.locator('.slip').first().waitFor();
    const codes = await page.getByTestId('slip-code').allTextContents();
    expect(codes).toHaveLength(40);
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
    expect(await page.locator('.slip').first().textContent()).toContain('Отсканируйте QR-код или откройте http://localhost:3000/c и введите код:');

    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SCREENSHOTS}/admin-code-slips-print.png`, clip: { x: 0, y: 0, width: 800, height: 1130 } });
    // Ten slips must fit the sheet they are printed on: nothing cut off at the bottom of a page.
    const overflowing = await page.locator('.a4.slip-page').evaluateAll((pages) => pages.filter((p) => p.scrollHeight > p.clientHeight + 1).length);
    expect(overflowing).toBe(0);
    await page.emulateMedia({ media: 'screen' });
  });
});
