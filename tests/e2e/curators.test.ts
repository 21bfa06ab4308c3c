import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatorStrings as s } from '../../client/src/coordinator/curators/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { DEMO_PASSWORD } from '../../server/demo/seed.js';
import { DEMO_TEAM_SCHOOL } from '../../server/demo/roster.js';
import { logIn, openSession, SCREENSHOTS, signedInPage, type E2eSession } from './session.js';

/** Elements wider than the window: on a phone nothing may push the page sideways. */
function overflowing(page: Page) {
  return page.evaluate(() => [
    ...(document.documentElement.scrollWidth > window.innerWidth ? [`page ${document.documentElement.scrollWidth}px`] : []),
    ...[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  ]);
}

/** Per device, a curator of its own without schools, and the two schools the region gives it (one curated already). */
const CASES = {
  desktop: {
    email: 'curator-desktop@demo.local',
    width: 1366,
    schools: [
      { code: 'DEMO-002', name: 'МБОУ «Заречная ООШ»', search: 'заречная' },
      { code: 'DEMO-011', name: 'МБОУ «Основная школа № 3»', search: 'DEMO-011' },
    ],
  },
  phone: {
    email: 'curator-phone@demo.local',
    width: 360,
    schools: [
      { code: 'DEMO-004', name: 'МБОУ «Луговская ООШ»', search: 'луговская' },
      { code: 'DEMO-007', name: 'МБОУ «Полевская ООШ»', search: 'DEMO-007' },
    ],
  },
} as const;

// The coordinators' screens run on PGlite only: they test the pages; the API tests cover both databases.
describe('curators assigned by the region in Chromium', () => {
  let session: E2eSession;
  const schoolIds = new Map<string, number>();

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
    const db = session.server.database.db;
    const region = await db.selectFrom('regions').select('id').executeTakeFirstOrThrow();
    for (const [device, { email }] of Object.entries(CASES)) {
      await createAccount(db, { email, name: `Куратор для проверки (${device})`, role: 'curator', regionId: region.id, password: DEMO_PASSWORD });
    }
    for (const school of await db.selectFrom('schools').select(['id', 'code']).execute()) schoolIds.set(school.code, school.id);
  });
  afterAll(() => session?.close());

  describe.each(['desktop', 'phone'] as const)('on a %s', (device) => {
    const { email, width, schools } = CASES[device];
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => {
      context = await (device === 'desktop' ? session.desktop(width) : session.phone(width));
      page = await signedInPage(context, 'region@demo.local');
    });
    afterAll(() => context?.close());

    it('lists the curators with their schools, and a regional coordinator gives one two schools', async () => {
      await page.getByRole('link', { name: 'Кураторы' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/coordinator/curators');
      // The demo's curator follows the team school among its four.
      const demo = page.getByTestId('curator').filter({ hasText: 'curator@demo.local' });
      await expect.poll(() => demo.locator('.cu-count').textContent()).toBe(s.count(4));
      expect(await demo.locator('.cu-schools').textContent()).toContain(DEMO_TEAM_SCHOOL.name);

      const card = page.getByTestId('curator').filter({ hasText: email });
      await expect.poll(() => card.locator('.cu-count').textContent()).toBe(s.count(0));
      await card.getByRole('button', { name: s.edit }).click();
      const search = card.getByLabel(s.search);
      for (const school of schools) {
        await search.fill(school.search);
        const box = card.getByRole('checkbox', { name: school.name });
        // A search narrows the list to the school; what was ticked stays ticked while hidden.
        await expect.poll(() => card.getByRole('checkbox').count()).toBe(1);
        await box.check();
      }
      await search.fill('');
      await expect.poll(() => card.getByRole('checkbox').count()).toBe(12);
      await expect.poll(() => card.locator('.cu-selected').textContent()).toBe(s.selected(2, 12));
      if (device === 'desktop') {
        // A school curated already says by whom: DEMO-002 is the demo curator's.
        await expect.poll(() => card.locator('.cu-choice').filter({ hasText: schools[0].name }).textContent()).toContain(s.alsoWith('Куратор (демо)'));
      }
      await expect.poll(() => overflowing(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/curators-editor-${device}.png`, fullPage: true });

      await card.getByRole('button', { name: s.save }).click();
      await expect.poll(() => card.getByRole('status').textContent()).toBe(s.saved);
      await expect.poll(() => card.locator('.cu-count').textContent()).toBe(s.count(2));
      await expect
        .poll(() => card.locator('.cu-schools li').allTextContents())
        .toEqual([...schools].sort((a, b) => a.name.localeCompare(b.name, 'ru')).map((school) => `${school.code} ${school.name}`));
      await expect.poll(() => overflowing(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/curators-${device}.png`, fullPage: true });
    });

    it('lets the curator, once signed in, see exactly those schools', async () => {
      const curator = await context.browser()!.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', baseURL: session.server.url });
      try {
        const own = await curator.newPage();
        await logIn(own, email);
        const me = await own.evaluate(() => fetch('/api/me').then((res) => res.json()));
        expect(me.user).toMatchObject({ email, role: 'curator' });
        expect(me.user.curatedSchoolIds).toEqual(schools.map((school) => schoolIds.get(school.code)).sort((a, b) => a! - b!));
      } finally {
        await curator.close();
      }
    });
  });

  it('shows a municipal coordinator the curators of its schools, without the means to change them', async () => {
    await session.asUser('municipality@demo.local', async (page) => {
      await page.goto('/coordinator/curators');
      const cards = page.getByTestId('curator');
      await expect.poll(() => cards.count()).toBeGreaterThan(0);
      expect(await page.getByRole('button', { name: s.edit }).count()).toBe(0);
      // Only the schools of its municipality, the first: Берёзовский район, DEMO-001 to DEMO-004.
      const listed = await page.locator('.cu-schools li .cu-code').allTextContents();
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.every((code) => ['DEMO-001', 'DEMO-002', 'DEMO-003', 'DEMO-004'].includes(code))).toBe(true);
    });
  });

  it('says in Russian why a save was refused', async () => {
    const db = session.server.database.db;
    const region = await db.selectFrom('regions').select('id').executeTakeFirstOrThrow();
    const gone = 'curator-gone@demo.local';
    await createAccount(db, { email: gone, name: 'Куратор, которого не станет', role: 'curator', regionId: region.id, password: DEMO_PASSWORD });
    await session.asUser('region@demo.local', async (page) => {
      await page.goto('/coordinator/curators');
      const card = page.getByTestId('curator').filter({ hasText: gone });
      await card.getByRole('button', { name: s.edit }).click();
      await card.getByRole('checkbox', { name: 'МБОУ «Вечерняя (сменная) школа»' }).check();
      // The account stops being a curator while the form is open.
      await db.updateTable('users').set({ role: 'region' }).where('email', '=', gone).execute();
      await card.getByRole('button', { name: s.save }).click();
      await expect.poll(() => card.getByRole('alert').textContent()).toBe(s.errors.curator_not_found);
    });
  });
});
