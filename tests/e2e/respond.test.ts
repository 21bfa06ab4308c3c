import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import type { Role } from '../../server/shared/roles.js';
import { strings } from '../../client/src/respond/strings.js';
import { ensureModel, newLink, newWave, newWorld } from '../helpers/fixtures.js';
import { SURVEYS_DIR } from '../../server/surveys/questionnaires.js';
import { openSession, SCREENSHOTS, type E2eSession } from './session.js';
import { answerCurrentPage, answerWholeQuestionnaire, nextOrComplete, overflowingElements } from './survey-driver.js';
import { countedAnswers } from '../helpers/answers.js';
import { newShortCode } from '../../server/shared/short-codes.js';
import { codeEntryStrings } from '../../client/src/respond/code-entry/strings.js';

const questionnaires = await loadQuestionnaires();
const parentQuestions = [...questionnaires.parent.questions.keys()].sort();

// The respondent page runs on PGlite only: it tests the page, and the API tests cover both databases.
describe('respondent page /s/:token on a phone', { timeout: 120_000 }, () => {
  let session: E2eSession;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await openSession();
    world = await newWorld(session.server.database.db);
  });
  afterAll(() => session?.close());
  beforeEach(async () => {
    context = await session.phone();
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const openLink = async (role: Role, kind: 'open' | 'code' = 'open') => {
    const link = await newLink(session.server.database.db, world.wave.id, world.school.id, role, kind);
    await page.goto(`/s/${link.token}`);
    await page.locator('.sd-question').first().waitFor();
    return link;
  };
  const openParentLink = (kind: 'open' | 'code' = 'open') => openLink('parent', kind);
  const responsesOf = (linkId: number) => session.server.database.db.selectFrom('responses').selectAll().where('link_id', '=', linkId).orderBy('id').execute();
  const thankYou = () => page.getByTestId('thank-you');
  const submissions = (requests: Request[]) =>
    requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/responses')).map((r) => r.postDataJSON() as { clientKey: string; answers: object });

  it('answers every question of the parent questionnaire through the UI and stores them once the server confirmed', async () => {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const link = await openParentLink();
    await expect.poll(() => page.locator('.rs-header__school').textContent()).toBe(world.school.name);
    expect(await overflowingElements(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await overflowingElements(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}/respond-parent-first-page.png`, fullPage: true });

    const answered = await answerWholeQuestionnaire(page);
    await thankYou().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/respond-parent-thank-you.png`, fullPage: true });

    expect(answered.sort()).toEqual(parentQuestions);
    const rows = await responsesOf(link.id);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].answers as object).sort()).toEqual(parentQuestions);
    // The page brought back the server's start ticket, so the server measured the time itself.
    expect(rows[0].duration_seconds).toBeGreaterThanOrEqual(0);
    expect(rows[0].marks).not.toContain('no_ticket');
    expect(submissions(requests)).toHaveLength(1);

    // A parent with a second child starts a fresh questionnaire, which is a new response with a new key.
    await page.getByRole('button', { name: 'Ответить ещё раз — за другого ребёнка' }).tap();
    await page.locator('.sd-question').first().waitFor();
    expect(await page.locator('.sd-item--checked').count()).toBe(0);
    await answerWholeQuestionnaire(page);
    await thankYou().waitFor();
    const keys = submissions(requests).map((s) => s.clientKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    // The next person gets a ticket of their own; the browser's device id is the same for both.
    const sent = submissions(requests) as Array<{ ticket?: string; deviceId?: string }>;
    expect(new Set(sent.map((x) => x.ticket)).size).toBe(2);
    expect(new Set(sent.map((x) => x.deviceId)).size).toBe(1);
    const both = await responsesOf(link.id);
    expect(both).toHaveLength(2);
    expect(both.flatMap((r) => r.marks)).not.toContain('ticket_reused');
    expect(both.flatMap((r) => r.marks)).not.toContain('no_ticket');
  });

  it('keeps the thank-you screen across a reload, and lets the next participant at a shared computer start afresh', async () => {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const link = await openLink('teacher');
    await answerWholeQuestionnaire(page);
    await thankYou().waitFor();

    await page.reload();
    await thankYou().waitFor();
    expect(await page.locator('.sd-question').count()).toBe(0);
    const nextParticipant = page.getByRole('button', { name: strings.answerAgain.nextParticipant.button });
    await page.screenshot({ path: `${SCREENSHOTS}/respond-teacher-thank-you.png`, fullPage: true });
    await nextParticipant.tap();
    await page.locator('.sd-question').first().waitFor();
    expect(await page.locator('.sd-item--checked').count()).toBe(0);
    // Back at the start: the introduction is shown only on the first page.
    await expect.poll(() => page.locator('.rs-intro').count()).toBe(1);

    // The next teacher's answers are a response of their own, with a key of their own.
    await answerWholeQuestionnaire(page);
    await thankYou().waitFor();
    const keys = submissions(requests).map((s) => s.clientKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    const rows = await responsesOf(link.id);
    expect(rows.map((r) => r.client_key).sort()).toEqual([...keys].sort());
  });

  it('thanks a student on a shared computer as «ты» and hands the page to the next student', async () => {
    await openLink('student');
    await answerWholeQuestionnaire(page);
    await thankYou().waitFor();
    const text = await thankYou().textContent();
    expect(text).not.toMatch(/(^|[^а-яё])(ваш\S*|вы)(?![а-яё])/i);
    expect(text).toContain('Твои ответы уже отправлены.');
    await page.screenshot({ path: `${SCREENSHOTS}/respond-student-thank-you.png`, fullPage: true });
    await page.getByRole('button', { name: strings.answerAgain.nextStudent.button }).tap();
    await page.locator('.sd-question').first().waitFor();
  });

  it("shows a version-1 teacher's whole subject in its dropdown on a 360 px phone, not cut off with «…»", async () => {
    const db = session.server.database.db;
    const v1 = await newWave(db, world.region.id, { modelId: await ensureModel(db, '500plus-v1', `${SURVEYS_DIR}/archive/500plus-v1`) });
    const link = await newLink(db, v1.id, world.school.id, 'teacher');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/s/${link.token}`);
    const subject = page.locator('.sd-question[data-name="t_subject"]');
    await subject.waitFor();
    const longest = 'Музыка, ИЗО, труд, физкультура, ОБЗР';
    await subject.locator('.sd-dropdown').tap();
    await page.getByRole('option', { name: longest }).tap();
    // Every letter of the chosen subject is on screen: the value wraps instead of ending in an ellipsis.
    const value = subject.locator('.sd-dropdown__input-prefix-wrapper');
    await expect.poll(() => value.textContent()).toContain(longest);
    expect(
      await value.evaluate((e) =>
        [...e.querySelectorAll('*')]
          .concat(e)
          .filter((x) => x.scrollWidth > x.clientWidth + 0.5)
          .map((x) => `${x.tagName} ${x.className} ${x.scrollWidth}/${x.clientWidth}`),
      ),
    ).toEqual([]);
    expect(await overflowingElements(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/respond-teacher-v1-subject-360.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${SCREENSHOTS}/respond-teacher-v1-subject-1366.png`, fullPage: true });
  });

  it('offers no new questionnaire after a single-use code was answered', async () => {
    const link = await openLink('student', 'code');
    await answerWholeQuestionnaire(page);
    await thankYou().waitFor();
    // A student is addressed «ты»: no «Ваши ответы» before the reload, nor after it when the page knows only the code.
    expect(await thankYou().textContent()).not.toMatch(/(^|[^а-яё])(ваш\S*|вы)(?![а-яё])/i);
    await page.reload();
    await thankYou().waitFor();
    expect(await thankYou().textContent()).not.toMatch(/(^|[^а-яё])(ваш\S*|вы)(?![а-яё])/i);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SCREENSHOTS}/respond-student-thank-you-360.png`, fullPage: true });
    expect(await thankYou().getByRole('button').count()).toBe(0);
    expect(await responsesOf(link.id)).toHaveLength(1);
  });

  it('keeps the answers and the page across a reload and stores one response', async () => {
    const link = await openParentLink();
    await answerCurrentPage(page);
    expect(await nextOrComplete(page)).toBe('next');
    const secondPageQuestion = page.locator('.sd-page .sd-question').first();
    await secondPageQuestion.locator('.sd-selectbase__label').nth(1).tap();
    const progressText = await page.locator('.sd-progress__text:not(.sd-hidden)').textContent();

    await page.reload();
    await page.locator('.sd-question').first().waitFor();
    await expect.poll(() => page.locator('.sd-progress__text:not(.sd-hidden)').textContent()).toBe(progressText);
    await expect.poll(() => page.locator('.sd-page .sd-question').first().locator('.sd-item').nth(1).getAttribute('class')).toContain('sd-item--checked');
    await page.locator('.sd-navigation__prev-btn').tap();
    await expect.poll(() => page.locator('.sd-page .sd-question .sd-item--checked').count()).toBeGreaterThan(0);
    await nextOrComplete(page);

    await answerCurrentPage(page);
    expect(await nextOrComplete(page)).toBe('complete');
    await thankYou().waitFor();
    const rows = await responsesOf(link.id);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].answers as object).sort()).toEqual(parentQuestions);
  });

  it('keeps the answers while the server is unreachable and sends them once, with the same key, when it is back', async () => {
    const link = await openParentLink();
    const attempts: string[] = [];
    let reachable = false;
    await page.route('**/api/links/*/responses', async (route) => {
      attempts.push((route.request().postDataJSON() as { clientKey: string }).clientKey);
      if (reachable) await route.continue();
      else await route.abort('internetdisconnected');
    });

    await answerWholeQuestionnaire(page);
    await page.getByTestId('offline-message').waitFor();
    await expect.poll(() => page.getByTestId('offline-message').textContent()).toContain('Ответы сохранены на телефоне');
    await expect.poll(() => attempts.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await thankYou().count()).toBe(0);
    expect(await responsesOf(link.id)).toHaveLength(0);
    await page.screenshot({ path: `${SCREENSHOTS}/respond-parent-offline.png`, fullPage: true });

    reachable = true;
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await thankYou().waitFor();
    expect(new Set(attempts).size).toBe(1);
    expect(await responsesOf(link.id)).toHaveLength(1);
  });

  it('carries on sending after a reload when the answers were not confirmed yet', async () => {
    const link = await openParentLink();
    const attempts: string[] = [];
    let reachable = false;
    await context.route('**/api/links/*/responses', async (route) => {
      attempts.push((route.request().postDataJSON() as { clientKey: string }).clientKey);
      if (reachable) await route.continue();
      else await route.abort('internetdisconnected');
    });
    await answerWholeQuestionnaire(page);
    await page.getByTestId('offline-message').waitFor();

    await page.reload();
    // Nobody taps anything: the page resumes sending by itself, still without showing «completed».
    await page.getByTestId('offline-message').waitFor();
    expect(await thankYou().count()).toBe(0);
    reachable = true;
    await page.getByRole('button', { name: 'Отправить сейчас' }).tap();
    await thankYou().waitFor();
    expect(new Set(attempts).size).toBe(1);
    const rows = await responsesOf(link.id);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].answers as object).sort()).toEqual(parentQuestions);
  });

  it('shows why a refused answer was refused and does not send it again by itself', async () => {
    const link = await openParentLink('code');
    // Somebody already answered with this single-use code.
    const first = await session.server.app.inject({
      method: 'POST',
      url: `/api/links/${link.token}/responses`,
      payload: { answers: countedAnswers('parent'), clientKey: randomUUID() },
    });
    expect(first.statusCode).toBe(201);
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));

    await answerWholeQuestionnaire(page);
    await page.getByTestId('submit-error').waitFor();
    await expect.poll(() => page.getByTestId('submit-error').textContent()).toContain('уже заполнили');
    await page.screenshot({ path: `${SCREENSHOTS}/respond-parent-refused.png` });
    await page.waitForTimeout(2500);
    expect(submissions(requests)).toHaveLength(1);
    expect(await thankYou().count()).toBe(0);
  });

  it('does not send a questionnaire with too few answers, and says how many more it needs', async () => {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const link = await openParentLink();
    // «Далее» through every page without answering, then «Отправить ответы».
    while ((await nextOrComplete(page)) === 'next');
    const warning = page.getByTestId('too-few-answers');
    await warning.waitFor();
    const { minAnswered } = questionnaires.parent.counting;
    await expect.poll(() => warning.textContent()).toBe(strings.tooFewAnswers(minAnswered));
    expect(await warning.textContent()).toMatch(/^Чтобы анкета засчиталась, нужен ответ ещё хотя бы на 3 вопроса/);
    await page.screenshot({ path: `${SCREENSHOTS}/respond-too-few-answers.png` });
    expect(submissions(requests)).toHaveLength(0);
    expect(await thankYou().count()).toBe(0);
    expect(await responsesOf(link.id)).toHaveLength(0);

    // One answer (a choice question of the last page, which the model scores): the warning goes, and comes back
    // asking for one fewer.
    const first = page.locator('.sd-body .sd-page .sd-question').first();
    expect(questionnaires.parent.counting.questions).toContain(await first.getAttribute('data-name'));
    await first.locator('.sd-selectbase__label').first().tap();
    await expect.poll(() => warning.count()).toBe(0);
    await nextOrComplete(page);
    await expect.poll(() => warning.textContent()).toBe(strings.tooFewAnswers(minAnswered - 1));
    expect(submissions(requests)).toHaveLength(0);

    // The whole last page is enough: it goes.
    await answerCurrentPage(page);
    await nextOrComplete(page);
    await thankYou().waitFor();
    expect(await responsesOf(link.id)).toHaveLength(1);
  });

  it('tells at once that a used single-use code was used, before any question', async () => {
    const link = await newLink(session.server.database.db, world.wave.id, world.school.id, 'student', 'code');
    const used = await session.server.app.inject({
      method: 'POST',
      url: `/api/links/${link.token}/responses`,
      payload: { answers: countedAnswers('student'), clientKey: randomUUID() },
    });
    expect(used.statusCode).toBe(201);
    await page.goto(`/s/${link.token}`);
    await page.getByRole('heading', { name: strings.codeUsed.title }).waitFor();
    expect(await page.getByTestId('code-used').textContent()).toContain('свой');
    expect(await page.locator('.sd-question').count()).toBe(0);
    expect(await overflowingElements(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/respond-code-used.png` });
  });

  it('opens the right questionnaire from a short code typed at /c, and says when a code is wrong', async () => {
    const link = await newLink(session.server.database.db, world.wave.id, world.school.id, 'teacher', 'code');
    const shortCode = newShortCode();
    await session.server.database.db.updateTable('links').set({ short_code: shortCode }).where('id', '=', link.id).execute();
    await page.goto('/c');
    const input = page.getByLabel(codeEntryStrings.label);
    await input.waitFor();
    expect(await overflowingElements(page)).toEqual([]);

    await input.fill('2222-2222');
    await page.getByRole('button', { name: codeEntryStrings.submit }).tap();
    await expect.poll(() => page.getByTestId('code-error').textContent()).toBe(codeEntryStrings.errors.code_not_found);

    // Typed the way a person copies it from a slip: lower case, a space where the dash was.
    await input.fill(`${shortCode.slice(0, 4).toLowerCase()} ${shortCode.slice(4).toLowerCase()}`);
    await page.screenshot({ path: `${SCREENSHOTS}/respond-code-entry.png` });
    await page.getByRole('button', { name: codeEntryStrings.submit }).tap();
    await page.waitForURL(`**/s/${link.token}`);
    await page.locator('.sd-question').first().waitFor();
    await expect.poll(() => page.locator('.rs-header__school').textContent()).toBe(world.school.name);
    expect(await page.locator('.sd-question').first().getAttribute('data-name')).toMatch(/^t_/);
  });

  it('explains a closed wave with its dates and shows no questionnaire', async () => {
    const wave = await newWave(session.server.database.db, world.region.id, { opensInDays: -20, closesInDays: -1 });
    const link = await newLink(session.server.database.db, wave.id, world.school.id, 'parent');
    await page.goto(`/s/${link.token}`);
    await page.getByRole('heading', { name: 'Опрос завершён' }).waitFor();
    await expect.poll(() => page.locator('.rs-message__text').textContent()).toMatch(/с \d{1,2}\s[а-я]+ \d{4} по \d{1,2}\s[а-я]+ \d{4}\./);
    await expect.poll(() => page.locator('.rs-header__school').textContent()).toBe(world.school.name);
    expect(await page.locator('.sd-question').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/respond-closed-wave.png` });
  });

  it('tells that an unknown or replaced link does not work', async () => {
    await page.goto('/s/no-such-token');
    await page.getByRole('heading', { name: 'Ссылка не найдена' }).waitFor();

    const link = await newLink(session.server.database.db, world.wave.id, world.school.id, 'parent');
    await session.server.database.db.updateTable('links').set({ revoked_at: new Date() }).where('id', '=', link.id).execute();
    await page.goto(`/s/${link.token}`);
    await page.getByRole('heading', { name: 'Эта ссылка больше не действует' }).waitFor();
  });
});
