import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextStrings as adminText } from '../../client/src/admin/context/strings.js';
import { contextStrings as schoolText } from '../../client/src/school/context/strings.js';
import { csvFile } from '../fixtures/roster/files.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const RESULT_HEADERS = [
  'Код школы',
  'Год',
  'Процедура',
  'Предмет',
  'Класс',
  'Участников',
  'Средний балл',
  'Доля «2», %',
  'Доля «3», %',
  'Доля «4», %',
  'Доля «5», %',
];

/** The demo team school's ВПР in mathematics, grade 5, for two years: the school then reads 3,4 ↑ 0,3 and 14,3% ↓ 7,3. */
const RESULTS = csvFile(
  [
    RESULT_HEADERS,
    ['DEMO-001', 2025, 'ВПР', 'Математика', 5, 37, '3,1', '21,6', '45', '27,1', '6,3'],
    ['DEMO-001', 2026, 'ВПР', 'Математика', 5, 38, '3,4', '14,3', '40,5', '33,3', '11,9'],
  ],
  { encoding: 'win1251' },
);
const BAD = csvFile([RESULT_HEADERS, ['DEMO-001', 2026, 'ЕГЭ', 'Математика', 9, 38, '3,4', '14,3', '40,5', '33,3', '11,9']]);

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// The screens run on PGlite only: the API tests cover both databases.
describe('context of schools in Chromium', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
  });
  afterAll(() => session?.close());

  it('lets the administrator import results with a preview, then apply them', async () => {
    const context = await session.desktop(1366);
    const page = await context.newPage();
    await logIn(page, 'admin@demo.local');
    await page.getByRole('link', { name: 'Контекст школ' }).click();
    await page.waitForURL('**/admin/context');
    await page.getByRole('button', { name: adminText.kinds.results }).click();

    await page.locator('#context-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: BAD });
    const errors = page.getByTestId('context-errors');
    await errors.waitFor();
    expect(await errors.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^2\s+Класс\s+Класс «9» не подходит процедуре/)]);
    expect(await page.getByRole('button', { name: adminText.preview.apply }).isDisabled()).toBe(true);

    await page.locator('#context-file').setInputFiles({ name: 'впр.csv', mimeType: 'text/csv', buffer: RESULTS });
    await page.getByText(adminText.preview.noErrors).waitFor();
    // The demo already has both rows: the file replaces them, and says what each figure was.
    const sample = page.getByTestId('context-sample');
    expect(await sample.locator('tbody tr').count()).toBe(2);
    expect(await sample.locator('.badge').allInnerTexts()).toEqual([adminText.preview.statuses.changed, adminText.preview.statuses.changed]);
    expect(await sample.locator('td.changed').first().innerText()).toContain('было:');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-context-preview.png`, fullPage: true });

    await page.getByRole('button', { name: adminText.preview.apply }).click();
    await page.getByText(adminText.applied({ added: 0, changed: 2, unchanged: 0 })).waitFor();
    await context.close();

    const entry = await session.server.database.db
      .selectFrom('assessment_results as r')
      .innerJoin('schools as s', 's.id', 'r.school_id')
      .select(['r.mean_score', 'r.share_2'])
      .where('s.code', '=', 'DEMO-001')
      .where('r.year', '=', 2026)
      .where('r.procedure', '=', 'vpr')
      .where('r.subject', '=', 'Математика')
      .where('r.grade', '=', 5)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ mean_score: 3.4, share_2: 14.3 });
  });

  it("lets the region's coordinator import from its own screen, and not a municipality's", async () => {
    const context = await session.desktop(1366);
    const page = await context.newPage();
    await logIn(page, 'region@demo.local');
    await page.getByRole('link', { name: 'Контекст школ' }).click();
    await page.waitForURL('**/coordinator/context-import');
    await page.getByRole('button', { name: adminText.kinds.results }).click();
    await page.locator('#context-file').setInputFiles({ name: 'впр.csv', mimeType: 'text/csv', buffer: RESULTS });
    await page.getByText(adminText.preview.noErrors).waitFor();
    // The administrator applied the same file above: nothing would change.
    expect(await page.getByTestId('context-sample').locator('.badge').allInnerTexts()).toEqual([
      adminText.preview.statuses.unchanged,
      adminText.preview.statuses.unchanged,
    ]);
    await page.screenshot({ path: `${SCREENSHOTS}/coordinator-context-import.png`, fullPage: true });
    await context.close();

    const municipal = await session.desktop(1366);
    const other = await municipal.newPage();
    await logIn(other, 'municipality@demo.local');
    await other.getByRole('link', { name: 'Факторы и результаты' }).waitFor();
    expect(await other.getByRole('link', { name: 'Контекст школ' }).count()).toBe(0);
    await municipal.close();
  });

  for (const width of [1366, 360]) {
    it(`shows the school team its context beside the profile with the change from the year before (${width} px)`, async () => {
      const context = width === 360 ? await session.phone(360) : await session.desktop(width);
      const page = await context.newPage();
      await logIn(page, 'school@demo.local');
      const section = page.locator('section.ctx-section');
      await section.getByRole('heading', { name: schoolText.title }).waitFor();
      await section.getByText(schoolText.year(2026)).waitFor();
      const row = section.locator('tbody tr', { hasText: /ВПР · Математика · 5\s+кл\./ });
      await row.waitFor();
      // 3,4 − 3,1 = 0,3 up; 14,3 − 21,6 = 7,3 down.
      expect(await row.locator('td').nth(0).innerText()).toMatch(/3,4\s*↑ 0,3/);
      expect(await row.locator('td').nth(1).innerText()).toMatch(/14,3%\s*↓ 7,3/);
      expect(await row.locator('.ctx-better').count()).toBe(2);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      // The results table fits as well, without a sideways scroll of its own.
      expect(await section.locator('.ctx-table-wrap').evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth)).toBeLessThanOrEqual(0);
      await section.screenshot({ path: `${SCREENSHOTS}/school-context-${width === 360 ? 'phone' : 'desktop'}.png` });
      await context.close();
    });
  }
});
