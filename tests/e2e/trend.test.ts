import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, lastDayOf, points } from '../../client/src/shared/format.js';
import { schoolStrings as s } from '../../client/src/school/strings.js';
import { trendStrings as t } from '../../client/src/school/trend/strings.js';
import { pointText } from '../../client/src/school/trend/TrendTable.js';
import type { TrendPoint } from '../../server/dynamics/trend.schemas.js';
import { teamSchoolProfiles } from '../demo/team-school.js';
import { openSession, SCREENSHOTS, signedInPage, type E2eSession } from './session.js';

type Profile = Awaited<ReturnType<typeof teamSchoolProfiles>>[number];

/** Elements wider than the window, bar those inside a box that scrolls on its own. */
function overflowing(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('[role=region]'))
      .map((e) => `${e.tagName}.${e.className}`),
  );
}

// The page on PGlite only; tests/dynamics/trend.test.ts covers the API on both databases.
describe("a school team's factors across all waves in Chromium", () => {
  let session: E2eSession;
  /** The demo team's entry and repeat waves (closed) and the current one (open, withheld from the team). */
  let waves: Profile[];

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
    waves = await teamSchoolProfiles(session.server.database.db);
    expect(waves.length).toBe(3);
  });
  afterAll(() => session?.close());

  /** What the team may see of a factor in each wave: the closed waves' figures, nothing of the open one. */
  const seen = (factorId: string): TrendPoint[] =>
    waves.map((p, i) => {
      const f = p.factors.find((x) => x.id === factorId)!;
      return i < 2
        ? { shown: 'scored', score: f.score, level: f.level, thresholds: null, alikeWithPrevious: i > 0 }
        : { shown: 'withheld', score: null, level: null, thresholds: null, alikeWithPrevious: true };
    });

  describe.each([
    ['desktop', 1366],
    ['phone', 360],
  ] as const)('on a %s', (device, width) => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await (device === 'desktop' ? session.desktop(width) : session.phone(width));
      page = await signedInPage(context, 'school@demo.local');
    });
    afterAll(() => context?.close());

    it('draws one factor across every wave, the open one left out until it closes', async () => {
      // The team lands on the open wave: its profile is withheld, the waves before it are not.
      await page.getByTestId('figures-withheld').waitFor();
      const section = page.getByTestId('trend');
      const chart = section.getByTestId('trend-chart');
      await chart.waitFor();
      const first = waves[1]!.factors[0]!;
      const label = (id: string, title: string) =>
        `${t.chartLabel(`${id}. ${title}`)}. ${seen(id)
          .map((p, i) => `${waves[i]!.wave.title}: ${pointText(p)}`)
          .join('; ')}`;
      await expect.poll(() => chart.getAttribute('aria-label')).toBe(label(first.id, first.title));
      // The closed waves have scores to draw: a line over the bands of the levels.
      expect(
        seen(first.id)
          .slice(0, 2)
          .every((p) => p.score !== null),
      ).toBe(true);
      const box = (await chart.boundingBox())!;
      expect(box.width).toBeGreaterThan(260);
      expect(box.height).toBeGreaterThan(200);

      const other = waves[1]!.factors.find((f) => f.level === 'high' && f.id !== first.id) ?? waves[1]!.factors[1]!;
      await section.getByTestId('trend-factor').selectOption(other.id);
      await expect.poll(() => chart.getAttribute('aria-label')).toBe(label(other.id, other.title));
      const closes = waves[2]!.wave;
      await expect.poll(() => section.textContent()).toContain(t.withheldNote(closes.title, day(lastDayOf(closes.closesAt), closes.timeZone)));
      // One model throughout: nothing breaks the line.
      expect(await section.getByTestId('trend-broken').count()).toBe(0);
      await expect.poll(() => overflowing(page)).toEqual([]);
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: `${SCREENSHOTS}/school-trend-chart-${device}.png` });
    });

    it('lists every factor by wave as a table with level words and points, scrolling inside itself on a phone', async () => {
      const section = page.getByTestId('trend');
      await section.getByRole('group', { name: t.title }).getByRole('button', { name: t.table }).click();
      const table = section.getByTestId('trend-table');
      await table.waitFor();
      await expect
        .poll(() => table.locator('thead th').allTextContents())
        .toEqual([t.factor, `${waves[0]!.wave.title}${waves[0]!.model.title}`, waves[1]!.wave.title, waves[2]!.wave.title]);
      const closes = waves[2]!.wave;
      const rows = waves[1]!.factors.map((f) => [
        `${f.id}. ${f.title}`,
        ...seen(f.id).map((p) =>
          p.shown === 'withheld'
            ? t.withheld(day(lastDayOf(closes.closesAt), closes.timeZone))
            : `${s.levels[p.level!]}${p.score === null ? '' : ` ${points(p.score)}`}`,
        ),
      ]);
      const cells = () => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
      await expect.poll(cells).toEqual(rows);
      // The page never scrolls sideways; on a phone the table does, inside its box.
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await expect.poll(() => overflowing(page)).toEqual([]);
      await section.screenshot({ path: `${SCREENSHOTS}/school-trend-table-${device}.png` });
    });
  });
});
