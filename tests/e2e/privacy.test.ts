import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noticeStrings } from '../../client/src/respond/strings.js';
import { privacyStrings } from '../../client/src/privacy/strings.js';
import { operatorStrings } from '../../client/src/admin/operator/strings.js';
import { wavesStrings } from '../../client/src/admin/waves/strings.js';
import { sharedStrings } from '../../client/src/shared/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { createInvitation } from '../../server/auth/invitations.repository.js';
import type { Role } from '../../server/shared/roles.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { TEST_OPERATOR } from '../helpers/operator.js';
import { countedAnswers } from '../helpers/answers.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';
import { answerCurrentPage, overflowingElements } from './survey-driver.js';

const HOUR = 3600_000;
const ADMIN = { email: 'admin-privacy@test.local', password: 'correct horse battery' };

/** What the page keeps for a link, as the respondent's browser stores it (client/src/respond/storage.ts). */
const stored = (page: Page, token: string) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { status: string; data: object; savedAt: number } | null, `respond:v1:${token}`);
const checkedCount = (page: Page) => page.locator('.sd-item--checked').count();

// The screens run on PGlite only: tests/privacy/operator.test.ts covers both databases.
describe('privacy in Chromium', { timeout: 120_000 }, () => {
  let session: E2eSession;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    world = await newWorld(session.server.database.db);
    await createAccount(session.server.database.db, { ...ADMIN, role: 'admin' });
  });
  afterAll(() => session?.close());
  beforeEach(async () => {
    context = await session.phone(360);
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const openLink = async (role: Role, kind: 'open' | 'code' = 'open') => {
    const link = await newLink(session.server.database.db, world.wave.id, world.school.id, role, kind);
    await page.goto(`/s/${link.token}`);
    await page.locator('.sd-question').first().waitFor();
    return link;
  };
  const notice = () => page.getByTestId('privacy-notice');

  it('tells a student, at 360 px and in «ты», who processes the answers, with the helpline in sight', async () => {
    await openLink('student');
    const text = await notice().innerText();
    expect(text).toContain('никто в школе — ни учителя, ни директор — не увидит твои ответы');
    expect(text).toContain('любой вопрос можно пропустить');
    expect(text).toContain('не дольше 4 часов');
    await expect.poll(() => page.getByTestId('helpline').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '8-800-2000-122' }).getAttribute('href')).toBe('tel:88002000122');
    // The operator and the retention are behind «Подробнее», closed at first.
    expect(await page.getByText(`Кто обрабатывает ответы: ${TEST_OPERATOR.name}.`).isVisible()).toBe(false);
    await page.getByText(noticeStrings.more).tap();
    await expect.poll(() => page.getByText(`Кто обрабатывает ответы: ${TEST_OPERATOR.name}.`).isVisible()).toBe(true);
    expect(await notice().innerText()).toContain('12 месяцев');
    expect(await overflowingElements(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOTS}/privacy-notice-student-360.png`, fullPage: true });
  });

  it('speaks to parents and teachers as «вы», without the helpline, and tells the principal the answers are the school’s report', async () => {
    await openLink('parent');
    const parent = await notice().innerText();
    expect(parent).toContain('мы не спрашиваем ваше имя');
    expect(parent).not.toMatch(/\bты\b|твои|твоё/);
    expect(await page.getByTestId('helpline').count()).toBe(0);
    expect(await overflowingElements(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/privacy-notice-parent-360.png`, fullPage: true });

    await openLink('teacher');
    expect(await notice().innerText()).toContain('включая администрацию, не увидит ваши ответы');
    expect(await page.getByTestId('helpline').count()).toBe(0);

    await openLink('principal');
    const principal = await notice().innerText();
    expect(principal).toContain('это отчёт школы');
    expect(principal).not.toContain('никто в школе');
  });

  it('links the policy from the respondent page; the policy names the operator and is readable at 360 px', async () => {
    await openLink('parent');
    expect(await page.getByTestId('privacy-link').getAttribute('href')).toBe('/privacy');
    await page.goto('/privacy');
    await page.getByRole('heading', { name: privacyStrings.title }).waitFor();
    const operator = await page.getByTestId('privacy-operator').innerText();
    for (const value of [TEST_OPERATOR.name, TEST_OPERATOR.address, TEST_OPERATOR.email, TEST_OPERATOR.inn, TEST_OPERATOR.ogrn])
      expect(operator).toContain(value);
    expect(await page.locator('body').innerText()).toContain('IP-адрес');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOTS}/privacy-page-phone.png`, fullPage: true });
  });

  it('links the policy from the login and the invitation pages', async () => {
    await page.goto('/login');
    await page.getByRole('link', { name: privacyStrings.title }).tap();
    await page.waitForURL('**/privacy');
    await page.getByTestId('privacy-operator').waitFor();

    const invited = await createAccount(session.server.database.db, { email: 'invited-privacy@test.local', role: 'region', regionId: world.region.id });
    await page.goto(`/invite/${await createInvitation(session.server.database.db, invited.id)}`);
    await page.getByRole('link', { name: privacyStrings.title }).tap();
    await page.waitForURL('**/privacy');
    await page.getByTestId('privacy-operator').waitFor();
  });

  it('«Очистить мои ответы» erases the draft and starts afresh', async () => {
    const link = await openLink('parent');
    await answerCurrentPage(page);
    expect(await checkedCount(page)).toBeGreaterThan(0);
    await expect.poll(async () => Object.keys((await stored(page, link.token))?.data ?? {}).length).toBeGreaterThan(0);
    const before = (await stored(page, link.token))!;
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('clear-answers').tap();
    await expect.poll(() => checkedCount(page)).toBe(0);
    const after = (await stored(page, link.token))!;
    expect(after.data).toEqual({});
    expect(after).not.toMatchObject({ clientKey: (before as { clientKey?: string }).clientKey });
    // A reload finds nothing of the previous person either.
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    expect(await checkedCount(page)).toBe(0);
  });

  it('does not show an open link’s draft untouched for more than 4 hours, and keeps one touched within them', async () => {
    const link = await openLink('teacher');
    await answerCurrentPage(page);
    await expect.poll(async () => Object.keys((await stored(page, link.token))?.data ?? {}).length).toBeGreaterThan(0);
    const answered = await checkedCount(page);
    const age = (hours: number) =>
      page.evaluate(
        ([key, ms]) => {
          const p = JSON.parse(localStorage.getItem(key)!);
          localStorage.setItem(key, JSON.stringify({ ...p, savedAt: Date.now() - ms }));
        },
        [`respond:v1:${link.token}`, hours * HOUR] as const,
      );

    await age(3.5);
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    await expect.poll(() => checkedCount(page)).toBe(answered);

    await age(4.5);
    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    expect(await checkedCount(page)).toBe(0);
    expect(Object.keys((await stored(page, link.token))!.data)).toEqual([]);
  });

  it('never lets answers waiting to be sent expire: the next opening delivers them', async () => {
    const link = await openLink('parent');
    const clientKey = randomUUID();
    // Answers queued 6 hours ago on a phone without network: «Отправить» was pressed, the server never confirmed.
    await page.evaluate(([key, progress]) => localStorage.setItem(key, progress), [
      `respond:v1:${link.token}`,
      JSON.stringify({
        clientKey,
        data: countedAnswers('parent'),
        pageNo: 0,
        startedAt: Date.now() - 7 * HOUR,
        status: 'sending',
        savedAt: Date.now() - 6 * HOUR,
      }),
    ] as const);
    await page.reload();
    await page.getByTestId('thank-you').waitFor();
    const rows = await session.server.database.db.selectFrom('responses').select('client_key').where('link_id', '=', link.id).execute();
    expect(rows).toEqual([{ client_key: clientKey }]);
  });

  it('the administrator is told in Russian why a wave will not open without the operator, and fills it in', async () => {
    const db = session.server.database.db;
    const saved = await db.selectFrom('operator_details').selectAll().executeTakeFirstOrThrow();
    await db.deleteFrom('operator_details').execute();
    const desktop = await session.desktop();
    try {
      const admin = await desktop.newPage();
      await logIn(admin, ADMIN.email, ADMIN.password);
      await admin.goto('/admin');
      await admin.getByRole('button', { name: wavesStrings.list.create }).click();
      await admin.getByLabel('Регион').selectOption({ index: 1 });
      await admin.getByLabel(wavesStrings.form.title, { exact: true }).fill('Весна');
      await admin.getByRole('button', { name: wavesStrings.form.submitCreate }).click();
      await admin.getByText(sharedStrings.errors.operator_details_missing!).waitFor();
      await admin.screenshot({ path: `${SCREENSHOTS}/admin-wave-refused-no-operator.png`, fullPage: true });
      await admin.getByRole('link', { name: wavesStrings.form.toOperator }).click();
      await admin.getByTestId('operator-missing').waitFor();
      await admin.getByLabel(operatorStrings.name).fill(saved.name);
      await admin.getByLabel(operatorStrings.address).fill(saved.address);
      await admin.getByLabel(operatorStrings.email).fill(saved.email);
      await admin.getByRole('button', { name: operatorStrings.save }).click();
      await admin.getByText(operatorStrings.saved).waitFor();
      expect(await db.selectFrom('operator_details').select(['name', 'inn']).execute()).toEqual([{ name: saved.name, inn: null }]);
    } finally {
      await desktop.close();
    }
  });

  it('the administrator edits the operator on «Оператор данных», the policy shows it at once', async () => {
    const desktop = await session.desktop();
    try {
      const admin = await desktop.newPage();
      await logIn(admin, ADMIN.email, ADMIN.password);
      await admin.goto('/admin/operator');
      await admin.getByRole('heading', { name: operatorStrings.title }).waitFor();
      await expect.poll(() => admin.getByLabel(operatorStrings.name).inputValue()).toBe(TEST_OPERATOR.name);
      await admin.getByLabel(operatorStrings.inn).fill('7707083894');
      await admin.getByRole('button', { name: operatorStrings.save }).click();
      await admin.getByText(operatorStrings.errors.operator_inn_invalid!).waitFor();
      await admin.getByLabel(operatorStrings.inn).fill('');
      await admin.getByLabel(operatorStrings.name).fill('Министерство просвещения Энской области');
      await admin.getByRole('button', { name: operatorStrings.save }).click();
      await admin.getByText(operatorStrings.saved).waitFor();
      await admin.screenshot({ path: `${SCREENSHOTS}/admin-operator-desktop.png`, fullPage: true });
      await admin.goto('/privacy');
      const operator = await admin.getByTestId('privacy-operator').innerText();
      expect(operator).toContain('Министерство просвещения Энской области');
      expect(operator).not.toContain('ИНН');
    } finally {
      await desktop.close();
    }
    const phone = await session.phone(360);
    try {
      const admin = await phone.newPage();
      await logIn(admin, ADMIN.email, ADMIN.password);
      await admin.goto('/admin/operator');
      await admin.getByLabel(operatorStrings.name).waitFor();
      expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await admin.screenshot({ path: `${SCREENSHOTS}/admin-operator-phone.png`, fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
