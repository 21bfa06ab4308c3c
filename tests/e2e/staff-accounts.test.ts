import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { createInvitation } from '../../server/auth/invitations.repository.js';
import { seriousViolations } from './axe.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const PASSWORD = 'correct horse battery';
const BANNER = 'Доступ разрешён только уполномоченным пользователям. Все действия регистрируются.';

// Accounts are the same for every role: PGlite only, a school team's account in the model region of an empty install.
describe('staff accounts under 152-FZ in Chromium', () => {
  let session: E2eSession;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
  });
  afterAll(async () => {
    await context?.close();
    await session?.close();
  });

  for (const [device, width] of [
    ['phone', 360],
    ['desktop', 1366],
  ] as const) {
    it(`shows the login banner at ${width} px`, async () => {
      context = await (device === 'phone' ? session.phone(width) : session.desktop(width));
      const page = await context.newPage();
      await page.goto('/login');
      const banner = page.getByRole('note');
      expect(await banner.textContent()).toBe(BANNER);
      expect(await banner.isVisible()).toBe(true);
      // Above the form: read before the e-mail is typed.
      const [bannerBox, emailBox] = await Promise.all([banner.boundingBox(), page.getByLabel('E-mail').boundingBox()]);
      expect(bannerBox!.y + bannerBox!.height).toBeLessThanOrEqual(emailBox!.y);
      expect(bannerBox!.x + bannerBox!.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SCREENSHOTS}/login-banner-${width}.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it(`asks for the consent as a checkbox of its own on the invitation page at ${width} px, and records it`, async () => {
      const db = session.server.database.db;
      const email = `invited-${device}@test.local`;
      const user = await createAccount(db, { email, role: 'admin', name: 'Приглашённая Сидорова' });
      const token = await createInvitation(db, user.id);
      context = await (device === 'phone' ? session.phone(width) : session.desktop(width));
      const page = await context.newPage();
      await page.goto(`/invite/${token}`);
      const consent = page.getByLabel('Я даю согласие на обработку моих персональных данных');
      await consent.waitFor();
      expect(await consent.getAttribute('type')).toBe('checkbox');
      expect(await consent.isChecked()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Согласие на обработку персональных данных' }).isVisible()).toBe(true);
      expect(await page.getByText('Редакция от 4 декабря 2026 г.').isVisible()).toBe(true);
      await page.getByLabel('Новый пароль').fill(PASSWORD);
      await page.getByLabel('Повторите пароль').fill(PASSWORD);
      await page.screenshot({ path: `${SCREENSHOTS}/invite-consent-${width}.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      // Without the tick the browser keeps the form, and nothing reaches the server.
      await page.getByRole('button', { name: 'Сохранить пароль и войти' }).click();
      expect(new URL(page.url()).pathname).toBe(`/invite/${token}`);
      expect(await db.selectFrom('staff_consents').select('id').where('user_id', '=', user.id).execute()).toEqual([]);

      await consent.check();
      await page.getByRole('button', { name: 'Сохранить пароль и войти' }).click();
      await page.waitForURL('**/admin');
      const consents = await db.selectFrom('staff_consents').select('version').where('user_id', '=', user.id).execute();
      expect(consents).toEqual([{ version: '2026-12-04' }]);
      await context.close();
    });

    it(`shows the previous login and «Мои данные», where the name is corrected, at ${width} px`, async () => {
      const email = `invited-${device}@test.local`;
      context = await (device === 'phone' ? session.phone(width) : session.desktop(width));
      const page = await context.newPage();
      await logIn(page, email, PASSWORD, { keepPreviousLogin: true });
      const notice = page.getByRole('status').filter({ hasText: 'Предыдущий вход' });
      // The invitation was the first login, so this one has a previous login: «04.12.2026, 22:30 (Москва, GMT+3)».
      expect(await notice.textContent()).toMatch(/Предыдущий вход: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(.+GMT\+3\)\./);
      await page.screenshot({ path: `${SCREENSHOTS}/previous-login-${width}.png` });

      // The account's name in the header leads there; on a phone behind «Меню».
      if (device === 'phone') await page.getByRole('button', { name: 'Меню' }).tap();
      await page.getByRole('link', { name: /^Мои данные: Приглашённая Сидорова · Администратор$/ }).click();
      await page.waitForURL('**/my-data');
      await page.getByRole('heading', { name: 'Мои данные' }).waitFor();
      await page.getByText(email).waitFor();
      const list = page.locator('.my-data dl');
      expect(await list.textContent()).toContain('Приглашённая Сидорова');
      expect(await list.textContent()).toContain('Администратор');
      expect(await list.textContent()).toMatch(/редакция от 4 декабря 2026 г\., дано \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SCREENSHOTS}/my-data-${width}.png`, fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);

      const corrected = `Сидорова Анна (${device})`;
      await page.getByLabel('Имя и должность').fill(corrected);
      await page.getByRole('button', { name: 'Исправить имя' }).click();
      await page.getByText('Имя исправлено.').waitFor();
      expect(await list.textContent()).toContain(corrected);
      const db = session.server.database.db;
      const user = await db.selectFrom('users').select(['id', 'name']).where('email', '=', email).executeTakeFirstOrThrow();
      expect(user.name).toBe(corrected);
      const audited = await db.selectFrom('audit_log').select('action').where('user_id', '=', user.id).where('action', '=', 'account.self_update').execute();
      expect(audited).toHaveLength(1);
      await context.close();
    });
  }
});
