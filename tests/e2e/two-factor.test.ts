import type { BrowserContext, Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { newRegion } from '../helpers/fixtures.js';
import { seriousViolations } from './axe.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const ACCOUNT = { email: 'region-2fa@test.local', password: 'birch river lantern' };

/** What the phone's authenticator app shows `steps` 30-second steps from now. */
const codeAt = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() + steps * 30_000 });

async function openMenuLink(page: Page, name: string) {
  await page.locator('.topbar').waitFor();
  const toggle = page.getByRole('button', { name: 'Меню' });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.tap();
  await page.getByRole('link', { name }).click();
}

// Run on PGlite only: the screens are the same on both databases, which tests/auth/two-factor.test.ts covers.
describe('TOTP second factor in Chromium', () => {
  let session: E2eSession;
  let phone: BrowserContext;
  let secret = '';

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    const region = await newRegion(session.server.database.db);
    await createAccount(session.server.database.db, { ...ACCOUNT, role: 'region', regionId: region.id, name: 'Координатор Петрова' });
    phone = await session.phone(360);
  });
  afterAll(async () => {
    await phone?.close();
    await session?.close();
  });

  it('is set up on a 360 px phone from the password page: QR code, key, confirming code', async () => {
    const page = await phone.newPage();
    await logIn(page, ACCOUNT.email, ACCOUNT.password);
    await openMenuLink(page, 'Сменить пароль');
    await page.getByRole('link', { name: 'Вход с кодом из приложения' }).click();
    await page.waitForURL('**/account/two-factor');
    await page.getByText('Вход с кодом выключен').waitFor();
    await page.getByRole('button', { name: 'Включить вход с кодом' }).click();
    await page.locator('.two-factor-qr').waitFor();
    secret = (await page.locator('.two-factor-secret').textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The page fits the phone: no sideways scrolling for the QR code or the key.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOTS}/two-factor-setup-360.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Код из приложения').fill('000000' === codeAt(secret) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Подтвердить и включить' }).click();
    await page.getByText('Код не подошёл').waitFor();
    await page.getByLabel('Код из приложения').fill(codeAt(secret));
    await page.getByRole('button', { name: 'Подтвердить и включить' }).click();
    await page.getByText('при следующем входе сервер спросит код').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/two-factor-enabled-360.png`, fullPage: true });
    await page.close();
  });

  it('asks for the code after the password on a 360 px phone, and refuses a wrong one', async () => {
    const context = await session.phone(360);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(ACCOUNT.email);
    await page.getByLabel('Пароль').fill(ACCOUNT.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Код подтверждения' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: `${SCREENSHOTS}/two-factor-login-360.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // The code that confirmed the setup is used up: it is refused like a wrong one.
    await page.getByLabel('Код из приложения').fill(codeAt(secret));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByRole('alert').getByText('Код неверный или уже использован').waitFor();
    // The app's next code, typed with the space some apps show.
    await page.getByLabel('Код из приложения').fill(`${codeAt(secret, 1).slice(0, 3)} ${codeAt(secret, 1).slice(3)}`);
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.waitForURL('**/coordinator**');
    await context.close();
  });

  it('sends a page whose session ended to the login form, saying why', async () => {
    // A second account without a second factor, left idle past its 30 minutes.
    const region = await newRegion(session.server.database.db);
    await createAccount(session.server.database.db, { email: 'idle-region@test.local', password: ACCOUNT.password, role: 'region', regionId: region.id });
    const idle = await session.desktop(1366);
    const idlePage = await idle.newPage();
    await logIn(idlePage, 'idle-region@test.local', ACCOUNT.password);
    await idlePage.goto('/account/two-factor');
    await idlePage.getByRole('button', { name: 'Включить вход с кодом' }).click();
    await idlePage.locator('.two-factor-qr').waitFor();
    await idlePage.screenshot({ path: `${SCREENSHOTS}/two-factor-setup-1366.png` });
    // A page that asks the server nothing by itself: the next request is the person's own click.
    await openMenuLink(idlePage, 'Сменить пароль');
    await idlePage.getByLabel('Текущий пароль').fill(ACCOUNT.password);
    await idlePage.getByLabel('Новый пароль (не короче 8 символов)').fill('oak meadow whistle');
    await session.server.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .execute();
    await idlePage.getByRole('button', { name: 'Сменить пароль' }).click();
    await idlePage.getByText('Сеанс завершён из-за бездействия').waitFor();
    expect(new URL(idlePage.url()).pathname).toBe('/login');
    await idlePage.screenshot({ path: `${SCREENSHOTS}/session-expired-1366.png` });
    await idle.close();
  });
});
