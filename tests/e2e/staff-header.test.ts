import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const ADMIN = { email: 'admin-header@test.local', password: 'correct horse battery' };

/** axe-core's WCAG 2 A/AA findings on the header, by rule and element. */
async function headerViolations(page: Page) {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: string, options: object): Promise<{ passes: unknown[]; violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> };
      }
    ).axe;
    const { passes, violations } = await axe.run('.topbar', { runOnly: ['wcag2a', 'wcag2aa'] });
    if (passes.length === 0) return ['axe checked nothing'];
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const headerHeight = (page: Page) => page.locator('.topbar').evaluate((e) => e.getBoundingClientRect().height);

// The header is the same for every role: run on PGlite only, with an administrator.
describe('the staff header in Chromium', () => {
  let session: E2eSession;
  let context: BrowserContext;

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    await createAccount(session.server.database.db, { ...ADMIN, role: 'admin', name: 'Администратор Иванова' });
  });
  afterAll(() => session?.close());

  it('on a 360 px phone is one line with a «Меню» button that opens the links, the account and «Выйти»', async () => {
    context = await session.phone(360);
    const page = await context.newPage();
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.locator('.topbar').waitFor();
    const toggle = page.getByRole('button', { name: 'Меню' });
    // One line: the 44 px button and a little padding, not a third of a 740 px screen as before (about 190 px).
    expect(await headerHeight(page)).toBeLessThanOrEqual(64);
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Сменить пароль' }).isVisible()).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/staff-header-360.png` });
    expect(await headerViolations(page)).toEqual([]);

    await toggle.tap();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('button', { name: 'Выйти' }).isVisible()).toBe(true);
    expect(await page.locator('.topbar .who').textContent()).toContain('Администратор Иванова');
    await page.screenshot({ path: `${SCREENSHOTS}/staff-header-360-open.png` });
    expect(await headerViolations(page)).toEqual([]);

    // Following a link closes the menu again.
    await page.getByRole('link', { name: 'Сменить пароль' }).tap();
    await page.waitForURL('**/password');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => headerHeight(page)).toBeLessThanOrEqual(64);
    await context.close();
  });

  it('on a 1366 px desktop shows every link in one row and no menu button', async () => {
    context = await session.desktop(1366);
    const page = await context.newPage();
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/admin');
    await page.locator('.topbar').waitFor();
    expect(await page.getByRole('button', { name: 'Меню' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Сменить пароль' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Выйти' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/staff-header-1366.png` });
    expect(await headerHeight(page)).toBeLessThanOrEqual(56);
    expect(await headerViolations(page)).toEqual([]);
    await context.close();
  });
});
