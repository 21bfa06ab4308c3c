import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { csvFile, RU_HEADERS } from '../fixtures/roster/files.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

// Neither the server nor the browsers run in the region's zone: the days must still be Vladivostok's.
process.env.TZ = 'America/Los_Angeles';

const ADMIN = { email: 'admin-tz@test.local', password: 'correct horse battery' };
const REGION = 'Приморский край';

describe('a region in another time zone, edited from a browser in yet another', () => {
  let session: E2eSession;
  let page: Page;

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    await createAccount(session.server.database.db, { ...ADMIN, role: 'admin', name: 'Администратор' });
    const context = await session.desktop(1280, 'America/New_York');
    page = await context.newPage();
  });
  afterAll(() => session?.close());

  it('plans a wave of 1–20 April that opens and closes at midnight in Vladivostok, and writes its days there', async () => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Список школ' }).click();
    await page.getByLabel('Название нового региона').fill(REGION);
    await page.getByRole('combobox', { name: 'Часовой пояс', exact: true }).selectOption('Asia/Vladivostok');
    await page.getByRole('button', { name: 'Добавить регион' }).click();
    await expect.poll(() => page.getByLabel(`Часовой пояс региона «${REGION}»`).inputValue()).toBe('Asia/Vladivostok');
    await page.locator('#roster-file').setInputFiles({
      name: 'schools.csv',
      mimeType: 'text/csv',
      buffer: csvFile([RU_HEADERS, [REGION, 'Уссурийский округ', 'TZ-001', 'МБОУ «СОШ № 1»', 1, 10, 100, 90]], { encoding: 'utf8-bom' }),
    });
    await page.getByRole('button', { name: 'Применить' }).click();
    await page.locator('.notice-ok').waitFor();

    await page.getByRole('link', { name: 'Волны и ссылки' }).click();
    await page.getByRole('button', { name: 'Новая волна' }).click();
    await page.getByLabel('Регион').selectOption({ label: `${REGION} · 1 шк.` });
    await page.getByLabel('Название').fill('Весна 2027');
    await page.getByLabel('Начало (первый день)').fill('2027-04-01');
    await page.getByLabel('Окончание (последний день)').fill('2027-04-20');
    await expect.poll(() => page.locator('.wave-form').textContent()).toContain('по времени региона (Владивосток, GMT+10)');
    await page.screenshot({ path: `${SCREENSHOTS}/time-zone-wave-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Создать волну и ссылки' }).click();
    await page.waitForURL(/\/admin\/waves\/\d+$/);
    await expect.poll(() => page.locator('main').textContent()).toContain('с 1 апреля 2027 г. по 20 апреля 2027 г.');

    const wave = await session.server.database.db.selectFrom('waves').select(['id', 'opens_at', 'closes_at']).executeTakeFirstOrThrow();
    expect(wave.opens_at.toISOString()).toBe('2027-03-31T14:00:00.000Z');
    expect(wave.closes_at.toISOString()).toBe('2027-04-20T14:00:00.000Z');

    // A parent abroad opens the link before the wave: the days named are Vladivostok's.
    const link = await session.server.database.db
      .selectFrom('links')
      .select('token')
      .where('wave_id', '=', wave.id)
      .where('role', '=', 'parent')
      .executeTakeFirstOrThrow();
    const phone = await (await session.phone(360, 'Europe/London')).newPage();
    await phone.goto(`/s/${link.token}`);
    await expect.poll(() => phone.locator('body').textContent()).toContain('Анкета будет открыта с 1\u00a0апреля 2027 по 20\u00a0апреля 2027.');
    await phone.screenshot({ path: `${SCREENSHOTS}/time-zone-respondent-planned.png`, fullPage: true });
  });
});
