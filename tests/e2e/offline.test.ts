import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../../client/src/respond/strings.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { openSession, SCREENSHOTS, type E2eSession } from './session.js';
import { answerCurrentPage, answerWholeQuestionnaire } from './survey-driver.js';

const parentQuestions = [...(await loadQuestionnaires()).parent.questions.keys()].sort();

// Offline is the browser's business: PGlite is enough for the server behind it.
describe('a respondent link opened without network (service worker)', { timeout: 180_000 }, () => {
  let session: E2eSession;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    session = await openSession();
    world = await newWorld(session.server.database.db);
  });
  afterAll(() => session?.close());
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const parentLink = () => newLink(session.server.database.db, world.wave.id, world.school.id, 'parent');
  const responsesOf = (linkId: number) => session.server.database.db.selectFrom('responses').selectAll().where('link_id', '=', linkId).execute();
  const checked = (page: Page) => page.locator('.sd-body .sd-item--checked').count();

  /** Opens the link online and waits until the worker controls the page and keeps the link's questionnaire. */
  async function openOnline(page: Page, token: string) {
    await page.goto(`/s/${token}`);
    await page.locator('.sd-question').first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect.poll(() => page.evaluate((path) => caches.match(path).then((r) => r !== undefined), `/api/links/${token}`)).toBe(true);
  }

  it('shows the questionnaire with the saved answers offline on a phone, queues the answers and sends them once back online', async () => {
    const width = 360;
    context = await session.phone(width);
    const page = await context.newPage();
    const link = await parentLink();
    await openOnline(page, link.token);
    const firstPage = await answerCurrentPage(page);
    expect(firstPage.length).toBeGreaterThan(0);
    const answeredOnline = await checked(page);
    expect(answeredOnline).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    // The page itself, not Chromium's «Нет подключения к Интернету» page: the school, the questionnaire, the answers.
    expect(await page.locator('.rs-header__school').textContent()).toBe(world.school.name);
    expect(await checked(page)).toBe(answeredOnline);
    await page.screenshot({ path: `${SCREENSHOTS}/offline-saved-answers-${width}.png`, fullPage: true });

    await answerWholeQuestionnaire(page);
    await page.getByTestId('offline-message').waitFor();
    expect(await page.getByTestId('offline-message').textContent()).toContain(strings.offline);
    expect(await responsesOf(link.id)).toHaveLength(0);

    // Opened again while still offline: the queued answers are shown as waiting, not lost and not «sent».
    await page.reload();
    await page.getByTestId('offline-message').waitFor();
    expect(await page.getByTestId('thank-you').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/offline-queued-${width}.png`, fullPage: true });

    await context.setOffline(false);
    await page.getByTestId('thank-you').waitFor({ timeout: 30_000 });
    const rows = await responsesOf(link.id);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].answers as object).sort()).toEqual(parentQuestions);
  });

  it('shows the saved answer offline on a desktop at 1366 px', async () => {
    context = await session.desktop(1366);
    const page = await context.newPage();
    await openOnline(page, (await parentLink()).token);
    await page.locator('.sd-body .sd-selectbase__label').first().click();
    expect(await checked(page)).toBe(1);

    await context.setOffline(true);
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    expect(await checked(page)).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/offline-saved-answers-1366.png`, fullPage: true });
  });

  it('says in Russian that there is no connection for a link this phone never opened, and loads it when the network is back', async () => {
    context = await session.phone(360);
    const page = await context.newPage();
    await openOnline(page, (await parentLink()).token);
    const other = await parentLink();

    await context.setOffline(true);
    await page.goto(`/s/${other.token}`);
    await page.getByTestId('offline-load').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(strings.offlineLoad.title);
    await page.screenshot({ path: `${SCREENSHOTS}/offline-never-opened-360.png`, fullPage: true });

    await context.setOffline(false);
    await page.locator('.sd-question').first().waitFor();
  });

  it('keeps only the respondent page and its questionnaires: no answers, no staff app', async () => {
    context = await session.phone(360);
    const page = await context.newPage();
    const link = await parentLink();
    await openOnline(page, link.token);

    const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.scope));
    expect(scope).toBe(`${session.server.url}/s/`);
    const kept = await page.evaluate(async () => {
      const all: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) all.push(new URL(request.url).pathname);
      return all.sort();
    });
    const assets = kept.filter((path) => path.startsWith('/assets/'));
    expect(assets.length).toBeGreaterThanOrEqual(2);
    expect(assets.every((path) => /^\/assets\/(respond|modulepreload-polyfill)-[\w-]+\.(js|css)$/.test(path))).toBe(true);
    expect(kept.filter((path) => !path.startsWith('/assets/'))).toEqual([`/api/links/${link.token}`, '/respond.html'].sort());

    // The staff app is outside the worker's scope: offline it is the browser's own error, as before.
    await context.setOffline(true);
    await expect(page.goto('/login')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  });
});
