import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { PAGE_LANGUAGES } from '../../client/src/respond/page-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageStrings } from '../../client/src/respond/strings.js';
import { translationStrings } from '../../client/src/admin/translations/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { DEMO_PASSWORD } from '../../server/demo/seed.js';
import { readTranslations } from '../../server/surveys/translations.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { openSession, SCREENSHOTS, type E2eSession } from './session.js';
import { answerCurrentPage, answerWholeQuestionnaire, overflowingElements } from './survey-driver.js';

const uz = (await readTranslations()).find((t) => t.role === 'parent' && t.language === 'uz')!;

/** What the survey driver taps: the first choice of every question, in the questionnaire's own values. */
const FIRST_CHOICES = {
  pa_child_grade: '1',
  pa_relations: 5,
  pa_order: 5,
  pa_meetings: 'always',
  pa_follow_studies: 'daily',
  pa_class_teacher_talk: 'yes',
  pa_informed: 'yes',
};

/** What axe-core's WCAG 2 A/AA rules find wrong with the language picker (SurveyJS's own markup is not ours to judge here). */
async function pickerViolations(page: Page) {
  // Evaluated rather than added as a script tag, which the page's Content-Security-Policy rightly refuses.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: string, options: object): Promise<{ passes: unknown[]; violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> };
      }
    ).axe;
    const { passes, violations } = await axe.run('[data-testid=language-picker]', { runOnly: ['wcag2a', 'wcag2aa'] });
    if (passes.length === 0) return ['axe checked nothing'];
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * The survey driver taps, and a desktop window has no touch: a mouse answers there, the first choice of each
 * question like the driver, page after page until «Отправить».
 */
async function clickThrough(page: Page, wholeQuestionnaire: boolean) {
  for (;;) {
    const questions = page.locator('.sd-body .sd-page .sd-question');
    for (let i = 0; i < (await questions.count()); i++) {
      const q = questions.nth(i);
      if ((await q.locator('.sd-dropdown').count()) > 0) {
        await q.locator('.sd-dropdown').click();
        await page.getByRole('option', { name: uz.strings['pa_child_grade.choice.1'], exact: true }).click();
      } else {
        await q.locator('.sd-selectbase__label').first().click();
      }
    }
    if (!wholeQuestionnaire) return;
    const complete = page.locator('.sd-navigation__complete-btn');
    if (await complete.isVisible()) return complete.click();
    const before = await page.locator('.sd-progress__text:not(.sd-hidden)').textContent();
    await page.locator('.sd-navigation__next-btn').click();
    await page.waitForFunction((text) => document.querySelector('.sd-progress__text:not(.sd-hidden)')?.textContent !== text, before);
  }
}

