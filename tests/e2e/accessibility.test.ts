import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { createInvitation } from '../../server/auth/invitations.repository.js';
import { findDemoLinks } from '../../server/demo/seed.js';
import { DEMO_TEAM_SCHOOL } from '../../server/demo/roster.js';
import { schoolStrings } from '../../client/src/school/strings.js';
import { seriousViolations } from './axe.js';
import { openScreen, sidewaysScroll } from './screens.js';
import { completeWithKeyboard } from './keyboard-respondent.js';
import { logIn, openSession, SCREENSHOTS, signedInPage, type E2eSession } from './session.js';

const parentQuestions = [...(await loadQuestionnaires()).parent.questions.keys()].sort();

/**
 * Presses Tab up to `presses` times from the top of the page; returns the controls that took the focus but show no
 * ring of at least 2 px (an outline, or a box-shadow), on themselves or, for a visually hidden radio or checkbox, on
 * the label that stands for it. A screen where nothing took the focus is reported too.
 */
async function controlsWithoutRing(page: Page, presses: number): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const missing = new Set<string>();
  let reached = 0;
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const result = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return 'end';
      const box = e.getBoundingClientRect();
      const shown = box.width <= 2 || box.height <= 2 ? (e.closest('label') ?? e) : e;
      const style = getComputedStyle(shown);
      const ringed = (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
      return ringed
        ? 'ok'
        : `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} «${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}»`;
    });
    if (result === 'end') break;
    reached++;
    if (result !== 'ok') missing.add(result);
  }
  return reached === 0 ? ['no control took the focus'] : [...missing];
}

