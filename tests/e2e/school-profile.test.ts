import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../server/demo/seed.js';
import { storeModelVersion } from '../../server/risk-models/store.js';
import { loadModelFile } from '../../server/scoring/load-model.js';
import { loadQuestionnaires, SURVEYS_DIR } from '../../server/surveys/questionnaires.js';
import { launchBrowser, newPhoneContext } from './browser.js';
import { startServer, type E2eServer } from './server.js';

const SCREENSHOTS = 'test-results';

async function logIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Elements wider than the window: on a phone nothing may push the page sideways. */
function overflowing(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('[role=region]'))
      .map((e) => `${e.tagName}.${e.className}`),
  );
}

// The school's screens run on PGlite only: they test the pages; the API tests cover both databases.
describe("a school team's risk profile in Chromium", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer('pglite'), launchBrowser()]);
    const model = await loadModelFile(join(SURVEYS_DIR, 'risk-model.json'), SURVEYS_DIR);
    await storeModelVersion(server.database.db, model, 'risk-model.json');
    // The demo region: two waves of simulated answers, and school@demo.local for its first school.
    await seedDemo(server.database.db, model, await loadQuestionnaires());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each([
    ['desktop', (b: Browser, url: string) => b.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU', baseURL: url })],
    ['phone', (b: Browser, url: string) => newPhoneContext(b, url)],
  ] as const)('on a %s', (device, open) => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await open(browser, server.url);
      page = await context.newPage();
      await logIn(page, 'school@demo.local');
    });
    afterAll(() => context?.close());

    it('lands on its school: participation against the target, then the ten factors as a chart and as a table', async () => {
      expect(new URL(page.url()).pathname).toBe('/school');
      await expect.poll(() => page.locator('h1').textContent()).toBe('МБОУ «Берёзовская СОШ № 1»');
      await expect.poll(() => page.getByTestId('participation-teacher').textContent()).toMatch(/34 из 34/);
      const chart = page.locator('canvas[role=img]');
      await chart.waitFor();
      expect(await chart.getAttribute('aria-label')).toMatch(/R1: \d+, низкий.*R10: \d+/);
      expect(await overflowing(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/school-profile-${device}.png`, fullPage: true });

      await page.getByRole('button', { name: 'Таблица' }).click();
      const rows = page.locator('table tbody tr').filter({ hasText: /из 100/ });
      await expect.poll(() => rows.count()).toBe(10);
      expect(await rows.first().textContent()).toMatch(/R1\.\s*Низкий уровень оснащения школы\d+ из 100низкий/);
      await page.getByRole('button', { name: 'График' }).click();
    });

    it('opens a factor and reads, in words, which indicators make it and what the answers were', async () => {
      const opener =
        device === 'phone'
          ? page.locator('ul.sc-factor-list button').filter({ hasText: 'Низкий уровень оснащения школы' })
          : page.getByRole('button', { name: 'Почему? R1. Низкий уровень оснащения школы' });
      await opener.click();
      const explanation = page.getByTestId('explanation');
      await explanation.waitFor();
      await expect.poll(() => explanation.locator('h3').textContent()).toMatch(/R1\.\s*Низкий уровень оснащения школы/);
      await expect.poll(() => explanation.textContent()).toMatch(/Уровень риска — низкий: \d+ из 100/);
      // Five indicators, each with its question, n and weight; teachers' ratings have enough answers to show them.
      const indicators = explanation.locator('li[data-testid^=indicator-]');
      expect(await indicators.count()).toBe(5);
      const equipment = explanation.getByTestId('indicator-R1.classroom_equipment');
      expect(await equipment.textContent()).toMatch(/Как вы оцениваете оснащение своего кабинета\?.*n = \d+.*Как ответили \(\d+ ответ/);
      expect(await equipment.locator('.sc-distribution li').count()).toBe(5);
      // The principal's own answer is shown, never a breakdown of one person.
      expect(await explanation.getByTestId('indicator-R1.internet').textContent()).toMatch(/Ответ директора:/);
      expect(await overflowing(page)).toEqual([]);
      await explanation.screenshot({ path: `${SCREENSHOTS}/school-explanation-${device}.png` });
      await page.getByRole('button', { name: 'Закрыть' }).click();
      await expect.poll(() => explanation.count()).toBe(0);
    });

    it('compares the profile with the earlier wave', async () => {
      const dynamics = page.getByTestId('dynamics');
      await dynamics.getByRole('combobox').selectOption({ label: 'Входное анкетирование' });
      await expect.poll(() => dynamics.locator('[role=status]').textContent()).toMatch(/Положительн.. динамик/);
      const rows = dynamics.locator('tbody tr');
      expect(await rows.count()).toBe(10);
      expect(await rows.first().textContent()).toMatch(/R1\..*низкий\s*\d+.*низкий\s*\d+.*(↓|↑|→)/);
      await dynamics.screenshot({ path: `${SCREENSHOTS}/school-dynamics-${device}.png` });
    });

    it('prints the report with school, wave, date, model and every explanation', async () => {
      await page.getByRole('link', { name: 'Отчёт для печати' }).click();
      const report = page.getByTestId('report');
      await report.waitFor();
      await expect.poll(() => report.locator('[data-testid=explanation]').count()).toBe(10);
      const text = (await report.textContent())!;
      expect(text).toMatch(/Отчёт о риск-профиле школы/);
      expect(text).toMatch(/ШколаМБОУ «Берёзовская СОШ № 1»/);
      expect(text).toMatch(/ВолнаПовторное анкетирование/);
      expect(text).toMatch(/Модель.*500plus-v1/);
      expect(text).toMatch(/Дата отчёта\d{1,2} [а-я]+ \d{4} г\./);
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(false);
      await page.screenshot({ path: `${SCREENSHOTS}/school-report-print-${device}.png`, fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      if (device === 'desktop') {
        const pdf = await page.pdf({ path: `${SCREENSHOTS}/school-report.pdf`, format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(readFileSync(`${SCREENSHOTS}/school-report.pdf`).length).toBeGreaterThan(50_000);
      }
      await page.getByRole('link', { name: '← К профилю' }).click();
      await page.locator('canvas[role=img]').waitFor();
    });
  });

  it('chooses up to three priority risks, which the dynamics then mark', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU', baseURL: server.url });
    const page = await context.newPage();
    try {
      await logIn(page, 'school@demo.local');
      // Priorities chosen after the entry wave are what the team worked on until the repeat wave.
      const waves = await server.database.db.selectFrom('waves').select(['id', 'title']).orderBy('opens_at').execute();
      await page.goto(`/school?wave=${waves[0].id}`);
      const card = page.getByTestId('priorities');
      await card.getByRole('button', { name: 'Выбрать приоритеты' }).click();
      for (const title of ['Дефицит педагогических кадров', 'Высокая доля обучающихся с рисками учебной неуспешности', 'Низкий уровень вовлеченности родителей']) {
        await card.getByRole('checkbox', { name: new RegExp(title) }).check();
      }
      // A fourth cannot be ticked.
      expect(await card.getByRole('checkbox', { name: /Высокая доля обучающихся с ОВЗ/ }).isDisabled()).toBe(true);
      await card.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => card.textContent()).toMatch(/Приоритеты сохранены/);
      expect(await card.locator('ol li').allTextContents()).toEqual([
        expect.stringMatching(/^R2\./),
        expect.stringMatching(/^R6\./),
        expect.stringMatching(/^R10\./),
      ]);

      await page.goto(`/school?wave=${waves[1].id}`);
      const dynamics = page.getByTestId('dynamics');
      await expect.poll(() => dynamics.locator('tbody tr.sc-priority-row').count()).toBe(3);
      expect(await dynamics.textContent()).toMatch(/★ — приоритетные риски, выбранные школой после волны «Входное анкетирование»/);
      await dynamics.screenshot({ path: `${SCREENSHOTS}/school-dynamics-priorities-desktop.png` });
    } finally {
      await context.close();
    }
  });

  it("never shows a school team another school's profile", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU', baseURL: server.url });
    const page = await context.newPage();
    try {
      await logIn(page, 'school@demo.local');
      const other = await server.database.db.selectFrom('schools').select('id').where('code', '=', 'DEMO-009').executeTakeFirstOrThrow();
      await page.goto(`/school/${other.id}`);
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/за пределами территории/);
      expect(await page.locator('canvas').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
