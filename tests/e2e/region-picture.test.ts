import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, lastDayOf } from '../../client/src/shared/format.js';
import { regionStrings } from '../../client/src/coordinator/region/strings.js';
import { onDesktopAndPhone, openSession, SCREENSHOTS, type E2eSession } from './session.js';

/** The heat map as the page shows it: per school, the level words of its ten cells. */
function heatMap(page: Page) {
  return page
    .getByTestId('heatmap')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        school: row.querySelector('th a')!.textContent!,
        cells: [...row.querySelectorAll('td.rp-cell')].map((cell) => /: (низкий|средний|высокий|недостаточно данных)/.exec(cell.textContent ?? '')?.[1]),
      })),
    );
}

// The coordinators' screens run on PGlite only: they test the pages; the API tests cover both databases.
describe("the region's picture in Chromium", () => {
  let session: E2eSession;
  /** The demo's waves by when they opened: entry and repeat (closed), then the current one (open). */
  let waves: Array<{ id: number; title: string; closes_at: Date }>;

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
    waves = await session.server.database.db.selectFrom('waves').select(['id', 'title', 'closes_at']).orderBy('opens_at').execute();
  });
  const repeat = () => waves[1]!;
  const current = () => waves[2]!;
  afterAll(() => session?.close());

  onDesktopAndPhone(
    () => session,
    'region@demo.local',
    (device, signedIn) => {
      it('shows the schools × factors heat map, the schools high on each factor and the share with positive change', async () => {
        const page = signedIn();
        await page.getByRole('link', { name: 'Риск-профили региона' }).click();
        // The page opens on the current wave, still open: its profiles wait for the close.
        const withheld = page.getByTestId('figures-withheld');
        await expect
          .poll(() => withheld.textContent())
          .toBe(regionStrings.withheld(current().title, day(lastDayOf(current().closes_at.toISOString()), 'Europe/Moscow')));
        expect(await withheld.textContent()).toContain('появятся после её закрытия');
        expect(await page.getByTestId('heatmap').count()).toBe(0);
        // The repeat wave has closed: its picture is out.
        await page.locator('.rp-controls select').first().selectOption(String(repeat().id));
        await expect.poll(async () => (await heatMap(page)).map((r) => r.cells.filter(Boolean).length)).toEqual(Array(12).fill(10));
        const rows = await heatMap(page);
        // Every cell is named in words for screen readers, not only by its colour.
        const cell = page.getByTestId('heatmap').locator('td.rp-cell').first();
        await expect
          .poll(() => cell.textContent())
          .toMatch(/^\d+МБОУ «Берёзовская СОШ № 1»\. R1\. Низкий уровень оснащения школы: (низкий|средний|высокий), \d+ из 100$/);

        // The footer counts the schools whose cell is high, factor by factor.
        const highCounts = [...Array(10).keys()].map((i) => String(rows.filter((r) => r.cells[i] === 'высокий').length));
        await expect.poll(() => page.getByTestId('heatmap').locator('tfoot td.rp-high-count').allTextContents()).toEqual(highCounts);

        // Compared with the entry wave by default: the share of schools with positive change against 70%.
        const positive = page.getByTestId('positive-change');
        await expect.poll(() => positive.textContent()).toMatch(/Положительная динамика\d+(,\d)?%.*из 12 школ · цель — не меньше 70% школ/);
        const changes = page.getByTestId('heatmap').locator('td.rp-change');
        await expect.poll(() => changes.count()).toBe(12);
        // The column says what it counts, and each cell says it in words to a screen reader.
        await expect.poll(() => page.getByTestId('heatmap').locator('thead th').last().textContent()).toBe('Положительная динамика');
        await expect.poll(() => page.getByTestId('change-legend').textContent()).toContain('«Положительная динамика: ↓ есть» — риск');
        expect(await changes.first().locator('.rp-hidden').textContent()).toMatch(/^МБОУ «Берёзовская СОШ № 1»: положительная динамика — (есть|нет)$/);
        const changed = await changes.allTextContents();
        const share = Math.round((changed.filter((c) => c.includes('есть')).length / 12) * 1000) / 10;
        await expect.poll(() => positive.locator('.value').textContent()).toBe(`${String(share).replace('.', ',')}%`);

        await page.screenshot({ path: `${SCREENSHOTS}/region-heatmap-${device}.png`, fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(device === 'phone' ? 360 : 1366);
      });

      it("opens a school's profile from the heat map", async () => {
        const page = signedIn();
        await page.getByTestId('heatmap').getByRole('link', { name: 'МАОУ «Средняя школа № 5»' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe('МАОУ «Средняя школа № 5»');
        await page.locator('.sc-profile-chart canvas[role=img]').waitFor();
        await page.getByRole('link', { name: '← Риск-профили региона' }).click();
        await page.getByTestId('heatmap').waitFor();
      });
    },
    360,
  );

  it('exports every profile of the wave to CSV', async () => {
    await session.asUser('region@demo.local', async (page) => {
      await page.goto(`/coordinator/profiles?wave=${repeat().id}`);
      await page.getByTestId('heatmap').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^profiles-wave-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
      const header = lines.findIndex((l) => l.startsWith('Код школы;'));
      expect(lines.slice(header + 1)).toHaveLength(12);
      // Code, school, municipality; then per factor its score, the interval's two ends and the level.
      expect(lines[header].split(';')).toHaveLength(3 + 4 * 10);
    });
  });

  it('keeps the summary cards, the factor table and the export to the municipality the filter leaves', async () => {
    await session.asUser('region@demo.local', async (page) => {
      await page.goto(`/coordinator/profiles?wave=${repeat().id}`);
      await page.getByTestId('heatmap').waitFor();
      const positive = page.getByTestId('positive-change');
      await expect.poll(() => positive.textContent()).toContain('из 12 школ');
      const filter = page.locator('.rp-filters select').first();
      const [, first] = await filter.locator('option').allTextContents();
      await filter.selectOption({ label: first });
      await expect.poll(async () => new Set(await page.getByTestId('heatmap').locator('.rp-municipality').allTextContents())).toEqual(new Set([first]));
      const shown = (await heatMap(page)).length;
      expect(shown).toBeLessThan(12);
      await expect.poll(() => positive.textContent()).toContain(`из ${shown} школ`);
      await expect.poll(() => page.locator('.rp-stats .stat').first().textContent()).toBe(`Школ${shown}в муниципалитете: ${first}`);
      // Each factor's row of the table counts the shown schools only: its levels add up to them.
      const sums = await page
        .locator('.rp-factors tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => [...row.querySelectorAll('td.num')].slice(0, 4).reduce((sum, td) => sum + Number(/\d+/.exec(td.textContent ?? '')?.[0] ?? 0), 0)),
        );
      expect(sums).toEqual(Array(10).fill(shown));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
      const lines = readFileSync((await download.path())!)
        .subarray(3)
        .toString('utf8')
        .split('\r\n')
        .filter(Boolean);
      expect(lines).toContain(`Отбор;${first}`);
      const header = lines.findIndex((l) => l.startsWith('Код школы;'));
      expect(lines.slice(header + 1)).toHaveLength(shown);
    });
  });

  it("shows a municipal coordinator only the municipality's schools", async () => {
    await session.asUser('municipality@demo.local', async (page) => {
      await page.goto(`/coordinator/profiles?wave=${repeat().id}`);
      await page.getByTestId('heatmap').waitFor();
      await expect.poll(async () => (await heatMap(page)).length).toBeGreaterThan(0);
      expect((await heatMap(page)).length).toBeLessThan(12);
      await expect.poll(async () => new Set(await page.getByTestId('heatmap').locator('.rp-municipality').allTextContents()).size).toBe(1);
    });
  });
});
