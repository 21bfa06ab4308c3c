import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperStrings as s } from '../../client/src/paper/strings.js';
import { paperQuestions } from '../../client/src/paper/sheet-questions.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { decodeQr } from './qr.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const parent = (await loadQuestionnaires()).parent;
const questions = paperQuestions(parent.json);
const q1Choices = questions[0]!.kind === 'number' ? [] : questions[0]!.choices;

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** What axe-core (WCAG 2 A/AA) finds wrong in `selector`, by rule and element. */
async function accessibilityViolations(page: Page, selector: string) {
  // Evaluated rather than added as a script tag, which the app's Content-Security-Policy rightly refuses.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (context) => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: string, options: object): Promise<{ passes: unknown[]; violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const { passes, violations } = await axe.run(context, { runOnly: ['wcag2a', 'wcag2aa'] });
    if (passes.length === 0) return ['axe checked nothing'];
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

/** Types one sheet as an operator does: the sheet id, Enter, then per question its digit and Enter (the last Enter saves). */
async function typeSheet(page: Page, sheetId: string, digits: string[], screenshot?: string) {
  await page.locator('#paper-sheet-id').fill('');
  await page.keyboard.type(sheetId.toLowerCase());
  await page.keyboard.press('Enter');
  await page.locator(`#paper-q-${questions[0]!.name}`).waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`paper-q-${questions[0]!.name}`);
  for (const [i, digit] of digits.entries()) {
    if (digit) await page.keyboard.type(digit);
    if (screenshot && i === digits.length - 1) await page.screenshot({ path: screenshot, fullPage: true });
    await page.keyboard.press('Enter');
  }
}

// The screens run on PGlite only: the API tests cover both databases.
describe('paper questionnaires in Chromium', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
  });
  afterAll(() => session?.close());

  it('prints parent sheets with their id as a QR code and numbered choices, then takes one sheet in by keyboard and checks a second entry', async () => {
    const context = await session.desktop(1366);
    const page = await context.newPage();
    await logIn(page, 'school@demo.local');
    await page.getByRole('link', { name: 'Бумажные анкеты' }).click();
    await page.waitForURL('**/paper');
    await page.getByLabel(s.print.role).selectOption('parent');
    await page.getByLabel(s.print.count).fill('2');
    await page.getByRole('button', { name: s.print.make }).click();
    const sheets = page.locator('.paper-sheet');
    await sheets.nth(1).waitFor();
    expect(await sheets.count()).toBe(2);
    const sheetId = (await sheets.first().getAttribute('data-sheet'))!;
    const printed = `${sheetId.slice(0, 4)}-${sheetId.slice(4)}`;
    expect(await decodeQr(page, '.paper-sheet:first-of-type .paper-sheet-id img')).toBe(printed);
    const first = sheets.first();
    expect(await first.locator('.paper-sheet-role').textContent()).toBe('Родители');
    expect(await first.locator('.paper-questions > li').count()).toBe(questions.length);
    // The first question's choices are printed 1..k beside their boxes.
    const q1 = questions[0]!;
    expect(await first.locator('.paper-questions > li').first().locator('.paper-choice-number').allInnerTexts()).toEqual(
      q1.kind === 'number' ? [] : q1.choices.map((c) => String(c.number)),
    );
    expect(await pageOverflow(page)).toBe(0);
    expect(await accessibilityViolations(page, 'main')).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/paper-print-1366.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SCREENSHOTS}/paper-print-media-1366.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: s.print.enter }).click();
    await page.waitForURL('**/paper/entry');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('paper-sheet-id');
    const ones = questions.map(() => '1');
    await typeSheet(page, printed, ones, `${SCREENSHOTS}/paper-entry-1366.png`);
    await page.getByText(s.entry.saved(printed)).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('paper-sheet-id');
    const db = session.server.database.db;
    const stored = await db.selectFrom('responses').selectAll().where('sheet_id', '=', sheetId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: 'paper', counted: true, link_id: null });
    const expected = Object.fromEntries(
      questions.map((q) => [q.name, q.kind === 'number' ? 1 : q.kind === 'multi' ? [q.choices[0]!.value] : q.choices[0]!.value]),
    );
    expect(stored[0]!.answers).toEqual(expected);

    // A second operator reads the first question's box as 2: the screen lists that one difference.
    await typeSheet(page, printed, ['2', ...ones.slice(1)]);
    const differences = page.locator('.paper-differences');
    await differences.waitFor();
    expect(await differences.getByRole('status').innerText()).toBe(s.entry.differ(1));
    expect(await differences.locator('tbody tr').count()).toBe(1);
    expect(await differences.locator('tbody th').innerText()).toBe(`1. ${q1.title}`);
    expect(await accessibilityViolations(page, 'main')).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/paper-entry-differences-1366.png`, fullPage: true });
    await differences.locator('tbody td').nth(1).getByRole('radio').check();
    await differences.getByRole('button', { name: s.entry.keep }).click();
    await page.getByText(s.entry.kept(printed, 1)).waitFor();
    const after = await db.selectFrom('responses').selectAll().where('sheet_id', '=', sheetId).execute();
    expect(after).toHaveLength(1);
    expect(after[0]!.answers).toEqual({ ...expected, [q1.name]: q1.kind === 'single' ? q1.choices[1]!.value : undefined });
    await context.close();
  });

  it('fits the print and entry screens on a 360 px phone', async () => {
    const context = await session.phone(360);
    const page = await context.newPage();
    await logIn(page, 'school@demo.local');
    await page.goto('/paper');
    await page.getByLabel(s.print.count).fill('1');
    await page.getByRole('button', { name: s.print.make }).click();
    await page.locator('.paper-sheet').waitFor();
    expect(await pageOverflow(page)).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/paper-print-360.png`, fullPage: true });
    const sheetId = (await page.locator('.paper-sheet').getAttribute('data-sheet'))!;
    await page.goto('/paper/entry');
    await page.locator('#paper-sheet-id').fill(sheetId);
    await page.keyboard.press('Enter');
    await page.locator('.paper-form').waitFor();
    // No question has 99 choices: the screen says so beside the field before anything is sent.
    await page.keyboard.type('99');
    await page.getByText(q1Choices.length > 0 ? s.problems.no_choice(q1Choices) : s.problems.out_of_range(0, 0)).waitFor();
    expect(await pageOverflow(page)).toBe(0);
    expect(await accessibilityViolations(page, 'main')).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/paper-entry-360.png`, fullPage: true });
    await context.close();
  });
});
