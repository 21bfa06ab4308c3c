import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextStrings } from '../../client/src/coordinator/context/strings.js';
import { dayOf } from '../../server/shared/rules/zoned-days.js';
import { openSession, SCREENSHOTS, signedInPage, type E2eSession } from './session.js';

/** The table as the page shows it: per school, its name, its score (the text after the level's dot) and its result. */
function table(page: Page) {
  return page
    .getByTestId('scatter-table')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => {
        const [score, value] = [...row.querySelectorAll('td')];
        return { school: row.querySelector('th a')!.textContent!, score: score!.childNodes[1]!.textContent!, value: value!.textContent! };
      }),
    );
}

/** What axe-core (the maintained WCAG rule set) finds wrong on the page's own part, by rule and element. */
async function accessibilityViolations(page: Page) {
  // Evaluated rather than added as a script tag, which the app's Content-Security-Policy rightly refuses.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: string, options: object): Promise<{ passes: unknown[]; violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const { passes, violations } = await axe.run('.cs-page', { runOnly: ['wcag2a', 'wcag2aa'] });
    // A run that checked nothing (the wrong selector, say) would pass silently.
    if (passes.length === 0) return ['axe checked nothing'];
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

// A coordinator's screen: run on PGlite only, as the other coordinators' pages; the API test covers both databases.
describe("the region's scatter of a factor against a result in Chromium", () => {
  let session: E2eSession;
  /** The demo's repeat wave (closed: its scores are out), and the result values given to its schools by name. */
  let repeat: { id: number; title: string };
  const shares = new Map<string, number>();

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
    const db = session.server.database.db;
    const waves = await db.selectFrom('waves').select(['id', 'title', 'opens_at']).orderBy('opens_at').execute();
    repeat = waves[1]!;
    const year = Number(dayOf(waves[1]!.opens_at, 'Europe/Moscow').slice(0, 4));
    const schools = await db.selectFrom('schools').select(['id', 'name']).orderBy('code').execute();
    // Beside the demo's own results, one no demo school has: physics of grade 5 in the repeat wave's year, for every
    // school but the last, with the share of «2» 1, 2, … %.
    for (const [i, school] of schools.slice(0, -1).entries()) {
      await db
        .insertInto('assessment_results')
        .values({ school_id: school.id, year, procedure: 'vpr', subject: 'Физика', grade: 5, participants: 30, mean_score: 40 + 2 * i, share_2: i + 1 })
        .execute();
      shares.set(school.name, i + 1);
    }
  });
  afterAll(() => session?.close());

  it("shows a municipal coordinator only the municipality's schools", async () => {
    await session.asUser('municipality@demo.local', async (page) => {
      await page.goto('/coordinator/context');
      await page.getByTestId('scatter-table').waitFor();
      const rows = await table(page);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(12);
      expect(new Set(await page.getByTestId('scatter-table').locator('.cs-municipality').allTextContents()).size).toBe(1);
      // One municipality: no filter to choose another.
      expect(await page.getByLabel(contextStrings.municipality).count()).toBe(0);
    });
  });

  describe.each([
    ['desktop', 1366],
    ['phone', 360],
  ] as const)('on a %s', (device, width) => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await (device === 'desktop' ? session.desktop(width) : session.phone(width));
      page = await signedInPage(context, 'region@demo.local');
    });
    afterAll(() => context?.close());

    it('opens on the closed wave, picks a result and shows the points, r and the table', async () => {
      await page.getByRole('link', { name: 'Факторы и результаты' }).click();
      const waveSelect = page.getByLabel(contextStrings.wave);
      await expect.poll(() => waveSelect.inputValue()).toBe(String(repeat.id));
      // The demo's own results come first: ВПР, mathematics of the 5th grade, of the wave's year, for all 12 schools.
      await expect.poll(() => page.getByLabel(contextStrings.result).inputValue()).toBe('vpr:5:Математика');
      await expect.poll(async () => (await table(page)).filter((r) => r.value !== '—').length).toBe(12);
      await page.getByLabel(contextStrings.result).selectOption({ label: contextStrings.resultName('ВПР', 'Физика', 5) });
      await page.getByLabel(contextStrings.measure).selectOption({ label: contextStrings.measures.share2 });
      await expect.poll(() => page.url()).toContain('measure=share2');

      const canvas = page.getByTestId('scatter-canvas');
      await canvas.waitFor();
      const box = (await canvas.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.width).toBeLessThanOrEqual(width);

      // The table lists all 12 schools; the one without a result shows a dash and is counted as not plotted.
      await expect.poll(async () => (await table(page)).length).toBe(12);
      const rows = await table(page);
      for (const row of rows) expect(row.value).toBe(shares.has(row.school) ? String(shares.get(row.school)) : '—');
      const plotted = rows.filter((r) => r.value !== '—' && r.score !== '—').length;
      const summary = await page.getByTestId('scatter-summary').textContent();
      expect(summary).toContain(`На диаграмме ${plotted} школ`);
      // Eleven points at least five: r is printed, between −1 and 1, with a comma.
      expect(summary).toMatch(/r = −?[01],\d\d/);
      expect(await page.getByTestId('not-plotted').textContent()).toContain(contextStrings.summary.noResult(1));

      // Sorting by the result puts the highest share first and the school without it last.
      await page.getByTestId('scatter-table').getByRole('button', { name: contextStrings.table.value.share2 }).click();
      await expect.poll(async () => (await table(page)).map((r) => r.value)).toEqual(['11', '10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '—']);

      // Nothing is wider than the screen, the table included.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const wrap = page.locator('.cs-table-wrap');
      expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/context-scatter-${device}.png`, fullPage: true });
    });

    it("says when an open wave's scores will appear", async () => {
      const waves = await session.server.database.db.selectFrom('waves').select('id').orderBy('opens_at', 'desc').execute();
      await page.getByLabel(contextStrings.wave).selectOption(String(waves[0]!.id));
      await expect.poll(() => page.getByTestId('figures-withheld').textContent()).toContain('появятся после её закрытия');
      expect(await page.getByTestId('scatter-canvas').count()).toBe(0);
    });
  });
});
