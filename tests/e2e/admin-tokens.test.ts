import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenStrings } from '../../client/src/admin/tokens/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { newMunicipality, newRegion } from '../helpers/fixtures.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const ADMIN = { email: 'admin-tokens@test.local', password: 'correct horse battery' };
const REGION = 'Энская область';
const MUNICIPALITY = 'Северный район';
const SYSTEM = 'АИС «Сетевой город»';

/** The table's sideways scroll and the page's: neither may appear. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const wrap = document.querySelector('.tokens-wrap')!;
    return { table: wrap.scrollWidth - wrap.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });

// The admin screens run on PGlite only: the API tests cover both databases.
describe('administrator: service tokens in Chromium', () => {
  let session: E2eSession;
  let context: BrowserContext;
  let page: Page;
  let secret: string;

  const asScript = (path: string, token = secret) => fetch(`${session.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const row = (name: string) => page.locator('.tokens-table tbody tr', { hasText: name });

  beforeAll(async () => {
    session = await openSession();
    const db = session.server.database.db;
    await createAccount(db, { ...ADMIN, role: 'admin', name: 'Администратор' });
    const region = await newRegion(db, REGION);
    await newMunicipality(db, region.id, MUNICIPALITY);
    await newMunicipality(db, (await newRegion(db, 'Другая область')).id, 'Чужой район');
    context = await session.desktop(1366);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(() => session?.close());

  it('issues a region token for participation, shows its secret once, and the secret opens only what it was given', async () => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Токены API' }).click();
    await page.waitForURL('**/admin/tokens');
    await page.getByText(tokenStrings.empty).waitFor();

    await page.getByLabel('Какая система будет пользоваться токеном').fill(SYSTEM);
    await page.getByLabel(/^Регион/).selectOption({ label: REGION });
    expect(await page.getByLabel('Муниципалитет').locator('option').allTextContents()).toEqual([tokenStrings.wholeRegion, MUNICIPALITY]);
    await page.getByLabel('Читать участие').check();
    expect(await page.getByLabel('Срок действия, дней').inputValue()).toBe('365');
    expect(await page.getByLabel('Запросов в минуту').inputValue()).toBe('120');
    await page.getByRole('button', { name: 'Выдать токен' }).click();

    await page.getByText(tokenStrings.saveNow).waitFor();
    const field = page.getByLabel('Секрет токена');
    secret = await field.inputValue();
    expect(secret).toMatch(/^sk500_[A-Za-z0-9_-]{43}$/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('.tokens-header').textContent()).toBe(`Authorization: Bearer ${secret}`);
    await page.getByRole('button', { name: 'Скопировать' }).click();
    await page.getByRole('button', { name: 'Скопировано' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expect.poll(() => row(SYSTEM).textContent()).toContain(tokenStrings.neverUsed);
    expect(await row(SYSTEM).textContent()).toContain(`${secret.slice(0, 12)}…`);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-tokens-secret.png`, fullPage: true });

    expect((await asScript('/api/waves')).status).toBe(200);
    const accounts = await asScript('/api/admin/accounts');
    expect(accounts.status).toBe(403);
    expect((await accounts.json()).code).toBe('token_not_allowed');

    await page.getByRole('button', { name: 'Я сохранил(а) токен, закрыть' }).click();
    await page.getByLabel('Какая система будет пользоваться токеном').waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('revokes the token after the confirmation, and the secret stops working', async () => {
    await page.reload();
    const listed = row(SYSTEM);
    await expect.poll(() => listed.textContent()).toContain('Действует');
    // The script's request above is the token's last use.
    expect(await listed.textContent()).not.toContain(tokenStrings.neverUsed);
    expect(await listed.textContent()).toContain('Читать участие');

    await listed.getByRole('button', { name: 'Отозвать' }).click();
    await page.getByText(tokenStrings.revoked(SYSTEM)).waitFor();
    await expect.poll(() => listed.textContent()).toContain('Отозван');
    expect(await listed.getByRole('button', { name: 'Отозвать' }).count()).toBe(0);

    const refused = await asScript('/api/waves');
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe('token_revoked');
  });

  it("takes the region-only permissions off a municipality's token, and the table fits a desktop", async () => {
    await page.getByLabel('Какая система будет пользоваться токеном').fill('Муниципальная ИС');
    await page.getByLabel(/^Регион/).selectOption({ label: REGION });
    await page.getByLabel('Читать профили рисков').check();
    await page.getByLabel('Загружать список школ').check();
    await page.getByLabel('Создавать и изменять волны').check();
    await page.getByLabel('Муниципалитет').selectOption({ label: MUNICIPALITY });
    for (const name of ['Загружать список школ', 'Создавать и изменять волны']) {
      const box = page.getByLabel(name);
      expect(await box.isDisabled()).toBe(true);
      expect(await box.isChecked()).toBe(false);
    }
    expect(await page.getByLabel('Читать профили рисков').isChecked()).toBe(true);
    await page.getByText(tokenStrings.regionOnlyNote).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/admin-tokens-municipality.png`, fullPage: true });

    await page.getByRole('button', { name: 'Выдать токен' }).click();
    await page.getByText(tokenStrings.saveNow).waitFor();
    const municipal = await page.getByLabel('Секрет токена').inputValue();
    await page.getByRole('button', { name: 'Я сохранил(а) токен, закрыть' }).click();
    await expect.poll(() => row('Муниципальная ИС').textContent()).toContain(MUNICIPALITY);
    expect(await row('Муниципальная ИС').textContent()).toContain('Читать профили рисков');
    expect((await asScript('/api/waves', municipal)).status).toBe(200);

    expect(await overflow(page)).toEqual({ table: 0, page: 0 });
    await page.screenshot({ path: `${SCREENSHOTS}/admin-tokens-desktop.png`, fullPage: true });
  });

  it('stacks the tokens into cards on a 360 px phone, with nothing wider than the screen', async () => {
    const phone = await session.phone(360);
    try {
      const small = await phone.newPage();
      await logIn(small, ADMIN.email, ADMIN.password);
      await small.goto('/admin/tokens');
      await small.locator('.tokens-table tbody tr').nth(1).waitFor();
      expect(await small.locator('.tokens-table thead').isVisible()).toBe(false);
      expect(await overflow(small)).toEqual({ table: 0, page: 0 });
      await small.screenshot({ path: `${SCREENSHOTS}/admin-tokens-phone.png`, fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
