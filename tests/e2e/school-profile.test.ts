import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { day, lastDayOf, points } from '../../client/src/shared/format.js';
import { chartSummaryOf, intervalPoints } from '../../client/src/school/profile/interval.js';
import { PRINT_PIXEL_RATIO } from '../../client/src/school/profile/ProfileChart.js';
import { schoolStrings as s } from '../../client/src/school/strings.js';
import { comparisonStrings as c } from '../../client/src/school/comparisons/strings.js';
import { contextStrings } from '../../client/src/school/context/strings.js';
import type { SchoolComparisons } from '../../server/comparisons/comparisons.schemas.js';
import { DEMO_TEAM_SCHOOL } from '../../server/demo/roster.js';
import { hideSmallCounts } from '../../server/disclosure/small-counts.js';
import { compareProfiles } from '../../server/dynamics/compare.js';
import { keyIndicators, needsDistribution } from '../../server/explanations/explain.js';
import { storedModel } from '../../server/risk-models/stored-model.js';
import { MIN_GROUP } from '../../server/shared/rules/min-group.js';
import type { FactorResult, RiskModel } from '../../server/scoring/model.js';
import { teamSchoolProfiles } from '../demo/team-school.js';
import { onDesktopAndPhone, openSession, SCREENSHOTS, type E2eSession } from './session.js';

type Profile = Awaited<ReturnType<typeof teamSchoolProfiles>>[number];

/** Elements wider than the window: on a phone nothing may push the page sideways. */
function overflowing(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('[role=region]'))
      .map((e) => `${e.tagName}.${e.className}`),
  );
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A text that contains every one of `parts`, in any order, and ends with `end`. */
const textWith = (parts: string[], end: string) =>
  expect.stringMatching(new RegExp(`^${parts.map((p) => `(?=[\\s\\S]*${escaped(p)})`).join('')}[\\s\\S]*${escaped(end)}$`));

const byScore = (a: FactorResult, b: FactorResult) => (b.score ?? -1) - (a.score ?? -1);

/** What a team opens first: its highest high factor among those whose key indicators have answers to show. */
function factorToExplain(model: RiskModel, profile: Profile): FactorResult | undefined {
  const indicators = new Map(model.factors.flatMap((f) => f.indicators).map((i) => [i.id, i]));
  return profile.factors
    .filter((f) => f.level === 'high')
    .sort(byScore)
    .find((f) => {
      const keys = keyIndicators(f);
      return f.indicators.some((r) => keys.has(r.id) && needsDistribution(indicators.get(r.id)!, r));
    });
}

/** The first number of each answer's count in a shown distribution, and whether the answer raises the risk. */
function distributionRows(item: Locator) {
  return item.locator('.sc-distribution li').evaluateAll((rows) =>
    rows.map((row) => ({
      count: Number.parseInt(row.querySelector('.sc-count')?.textContent ?? '', 10),
      raisesRisk: row.classList.contains('sc-risky') || row.classList.contains('sc-some-risk'),
    })),
  );
}