describe('accessibility in Chromium', { timeout: 300_000 }, () => {
  let session: E2eSession;
  let ids: { openWave: number; repeatWave: number; school: number; programme: number; parentToken: string };

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
    const db = session.server.database.db;
    const school = await db.selectFrom('schools').select('id').where('code', '=', DEMO_TEAM_SCHOOL.code).executeTakeFirstOrThrow();
    // The demo's waves: the entry and the repeat wave (closed, their profiles out) and the open one.
    const [, repeatWave, openWave] = await db.selectFrom('waves').select('id').orderBy('opens_at').execute();
    const programme = await db.selectFrom('programmes').select('id').where('school_id', '=', school.id).executeTakeFirstOrThrow();
    const links = await findDemoLinks(db);
    ids = {
      openWave: openWave!.id,
      repeatWave: repeatWave!.id,
      school: school.id,
      programme: programme.id,
      parentToken: links.find((l) => l.role === 'parent')!.token,
    };
  });
  afterAll(() => session?.close());

  const staffScreens = () => ({
    'admin@demo.local': [
      '/admin',
      `/admin/waves/${ids.openWave}`,
      `/admin/waves/${ids.openWave}/schools/${ids.school}/sheet`,
      `/admin/waves/${ids.openWave}/schools/${ids.school}/codes`,
      '/admin/roster',
      '/admin/context',
      '/admin/accounts',
      '/admin/tokens',
      '/admin/methodology',
      '/admin/audit',
      '/password',
    ],
    'region@demo.local': [
      '/coordinator',
      '/coordinator/profiles',
      '/coordinator/context',
      '/coordinator/context-import',
      '/coordinator/programmes',
      '/coordinator/curators',
    ],
    'school@demo.local': ['/school', '/school/report', '/school/visits', `/school/programmes/${ids.programme}`],
    'curator@demo.local': ['/curator'],
  });
  /** The school's profile and report of a closed wave, with its factors, chart and tables. */
  const releasedProfile = () => ({ 'school@demo.local': [`/school?wave=${ids.repeatWave}`, `/school/report?wave=${ids.repeatWave}`] });

  it('finds no serious or critical WCAG 2 A/AA violation on any staff screen', async () => {
    const found: Record<string, string[]> = {};
    for (const [email, paths] of [...Object.entries(staffScreens()), ...Object.entries(releasedProfile())]) {
      const context = await session.desktop();
      const page = await signedInPage(context, email);
      for (const path of paths) {
        await openScreen(page, path);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[`${email} ${path}`] = violations;
      }
      await context.close();
    }
    expect(found).toEqual({});
  });

  it('finds none on the login page, an invitation, the respondent page and the code entry', async () => {
    const context = await session.phone();
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
    };
    await openScreen(page, '/login');
    await check('login');
    const curator = await session.server.database.db.selectFrom('users').select('id').where('email', '=', 'curator@demo.local').executeTakeFirstOrThrow();
    await openScreen(page, `/invite/${await createInvitation(session.server.database.db, curator.id)}`);
    await check('invite');
    await openScreen(page, `/s/${ids.parentToken}`);
    await page.locator('.sd-question').first().waitFor();
    await check('respond');
    await openScreen(page, '/c');
    await check('code entry');
    await context.close();
    expect(found).toEqual({});
  });

  it('finds none in what a screen opens: the reminder dialog, a factor explanation, the profile as a table', async () => {
    const found: Record<string, string[]> = {};
    const check = async (page: Page, name: string) => {
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[name] = violations;
    };
    await session.asUser('region@demo.local', async (page) => {
      await openScreen(page, '/coordinator');
      await page.locator('[data-testid=schools] tbody tr').first().getByRole('button', { name: 'Напоминание' }).click();
      await page.getByRole('dialog').locator('textarea').waitFor();
      await check(page, 'reminder dialog');
    });
    await session.asUser('school@demo.local', async (page) => {
      await openScreen(page, `/school?wave=${ids.repeatWave}`);
      await page.getByRole('button', { name: schoolStrings.profile.why }).first().click();
      await page.getByRole('button', { name: schoolStrings.explanation.close }).waitFor();
      await page.waitForLoadState('networkidle');
      await check(page, 'factor explanation');
      await page.getByRole('button', { name: schoolStrings.explanation.close }).click();
      await page.getByRole('group', { name: schoolStrings.profile.title }).getByRole('button', { name: 'Таблица' }).click();
      await check(page, 'profile as a table');
    });
    expect(found).toEqual({});
  });

  it('lets a parent answer the whole questionnaire with the keyboard alone, with a visible ring on every control', async () => {
    const db = session.server.database.db;
    const link = await db.selectFrom('links').select('id').where('token', '=', ids.parentToken).executeTakeFirstOrThrow();
    const stored = () => db.selectFrom('responses').select(['id', 'answers']).where('link_id', '=', link.id).orderBy('id').execute();
    const before = await stored();
    const context = await session.desktop();
    const page = await context.newPage();
    await openScreen(page, `/s/${ids.parentToken}`);
    await page.locator('.sd-question').first().waitFor();

    const { answered, rings } = await completeWithKeyboard(page);
    await page.screenshot({ path: `${SCREENSHOTS}/a11y-keyboard-thank-you-1366.png`, fullPage: true });
    expect(answered.sort()).toEqual(parentQuestions);
    // Every kind of control the parent's questionnaire has, SurveyJS's «Назад», «Далее» and «Отправить ответы» too,
    // the language picker and the privacy notice's «Подробнее» and link above it, shows the respondent page's dark 3 px
    // ring (#12305e) when the keyboard reaches it.
    const ring = 'outline 3px solid rgb(18, 48, 94)';
    expect(Object.fromEntries(rings)).toEqual({ language: ring, notice: ring, radio: ring, dropdown: ring, prev: ring, next: ring, complete: ring });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    // The server counted it: one response more for the link, with every question answered.
    const after = await stored();
    expect(after).toHaveLength(before.length + 1);
    expect(Object.keys(after.at(-1)!.answers as object).sort()).toEqual(parentQuestions);
  });

  it('rings every control the keyboard reaches on the staff screens', async () => {
    const missing: Record<string, string[]> = {};
    for (const [email, paths] of [...Object.entries(staffScreens()), ...Object.entries(releasedProfile())]) {
      const context = await session.desktop();
      const page = await signedInPage(context, email);
      for (const path of paths) {
        await openScreen(page, path);
        const unringed = await controlsWithoutRing(page, 60);
        if (unringed.length > 0) missing[`${email} ${path}`] = unringed;
      }
      await context.close();
    }
    expect(missing).toEqual({});
  });

  describe.each([
    ['320 px wide', 320],
    // Zooming a 1280 px window to 200 % halves the CSS pixels across it: the layout and every media query see a
    // 640 px viewport, as a 640 px window does (a device scale factor would only sharpen the pixels, not move them).
    ['a 1280 px window zoomed to 200 %', 640],
  ] as const)('at %s', (name, width) => {
    it('nothing makes the respondent page or a staff screen scroll sideways', async () => {
      const found: Record<string, string[]> = {};
      const context = await session.desktop(width);
      const page = await context.newPage();
      await openScreen(page, `/s/${ids.parentToken}`);
      await page.locator('.sd-question').first().waitFor();
      const respond = await sidewaysScroll(page);
      if (respond.length > 0) found.respond = respond;
      for (const [email, paths] of [...Object.entries(staffScreens()), ...Object.entries(releasedProfile())]) {
        await logIn(page, email);
        for (const path of paths) {
          await openScreen(page, path);
          const wide = await sidewaysScroll(page);
          if (wide.length > 0) found[`${email} ${path}`] = wide;
        }
        await page.context().clearCookies();
      }
      await context.close();
      expect(found, name).toEqual({});
    });
  });

  // The screens whose tables now scroll in a region of their own, or whose fields and toolbars wrap: axe again on a
  // phone, where the layout differs, and a screenshot at each width for a person to look at.
  describe.each([
    ['phone', 360],
    ['desktop', 1366],
  ] as const)('on a %s', (device, width) => {
    it('keeps screenshots of the changed screens and finds no serious violation on them', async () => {
      const changed = {
        'admin@demo.local': [
          '/admin',
          `/admin/waves/${ids.openWave}`,
          `/admin/waves/${ids.openWave}/schools/${ids.school}/codes`,
          '/admin/accounts',
          '/admin/audit',
          '/admin/tokens',
          '/admin/methodology',
          '/admin/roster',
        ],
        'region@demo.local': ['/coordinator', '/coordinator/profiles', '/coordinator/context'],
        'school@demo.local': ['/school/report'],
      };
      const found: Record<string, string[]> = {};
      const context = device === 'phone' ? await session.phone(width) : await session.desktop(width);
      const page = await context.newPage();
      await openScreen(page, `/s/${ids.parentToken}`);
      await page.locator('.sd-question').first().waitFor();
      // The ring on «Далее», reached from the keyboard.
      await page.locator('.sd-navigation__next-btn').focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await page.screenshot({ path: `${SCREENSHOTS}/a11y-respond-focus-next-${width}.png`, fullPage: true });
      for (const [email, paths] of Object.entries(changed)) {
        await logIn(page, email);
        for (const path of paths) {
          await openScreen(page, path);
          const violations = await seriousViolations(page);
          if (violations.length > 0) found[`${email} ${path}`] = violations;
          await page.screenshot({ path: `${SCREENSHOTS}/a11y${path.replaceAll('/', '-')}-${width}.png`, fullPage: true });
        }
        await context.clearCookies();
      }
      await context.close();
      expect(found).toEqual({});
    });
  });
});
