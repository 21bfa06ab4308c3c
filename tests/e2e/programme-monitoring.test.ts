import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmesStrings } from '../../client/src/coordinator/programmes/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { DEMO_PASSWORD } from '../../server/demo/seed.js';
import { monitoringWorld, type MonitoringWorld } from '../programmes/world.js';
import { openSession, SCREENSHOTS, signedInPage, type E2eSession } from './session.js';

const EMAIL = 'region-programmes@test.local';
const reasons = programmesStrings.change.reasons;

/** Whether the page itself scrolls sideways; a table may scroll inside its own box. */
const pageScrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

// The coordinators' screens run on PGlite only: they test the pages; the API tests cover both databases.
describe('the programmes screen in Chromium', () => {
  let session: E2eSession;
  let w: MonitoringWorld;

  beforeAll(async () => {
    session = await openSession();
    w = await monitoringWorld(session.server.database.db);
    await createAccount(session.server.database.db, {
      email: EMAIL,
      name: 'Региональный координатор',
      role: 'region',
      regionId: w.region.id,
      password: DEMO_PASSWORD,
    });
  });
  afterAll(() => session?.close());

  describe.each([
    ['desktop', 1366],
    ['phone', 360],
  ] as const)('on a %s, %i px wide', (device, width) => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await (device === 'desktop' ? session.desktop(width) : session.phone(width));
      page = await signedInPage(context, EMAIL);
    });
    afterAll(() => context?.close());

    it('compares the latest wave with the one before: 40% by the survey, 20% confirmed, against 70%', async () => {
      await page.getByRole('link', { name: 'Программы школ' }).click();
      const survey = page.getByTestId('survey-only-share');
      const confirmed = page.getByTestId('confirmed-share');
      // А and Б fell a level on F1; only А did all its programmes planned (tests/programmes/monitoring.test.ts).
      await expect.poll(() => survey.locator('.value').textContent()).toBe('40%');
      expect(await survey.textContent()).toContain('2 из 5 школ · цель — не меньше 70% школ');
      expect(await confirmed.locator('.value').textContent()).toBe('20%');
      expect(await confirmed.textContent()).toContain('1 из 5 школ');
      expect(await confirmed.textContent()).toContain('до цели не хватает: 3 школы');
      const missing = page.getByTestId('missing-confirmed').locator('li');
      expect(await missing.allTextContents()).toEqual([
        `Школа Б — ${reasons.programme_missing}; ${reasons.measures_not_done}; ${reasons.evidence_missing}`,
        `Школа В — ${reasons.no_positive_change}`,
        `Школа Г — ${reasons.not_compared}; ${reasons.no_priorities}`,
        `Школа Д — ${reasons.no_positive_change}; ${reasons.programme_not_approved}; ${reasons.measures_not_done}`,
      ]);
      expect(await page.getByTestId('missing-survey').locator('li').allTextContents()).toEqual([
        `Школа В — ${reasons.no_positive_change}`,
        `Школа Г — ${reasons.not_compared}`,
        `Школа Д — ${reasons.no_positive_change}`,
      ]);
      expect(await pageScrollsSideways(page)).toBe(false);
      await page.screenshot({ path: `${SCREENSHOTS}/programme-monitoring-change-${device}.png`, fullPage: true });
    });

    it("shows the earlier wave's programmes: 2 of 5 schools approved, what is overdue, and the curators' visits", async () => {
      await page.locator('.pm-controls select').first().selectOption(String(w.earlier.id));
      const approved = page.getByTestId('approved-share');
      await expect.poll(() => approved.locator('.value').textContent()).toBe('40%');
      expect(await approved.textContent()).toContain('у 2 из 5 школ');
      const rows = page.getByTestId('programme-schools').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(5);
      const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th a, td')].map((c) => c.textContent!.trim())));
      expect(cells.map((c) => [c[0], c[1], c[3], c[4], c[5]])).toEqual([
        ['Школа А', 'все утверждены', '0', '0', 'Иванова Мария Петровна'],
        ['Школа Б', 'не по всем приоритетам есть программа', '1', '1', 'Иванова Мария Петровна'],
        ['Школа В', 'все утверждены', '1', '0', 'не назначен'],
        ['Школа Г', 'приоритеты не выбраны', '0', '0', 'Иванова Мария Петровна'],
        ['Школа Д', 'есть на доработке', '1', '1', 'Петров Олег Иванович'],
      ]);
      expect(cells[1][2]).toBe('F1 утвержденаF3 нет программы');
      const visits = await page
        .getByTestId('curator-visits')
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
      expect(visits.map((v) => [v[0], v[2], v[3], v[4]])).toEqual([
        ['Иванова Мария Петровна', '4', '1', '1'],
        ['Петров Олег Иванович', '1', '1', '0'],
        ['Сидорова Анна Сергеевна', '0', '0', '0'],
      ]);
      // The earliest wave has none before it to be compared with.
      expect(await page.getByTestId('confirmed-change').textContent()).toContain(programmesStrings.change.noEarlier);
      expect(await pageScrollsSideways(page)).toBe(false);
      await page.screenshot({ path: `${SCREENSHOTS}/programme-monitoring-${device}.png`, fullPage: true });
    });
  });

  it('downloads the confirmed change as a spreadsheet', async () => {
    await session.asUser(EMAIL, async (page) => {
      await page.goto(`/coordinator/programmes?wave=${w.later.id}&compare=${w.earlier.id}`);
      await page.getByTestId('confirmed-share').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('confirmed-change').getByRole('button', { name: 'Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`confirmed-change-wave-${w.later.id}-from-${w.earlier.id}-${new Date().toISOString().slice(0, 10)}.xlsx`);
    });
  });
});