// The school's screens run on PGlite only: they test the pages; the API tests cover both databases.
describe("a school team's risk profile in Chromium", () => {
  let session: E2eSession;
  let model: RiskModel;
  /** The team school's profiles in the entry and the repeat wave (both closed) and the current open one. */
  let entry: Profile;
  let repeat: Profile;
  let current: Profile;

  beforeAll(async () => {
    // The demo region: three waves of simulated answers, the last still open, and school@demo.local for its team's school.
    session = await openSession({ data: 'demo' });
    [entry, repeat, current] = await teamSchoolProfiles(session.server.database.db);
    model = await storedModel(session.server.database.db, repeat.model.id);
  });
  afterAll(() => session?.close());

  onDesktopAndPhone(
    () => session,
    'school@demo.local',
    (device, signedIn) => {
      it('lands on the open wave: its participation live, its profile withheld until the wave closes', async () => {
        const page = signedIn();
        expect(new URL(page.url()).pathname).toBe('/school');
        await expect.poll(() => page.locator('h1').textContent()).toBe(DEMO_TEAM_SCHOOL.name);
        const withheld = page.getByTestId('figures-withheld');
        await expect.poll(() => withheld.textContent()).toContain(s.withheld.profile(day(lastDayOf(current.wave.closesAt), current.wave.timeZone)));
        await expect.poll(() => withheld.textContent()).toContain('появится после закрытия волны');
        const teachers = current.roles.teacher;
        await expect.poll(() => page.getByTestId('participation-teacher').textContent()).toContain(s.participation.of(teachers.responses, teachers.expected));
        expect(await page.locator('.sc-profile-chart canvas').count()).toBe(0);
        expect(await page.getByTestId('dynamics').count()).toBe(0);
        await page.screenshot({ path: `${SCREENSHOTS}/school-profile-withheld-${device}.png`, fullPage: true });
      });

      it('opens the repeat wave: participation against the target, then the ten factors as a chart and as a table', async () => {
        const page = signedIn();
        await page.locator('.sc-head-tools select').selectOption(String(repeat.wave.id));
        await expect.poll(() => new URL(page.url()).searchParams.get('wave')).toBe(String(repeat.wave.id));
        const teachers = repeat.roles.teacher;
        await expect.poll(() => page.getByTestId('participation-teacher').textContent()).toContain(s.participation.of(teachers.responses, teachers.expected));

        // The demo gives the team something to look into: several high factors next to low ones.
        const count = (level: string) => repeat.factors.filter((f) => f.level === level).length;
        expect(count('high')).toBeGreaterThanOrEqual(2);
        expect(count('low')).toBeGreaterThanOrEqual(1);
        const chart = page.locator('.sc-profile-chart canvas[role=img]');
        await chart.waitFor();
        await expect
          .poll(() => page.locator('p.sc-small').allTextContents())
          .toContain(s.profile.counts(count('high'), count('medium'), count('insufficient')));
        const summary = repeat.factors.map((f) => `${f.id}: ${chartSummaryOf(f)}`).join('; ');
        await expect.poll(() => chart.getAttribute('aria-label')).toBe(`${s.profile.chartLabel(repeat.wave.title)}. ${summary}`);
        await expect.poll(() => overflowing(page)).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOTS}/school-profile-${device}.png`, fullPage: true });

        await page.getByRole('group', { name: s.profile.title }).getByRole('button', { name: 'Таблица' }).click();
        const rows = page.locator('table tbody tr').filter({ hasText: /из 100/ });
        // Each score with its 80% interval, and «пограничный» beside a level whose interval holds a threshold (docs/methodology.md §8).
        const scoreText = (f: Profile['factors'][number]) => {
          const shown = intervalPoints(f.interval);
          return `${s.profile.scoreOf(points(f.score!))}${shown ? ` ${s.profile.interval(shown.low, shown.high)}` : ''}`;
        };
        await expect
          .poll(() => rows.allTextContents())
          .toEqual(
            repeat.factors.map((f) =>
              expect.stringContaining(`${f.id}. ${f.title}${scoreText(f)}${s.levels[f.level]}${f.borderline ? s.profile.borderline : ''}`),
            ),
          );
        // The demo's schools answer in part, so their scores have intervals to show.
        const withInterval = repeat.factors.filter((f) => intervalPoints(f.interval));
        expect(withInterval.length, 'factors with an interval').toBeGreaterThan(0);
        const firstInterval = intervalPoints(withInterval[0]!.interval)!;
        await expect
          .poll(async () => (await rows.locator('.sc-interval').first().innerText()).trim())
          .toBe(s.profile.interval(firstInterval.low, firstInterval.high));
        const borderline = repeat.factors.filter((f) => f.borderline).length;
        await expect.poll(() => rows.locator('.sc-borderline').count()).toBe(borderline);
        if (borderline > 0) await expect.poll(() => rows.locator('.sc-borderline').first().innerText()).toBe(s.profile.borderline);
        await page.getByRole('group', { name: s.profile.title }).getByRole('button', { name: 'График' }).click();
      });

      it('opens a high factor and reads which indicators make it high and how people answered', async () => {
        const page = signedIn();
        const factor = factorToExplain(model, repeat);
        expect(factor, 'a high factor with answers to show').toBeDefined();
        const f = factor!;
        const opener =
          device === 'phone'
            ? page.locator('ul.sc-factor-list button').filter({ hasText: f.title })
            : page.getByRole('button', { name: `${s.profile.why} ${f.id}. ${f.title}` });
        await opener.click();
        const explanation = page.getByTestId('explanation');
        await explanation.waitFor();
        await expect.poll(() => explanation.locator('h3').textContent()).toBe(`${f.id}. ${f.title}`);
        await expect.poll(() => explanation.textContent()).toContain(s.explanation.sentence(s.levels.high, points(f.score!)));

        // Every indicator of the factor, the key ones named in the summary and badged as the main reason.
        await expect.poll(() => explanation.locator('li[data-testid^=indicator-]').count()).toBe(f.indicators.length);
        const keys = keyIndicators(f);
        await expect.poll(() => explanation.locator('.sc-key-list li').count()).toBe(keys.size);
        const indicators = new Map(model.factors.flatMap((x) => x.indicators).map((i) => [i.id, i]));
        for (const result of f.indicators) {
          const item = explanation.getByTestId(`indicator-${result.id}`);
          // A count below the minimum group of an anonymous role reads «менее 5».
          const shownN = hideSmallCounts([result], { role: 'school', regionId: null, municipalityId: null, schoolId: null })[0]!.n;
          await expect.poll(() => item.textContent()).toContain(s.explanation.answered(shownN, MIN_GROUP));
          const text = (await item.textContent())!;
          expect(text.includes(s.explanation.keyBadge), result.id).toBe(keys.has(result.id));
          expect(text).toContain(s.explanation.answered(shownN, MIN_GROUP));
          if (needsDistribution(indicators.get(result.id)!, result)) {
            // How people answered, with the answers that raise the risk among them.
            expect(text).toContain(s.explanation.distributionOf(result.n));
            const answers = await distributionRows(item);
            expect(answers.length, result.id).toBeGreaterThanOrEqual(2);
            if (keys.has(result.id))
              expect(
                answers.some((a) => a.raisesRisk && a.count > 0),
                result.id,
              ).toBe(true);
          } else {
            expect(await item.locator('.sc-distribution').count(), result.id).toBe(0);
          }
          // The principal's own answers are shown, never a breakdown of one person.
          if (result.role === 'principal') await expect.poll(() => item.locator('.sc-principal-inline li').count(), { message: result.id }).toBeGreaterThan(0);
        }
        expect(await overflowing(page)).toEqual([]);
        await explanation.screenshot({ path: `${SCREENSHOTS}/school-explanation-${device}.png` });
        await page.getByRole('button', { name: s.explanation.close }).click();
        await expect.poll(() => explanation.count()).toBe(0);
      });

      it("sets each factor beside the region's schools and the similar ones, with how many schools each rests on", async () => {
        const page = signedIn();
        const section = page.locator('section[aria-labelledby=comparisons-title]');
        await section.locator('table').waitFor();
        const body = (await (await page.request.get(`/api/waves/${repeat.wave.id}/schools/${repeat.school.id}/comparisons`)).json()) as SchoolComparisons;
        // The demo region has twelve schools: every factor with scores is compared with the region.
        expect(body.regionSchools).toBe(12);
        const rows = section.locator('tbody tr');
        await expect.poll(() => rows.count()).toBe(repeat.factors.length);
        for (const [i, f] of body.factors.entries()) {
          const row = (await rows.nth(i).innerText()).replace(/\s+/g, ' ');
          expect(row).toContain(`${f.id}. ${f.title}`);
          if (f.region.median !== null) {
            expect(row).toContain(c.median(points(f.region.median)));
            expect(row).toContain(c.basedOn(f.region.schools));
          } else {
            expect(row).toContain(c.tooFew(f.region.schools));
          }
        }
        expect(await section.locator('.sc-track').count()).toBeGreaterThan(0);
        expect(await overflowing(page)).toEqual([]);
        await section.screenshot({ path: `${SCREENSHOTS}/school-comparisons-${device}.png` });
      });

      it('compares the profile with the earlier wave: some factors better, some worse', async () => {
        const page = signedIn();
        const comparison = compareProfiles(entry.factors, repeat.factors);
        expect(comparison.factors.filter((f) => (f.levelChange ?? 0) <= -1).length, 'factors a level lower').toBeGreaterThan(0);
        expect(comparison.factors.filter((f) => (f.levelChange ?? 0) >= 1).length, 'factors a level higher').toBeGreaterThan(0);
        // Only a change of level beyond the noise of the two scores counts (docs/methodology.md §4).
        const counted = comparison.factors.filter((f) => f.beyondNoise);
        const down = counted.filter((f) => f.levelChange! <= -1).length;
        const up = counted.filter((f) => f.levelChange! >= 1).length;
        const noisy = comparison.factors.filter((f) => f.levelChange !== 0 && !f.beyondNoise).length;

        const dynamics = page.getByTestId('dynamics');
        await dynamics.getByRole('combobox').selectOption({ label: entry.wave.title });
        const verdict = `${comparison.positiveChange ? s.dynamics.positive : s.dynamics.notPositive}${s.dynamics.summary(down, up)}${noisy > 0 ? s.dynamics.summaryNoise(noisy) : ''}`;
        await expect.poll(() => dynamics.locator('[role=status]').textContent()).toBe(verdict);
        // One model in both waves: nothing to warn about.
        expect(await dynamics.getByTestId('dynamics-other-model').count()).toBe(0);
        const rows = comparison.factors.map((f) => {
          const moved =
            f.levelChange! < 0 ? s.dynamics.levelDown(-f.levelChange!) : f.levelChange! > 0 ? s.dynamics.levelUp(f.levelChange!) : s.dynamics.levelSame;
          const level = f.levelChange !== 0 && !f.beyondNoise ? `${moved} — ${s.dynamics.withinNoise}` : moved;
          const parts = [
            `${f.id}. ${f.title}`,
            `${s.levels[f.earlier!.level]} ${points(f.earlier!.score!)}`,
            `${s.levels[f.later!.level]} ${points(f.later!.score!)}`,
            s.dynamics.direction[f.direction!],
          ];
          return textWith(parts, level);
        });
        await expect.poll(() => dynamics.locator('tbody tr').allTextContents()).toEqual(rows);
        await dynamics.screenshot({ path: `${SCREENSHOTS}/school-dynamics-${device}.png` });
      });

      it('prints the report with school, wave, date, model and every explanation', async () => {
        const page = signedIn();
        await page.getByRole('link', { name: 'Отчёт для печати' }).click();
        const report = page.getByTestId('report');
        await report.waitFor();
        await expect.poll(() => report.locator('[data-testid=explanation]').count()).toBe(10);
        const text = () => report.textContent();
        await expect.poll(text).toMatch(/Отчёт о риск-профиле школы/);
        await expect.poll(text).toContain(`Школа${DEMO_TEAM_SCHOOL.name}`);
        await expect.poll(text).toMatch(/ВолнаПовторное анкетирование/);
        // The model by its title: its id (500plus-v2) means nothing to a school team.
        await expect.poll(text).toContain('МодельРиск-профиль школы по программе «500+», модель версии 2');
        expect(await page.locator('body').textContent()).not.toMatch(/500plus/);
        await expect.poll(text).toMatch(/Дата отчёта\d{1,2} [а-я]+ \d{4} г\./);
        await page.emulateMedia({ media: 'print' });
        await expect.poll(() => page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(false);
        // Beside the profile: the comparisons with other schools and the change since the earlier wave.
        await expect.poll(() => report.locator('.sc-report-comparisons tbody tr').count()).toBe(repeat.factors.length);
        await expect.poll(() => report.getByTestId('dynamics').locator('tbody tr').count()).toBe(repeat.factors.length);
        await expect.poll(() => report.getByTestId('dynamics').textContent()).toContain(entry.wave.title);
        // What else is known of the school: the demo imported its results of 2025 and 2026.
        await expect.poll(() => report.locator('.sc-report-context h2').textContent()).toBe(contextStrings.title);
        await expect.poll(() => report.locator('.sc-report-context tbody tr').count()).toBeGreaterThan(0);
        // And every wave of the school, a column each.
        await expect
          .poll(() => report.locator('.sc-report-trend thead th').allTextContents())
          .toEqual([expect.any(String), ...[entry, repeat, current].map((p) => expect.stringContaining(p.wave.title))]);
        // The chart is drawn at print resolution: three canvas pixels to a CSS pixel, whatever the screen.
        const canvas = report.locator('canvas[role=img]');
        expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.width, Math.round(c.getBoundingClientRect().width)])).toEqual([680 * PRINT_PIXEL_RATIO, 680]);
        await page.screenshot({ path: `${SCREENSHOTS}/school-report-print-${device}.png`, fullPage: true });
        if (device === 'desktop') {
          const file = `${SCREENSHOTS}/school-report.pdf`;
          const pdf = await page.pdf({ path: file, format: 'A4', printBackground: true, preferCSSPageSize: true });
          expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
          expect(readFileSync(file).length).toBeGreaterThan(50_000);
          // Every page carries its number of all, and the school and wave, in the page's margin.
          const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
            .split('\f')
            .filter((p) => p.trim());
          expect(pages.length).toBeGreaterThan(2);
          for (const [i, text] of pages.entries()) {
            expect(text, `page ${i + 1}`).toContain(`Страница ${i + 1} из ${pages.length}`);
            expect(text, `page ${i + 1}`).toContain(`${DEMO_TEAM_SCHOOL.name} · ${repeat.wave.title}`);
          }
        }
        await page.emulateMedia({ media: 'screen' });
        await page.getByRole('link', { name: '← К профилю' }).click();
        await page.locator('.sc-profile-chart canvas[role=img]').waitFor();
      });
    },
  );

  it('chooses up to three priority risks, which the dynamics then mark', async () => {
    await session.asUser('school@demo.local', async (page) => {
      // Priorities chosen after the entry wave are what the team worked on until the repeat wave: its three highest risks.
      await page.goto(`/school?wave=${entry.wave.id}`);
      const card = page.getByTestId('priorities');
      const highest = [...entry.factors].sort(byScore).slice(0, 3);
      const listed = () => card.locator('ol li').allTextContents();
      // The demo's team chose them already, its programmes follow them (server/demo/programmes.ts); it chooses again here.
      await expect.poll(listed).toEqual(highest.map((f) => expect.stringMatching(new RegExp(`^${f.id}\\.`))));
      await card.getByRole('button', { name: 'Выбрать приоритеты' }).click();
      for (const f of highest) await card.getByRole('checkbox', { name: f.title }).uncheck();
      for (const f of highest) await card.getByRole('checkbox', { name: f.title }).check();
      // A fourth cannot be ticked.
      const other = entry.factors.find((f) => !highest.includes(f))!;
      await expect.poll(() => card.getByRole('checkbox', { name: other.title }).isDisabled()).toBe(true);
      await card.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => card.textContent()).toMatch(/Приоритеты сохранены/);
      // In the team's order, the order they were ticked in (server/priorities), highest risk first here.
      await expect.poll(listed).toEqual(highest.map((f) => expect.stringMatching(new RegExp(`^${f.id}\\.`))));

      await page.goto(`/school?wave=${repeat.wave.id}`);
      const dynamics = page.getByTestId('dynamics');
      await expect.poll(() => dynamics.locator('tbody tr.sc-priority-row').count()).toBe(highest.length);
      await expect.poll(() => dynamics.textContent()).toContain(s.dynamics.priorityHint(entry.wave.title));
      await dynamics.screenshot({ path: `${SCREENSHOTS}/school-dynamics-priorities-desktop.png` });
    });
  });

  it("never shows a school team another school's profile", async () => {
    await session.asUser('school@demo.local', async (page) => {
      const other = await session.server.database.db.selectFrom('schools').select('id').where('code', '=', 'DEMO-009').executeTakeFirstOrThrow();
      await page.goto(`/school/${other.id}`);
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/за пределами территории/);
      await expect.poll(() => page.locator('canvas').count()).toBe(0);
    });
  });
});
