import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../client/src/admin/accounts/strings.js';
import { seriousViolations } from './axe.js';
import { onDesktopAndPhone, openSession, SCREENSHOTS, type E2eSession } from './session.js';

// The administrator's screens run on PGlite only: the API tests cover both databases.
describe('the territory picker of a new account in Chromium', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
  });
  afterAll(() => session?.close());

  onDesktopAndPhone(
    () => session,
    'admin@demo.local',
    (device, signedIn) => {
      it('finds a school by its name, code or municipality as one types, ё or е, and picks it with the keyboard', async () => {
        const page = signedIn();
        await page.goto('/admin/accounts');
        const field = page.getByRole('combobox', { name: accountStrings.picker.label });
        const options = page.getByRole('listbox').getByRole('option');
        await field.click();
        // Twelve demo schools: the open list shows them all before anything is typed.
        await expect.poll(() => options.count()).toBe(12);

        // «Озёрск» typed with «е», in capitals, with more words: one school of the town.
        await field.fill('ОЗЕРСК средняя 11');
        await expect.poll(() => options.allTextContents()).toEqual(['DEMO-010 — МБОУ «Средняя школа № 11»Город Озёрск']);
        // By the municipality's name: its four schools, the one named like it among them.
        await field.fill('березовский');
        await expect.poll(() => options.count()).toBe(4);
        expect(await options.first().textContent()).toContain('Берёзовская СОШ № 1');
        await field.fill('demo-007');
        await expect.poll(() => options.allTextContents()).toEqual(['DEMO-007 — МБОУ «Полевская ООШ»Каменский муниципальный район']);
        await field.fill('гимназия');
        await expect.poll(() => page.getByRole('listbox').textContent()).toBe(accountStrings.picker.nothing);

        // Keyboard only: the arrows move the active option, Enter picks it, the field then names the school.
        await field.fill('каменск');
        await expect.poll(() => options.count()).toBe(4);
        await field.press('ArrowDown');
        expect(await field.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
        await page.screenshot({ path: `${SCREENSHOTS}/territory-picker-${device}.png`, fullPage: true });
        expect(await seriousViolations(page, '.accounts-form')).toEqual([]);
        const second = (await options.nth(1).locator('span').first().textContent())!;
        await field.press('Enter');
        await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
        expect(await field.inputValue()).toBe(second);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(device === 'phone' ? 360 : 1366);

        // The account is created for the picked school.
        const email = `picked-${device}@school.test`;
        await page.getByLabel('E-mail').fill(email);
        await page.getByRole('button', { name: accountStrings.submit }).click();
        await page.getByText(accountStrings.inviteReady).waitFor();
        const row = page.locator('.accounts-table tbody tr', { hasText: email });
        await expect.poll(() => row.locator('td').nth(3).textContent()).toBe(second.replace(/^DEMO-\d+ — /, ''));
      });

      it('refuses to create a scoped account with nothing picked, and Escape closes the list', async () => {
        const page = signedIn();
        await page.goto('/admin/accounts');
        const field = page.getByRole('combobox', { name: accountStrings.picker.label });
        await field.fill('каменск');
        await field.press('Escape');
        await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
        await page.getByLabel('E-mail').fill(`nothing-${device}@school.test`);
        await page.getByRole('button', { name: accountStrings.submit }).click();
        await expect.poll(() => page.getByRole('alert').textContent()).toBe(accountStrings.errors.scope_required);
      });
    },
    360,
  );
});
