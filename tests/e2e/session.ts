import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed.js';
import { storeMethodology } from '../../server/risk-models/versions.js';
import { SURVEYS_DIR } from '../../server/surveys/questionnaires.js';
import { launchBrowser, newPhoneContext } from './browser.js';
import { startServer, type E2eServer } from './server.js';

/** Where e2e tests leave screenshots and PDFs for a person to look at. */
export const SCREENSHOTS = 'test-results';

export interface E2eSessionOptions {
  /** What the database holds before the tests: nothing, the default risk model, or the model and the demo region. */
  data?: 'empty' | 'model' | 'demo';
}

/** One test file's server on a fresh PGlite database and its Chromium. */
export interface E2eSession {
  server: E2eServer;
  /** A desktop window in Russian, `width` CSS pixels wide, in Moscow time unless `timezoneId` says; downloads are accepted. */
  desktop(width?: number, timezoneId?: string): Promise<BrowserContext>;
  /** A common Android phone (see {@link newPhoneContext}). */
  phone(width?: number, timezoneId?: string): Promise<BrowserContext>;
  /** Runs `use` on a page of a desktop window of its own, signed in as `email`, and closes the window after it. */
  asUser<T>(email: string, use: (page: Page) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openSession({ data = 'empty' }: E2eSessionOptions = {}): Promise<E2eSession> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const [server, browser] = await Promise.all([startServer('pglite'), launchBrowser()]);
  if (data !== 'empty') {
    const { model, questionnaires } = await storeMethodology(server.database.db, SURVEYS_DIR);
    if (data === 'demo') await seedDemo(server.database.db, model, questionnaires);
  }
  const desktop = (width = 1366, timezoneId = 'Europe/Moscow') =>
    browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', timezoneId, baseURL: server.url });
  return {
    server,
    desktop,
    phone: (width, timezoneId) => newPhoneContext(browser, server.url, width, timezoneId),
    async asUser(email, use) {
      const context = await desktop();
      try {
        return await use(await signedInPage(context, email));
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Signs in through the login page and waits until it leads on; agrees to the consent text when asked, and closes the
 * «Предыдущий вход» notice (a second «Закрыть» on every screen) unless `keepPreviousLogin`.
 */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD, { keepPreviousLogin = false } = {}): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  // An account that has not agreed to the current consent text is asked first (accounts made by tests never have).
  if (new URL(page.url()).pathname === '/consent') {
    await page.getByLabel('Я даю согласие').check();
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.waitForURL((url) => url.pathname !== '/consent');
  }
  if (keepPreviousLogin) return;
  // Shown at the top of the first screen, and only when the account logged in before.
  await page.locator('main.page').waitFor();
  const notice = page.locator('main.page > .previous-login');
  if (await notice.isVisible()) await notice.getByRole('button').click();
}

/** A new page of `context`, signed in as `email` (a demo account unless a password is given). */
export async function signedInPage(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await logIn(page, email, password);
  return page;
}

export type Device = 'desktop' | 'phone';

/**
 * Declares `tests` twice, on a desktop and on a phone, each run in a window of its own signed in as `email`;
 * `signedIn` gives the page once the window is open.
 */
export function onDesktopAndPhone(session: () => E2eSession, email: string, tests: (device: Device, signedIn: () => Page) => void, phoneWidth?: number): void {
  describe.each(['desktop', 'phone'] as const)('on a %s', (device) => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await (device === 'desktop' ? session().desktop() : session().phone(phoneWidth));
      page = await signedInPage(context, email);
    });
    afterAll(() => context?.close());
    tests(device, () => page);
  });
}