// The respondent page runs on PGlite only: the API test covers both databases.
describe('a parent answers the questionnaire in Uzbek', { timeout: 180_000 }, () => {
  let session: E2eSession;
  let world: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    session = await openSession();
    world = await newWorld(session.server.database.db);
  });
  afterAll(() => session?.close());

  const devices = [
    ['phone', 360],
    ['desktop', 1366],
  ] as const;

  it.each(devices)('on a %s (%i px): switches, sees Uzbek and «перевод не проверен», reloads into Uzbek, submits the same values', async (device, width) => {
    const context: BrowserContext = device === 'phone' ? await session.phone(width) : await session.desktop(width);
    try {
      const page: Page = await context.newPage();
      const link = await newLink(session.server.database.db, world.wave.id, world.school.id, 'parent');
      await page.goto(`/s/${link.token}`);
      await page.locator('.sd-question').first().waitFor();

      const picker = page.getByTestId('language-picker');
      const uzbek = picker.getByRole('button', { name: new RegExp(uz.name) });
      expect(await picker.getByRole('button').allTextContents()).toEqual([
        'Русский',
        `Кыргызча${languageStrings.unverified}`,
        `Тоҷикӣ${languageStrings.unverified}`,
        `Oʻzbekcha${languageStrings.unverified}`,
      ]);
      expect(await page.locator('.sd-question__title').first().textContent()).toContain('В каком классе учится ваш ребёнок?');

      await uzbek.click();
      await expect.poll(() => page.locator('.sd-question__title').first().textContent()).toContain(uz.strings['pa_child_grade.title']);
      expect(await uzbek.getAttribute('aria-pressed')).toBe('true');
      expect(await page.locator('.rs-intro__title').textContent()).toBe(uz.strings.title);
      expect((await page.locator('.sd-navigation__next-btn').textContent())?.trim()).toBe(uz.ui.pageNextText);
      expect(await page.locator('[data-name=pa_relations] .sd-selectbase__label').last().textContent()).toBe(uz.strings['pa_relations.choice.dont_know']);
      expect(await overflowingElements(page)).toEqual([]);
      expect(await pickerViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/languages-parent-uz-${device}.png`, fullPage: true });

      if (device === 'phone') await answerCurrentPage(page);
      else await clickThrough(page, false);
      await page.reload();
      await page.locator('.sd-question').first().waitFor();
      // The language is kept on the device, and so are the answers given in it.
      expect(await page.locator('.sd-question__title').first().textContent()).toContain(uz.strings['pa_child_grade.title']);
      expect(
        await page
          .getByTestId('language-picker')
          .getByRole('button', { name: new RegExp(uz.name) })
          .getAttribute('aria-pressed'),
      ).toBe('true');
      expect(await page.locator('[data-name=pa_relations] .sd-item--checked').textContent()).toBe(uz.strings['pa_relations.choice.5']);

      if (device === 'phone') await answerWholeQuestionnaire(page);
      else await clickThrough(page, true);
      await page.getByTestId('thank-you').waitFor();
      expect(await page.getByTestId('thank-you').locator('h1').textContent()).toBe(PAGE_LANGUAGES.uz.texts.thanksTitle);
      expect(await page.getByTestId('thank-you').getAttribute('lang')).toBe('uz');
      await page.screenshot({ path: `${SCREENSHOTS}/languages-parent-uz-${device}-sent.png`, fullPage: true });
      const rows = await session.server.database.db.selectFrom('responses').select('answers').where('link_id', '=', link.id).execute();
      expect(rows.map((r) => r.answers)).toEqual([FIRST_CHOICES]);
    } finally {
      await context.close();
    }
  });

  it('an administrator reads the Uzbek beside the Russian and confirms it; the parent page drops «перевод не проверен»', async () => {
    const email = `admin-${Date.now()}@test.local`;
    await createAccount(session.server.database.db, { role: 'admin', email, password: DEMO_PASSWORD });
    await session.asUser(email, async (page) => {
      await page.goto('/admin/translations');
      const card = page.getByTestId('translation-parent-uz');
      await card.getByText(translationStrings.unverified).waitFor();
      await card.getByText(translationStrings.showStrings(51)).click();
      await card.getByRole('cell', { name: uz.strings['pa_order.title'] }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/languages-admin-review.png`, fullPage: true });
      page.once('dialog', (dialog) => void dialog.accept());
      await card.getByRole('button', { name: translationStrings.confirm }).click();
      await page.getByRole('status').getByText(translationStrings.confirmedNotice(uz.name)).waitFor();
      await card.getByText(new RegExp(`Подтверждён .*${email}`)).waitFor();
      expect(await card.getByRole('button', { name: translationStrings.confirm }).count()).toBe(0);
      expect(await page.getByTestId('translation-parent-tg').getByText(translationStrings.unverified).count()).toBe(1);
    });

    const context = await session.phone(360);
    try {
      const page = await context.newPage();
      const link = await newLink(session.server.database.db, world.wave.id, world.school.id, 'parent');
      await page.goto(`/s/${link.token}`);
      await page.locator('.sd-question').first().waitFor();
      expect(await page.getByTestId('language-picker').getByRole('button').allTextContents()).toEqual([
        'Русский',
        `Кыргызча${languageStrings.unverified}`,
        `Тоҷикӣ${languageStrings.unverified}`,
        'Oʻzbekcha',
      ]);
    } finally {
      await context.close();
    }
  });
});
