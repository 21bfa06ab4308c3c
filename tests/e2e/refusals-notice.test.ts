import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratePercent } from '../../client/src/shared/format.js';
import { strings as respond } from '../../client/src/respond/strings.js';
import { noticeStrings as n } from '../../client/src/school/notice/strings.js';
import { schoolStrings as s } from '../../client/src/school/strings.js';
import { ROLES } from '../../server/shared/roles.js';
import { teamSchoolProfiles } from '../demo/team-school.js';
import { decodeQr } from './qr.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// The screens run on PGlite only: the API tests cover both databases.
describe('the questionnaire preview, the parents’ notice and refusals in Chromium', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
  });
  afterAll(() => session?.close());

  it('shows the parents’ questionnaire read-only at 360 px, with nothing to type, choose or send', async () => {
    const context = await session.phone(360);
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => r.method() !== 'GET' && sent.push(r.url()));
    await page.goto('/questionnaires/parent');
    await page.getByTestId('questionnaire-preview').waitFor();
    await page.locator('.sd-question').first().waitFor();
    expect(await page.locator('h1').first().textContent()).toBe(respond.preview.titles.parent);
    expect(await page.locator('.sd-question').count()).toBeGreaterThan(5);
    // Display mode: every input is disabled or read-only, and no button completes or moves pages.
    const editable = await page
      .locator('.sd-root-modern input:not([disabled]):not([readonly]), .sd-root-modern textarea:not([disabled]):not([readonly])')
      .count();
    expect(editable).toBe(0);
    expect(await page.locator('.sd-navigation__complete-btn, .sd-navigation__next-btn').count()).toBe(0);
    await page.locator('.sd-item').first().click({ force: true });
    expect(sent).toEqual([]);
    expect(await pageOverflow(page)).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/questionnaire-preview-360.png`, fullPage: true });
    await context.close();
  });

  it('records a refusal on the school page, which changes the shown rate, then prints the parents’ notice with the preview’s QR code', async () => {
    const [, , current] = await teamSchoolProfiles(session.server.database.db);
    // A group with someone who neither answered nor refused: parents if they qualify.
    const role = ['parent', ...ROLES].find((r) => current.roles[r as 'parent'].expected > current.roles[r as 'parent'].responses) as (typeof ROLES)[number];
    const before = current.roles[role];
    const context = await session.desktop(1366);
    const page = await context.newPage();
    await logIn(page, 'school@demo.local');
    const figures = page.getByTestId(`participation-${role}`);
    await expect.poll(() => figures.textContent()).toContain(ratePercent(before.rate));

    const form = page.getByTestId('refusals');
    await form.getByLabel(s.refusals.role).selectOption(role);
    await form.getByLabel(s.refusals.count).fill('1');
    await form.getByRole('button', { name: s.refusals.save }).click();
    // responses / (expected − 1): the refusal leaves the base, not the answers.
    await expect.poll(() => figures.textContent()).toContain(s.participation.of(before.responses, before.expected - 1));
    await expect.poll(() => figures.textContent()).toContain(ratePercent(before.responses / (before.expected - 1)));
    expect(await page.getByTestId(`refused-${role}`).textContent()).toBe(s.participation.refused(1));
    // More than the unanswered are refused with the reason.
    await form.getByLabel(s.refusals.count).fill(String(before.expected + 1));
    await form.getByRole('button', { name: s.refusals.save }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain(s.refusals.errors.refused_above_max);
    await page.screenshot({ path: `${SCREENSHOTS}/school-refusals-1366.png`, fullPage: true });

    await page.getByRole('link', { name: s.notice }).click();
    await page.waitForURL('**/school/notice?wave=*');
    const notice = page.getByTestId('parent-notice');
    await notice.waitFor();
    expect(await notice.locator('h1').textContent()).toBe(n.heading);
    expect(await notice.textContent()).toContain(n.refuse);
    expect(await page.getByTestId('notice-operator').textContent()).toBe(n.operatorBlank);
    const url = await notice.locator('.sc-notice-url').textContent();
    expect(url).toMatch(/\/questionnaires\/parent\?wave=\d+$/);
    expect(await decodeQr(page, '.sc-notice-preview img')).toBe(url);
    await page.screenshot({ path: `${SCREENSHOTS}/parent-notice-1366.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // One sheet of A4 to hand out.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await context.close();

    const phone = await session.phone(360);
    const small = await phone.newPage();
    await logIn(small, 'school@demo.local');
    await small.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    await small.getByTestId('parent-notice').waitFor();
    await small.screenshot({ path: `${SCREENSHOTS}/parent-notice-360.png`, fullPage: true });
    expect(await pageOverflow(small)).toBe(0);
    await phone.close();
  });
});
