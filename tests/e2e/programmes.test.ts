import { execFileSync } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatorStrings } from '../../client/src/curator/strings.js';
import { programmeStrings as s } from '../../client/src/school/programmes/strings.js';
import { visitStrings as v } from '../../client/src/school/visits/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { dayOf } from '../../server/shared/rules/zoned-days.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const PASSWORD = 'correct horse battery';
const TEAM = 'team-programmes@test.local';
const CURATOR = 'curator-programmes@test.local';
const COORDINATOR = 'region-programmes@test.local';
const SCHOOL = 'МБОУ «Средняя школа № 7 имени героев космоса»';
const FACTOR = { id: 'R3', title: 'Недостаточная предметная и методическая компетентность педагогических работников' };
const REMARK = 'Срок семинара слишком поздний: перенесите его на первую четверть.';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * Whether the page is wider than its window: on a phone nothing may scroll sideways. A phone zooms out to fit a page
 * that is too wide, which widens `innerWidth` with it; the layout width (`clientWidth`) stays the screen's.
 */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > Math.min(window.innerWidth, document.documentElement.clientWidth));

// The programme screens run on PGlite only: the API tests cover both databases.
describe('an antirisk programme from a priority to its evidence, in Chromium', () => {
  let session: E2eSession;
  let team: BrowserContext;
  let curator: BrowserContext;
  let teamPage: Page;
  let curatorPage: Page;
  let programmePath: string;
  let coordinatorPage: Page;
  let waveId: number;

  const state = (page: Page) => page.getByTestId('programme-state').textContent();

  /** A 360 px phone signed in as `email`, on `path`, kept as a screenshot once `ready` shows; nothing may scroll sideways. */
  async function onPhone(email: string, path: string, ready: string, name: string) {
    const phone = await session.phone(360);
    try {
      const page = await phone.newPage();
      await logIn(page, email, PASSWORD);
      await page.goto(path);
      await page.getByTestId(ready).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await scrollsSideways(page), `${name} scrolls sideways at 360 px`).toBe(false);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-phone.png`, fullPage: true });
    } finally {
      await phone.close();
    }
  }

  beforeAll(async () => {
    session = await openSession();
    const db = session.server.database.db;
    const region = await newRegion(db, 'Энская область');
    const municipality = await newMunicipality(db, region.id, 'Северный район');
    const school = await newSchool(db, municipality.id, {}, SCHOOL);
    await newSchool(db, municipality.id, {}, 'Школа, которую курирует другой');
    // A closed wave: its profile is out, and the team has chosen its priorities after it.
    const wave = await newWave(db, region.id, { opensInDays: -40, closesInDays: -5, title: 'Входное анкетирование 2027' });
    waveId = wave.id;
    await createAccount(db, { email: COORDINATOR, password: PASSWORD, role: 'region', regionId: region.id, name: 'Координатор' });
    const teamAccount = await createAccount(db, { email: TEAM, password: PASSWORD, role: 'school', schoolId: school.id, name: 'Завуч Петрова' });
    const curatorAccount = await createAccount(db, { email: CURATOR, password: PASSWORD, role: 'curator', regionId: region.id, name: 'Куратор Иванова' });
    await db.insertInto('curator_schools').values({ curator_id: curatorAccount.id, school_id: school.id }).execute();
    await db
      .insertInto('school_priorities')
      .values(['R3'].map((factorId, i) => ({ wave_id: wave.id, school_id: school.id, position: i + 1, factor_id: factorId, chosen_by: teamAccount.id })))
      .execute();
    team = await session.desktop(1366);
    curator = await session.desktop(1366);
    teamPage = await team.newPage();
    curatorPage = await curator.newPage();
    coordinatorPage = await (await session.desktop(1366)).newPage();
    await logIn(coordinatorPage, COORDINATOR, PASSWORD);
  });

  /** The region coordinator's share of schools with an approved programme, as «Программы школ» shows it. */
  async function approvedShare() {
    await coordinatorPage.goto(`/coordinator/programmes?wave=${waveId}`);
    const share = coordinatorPage.getByTestId('approved-share');
    await share.locator('.value').waitFor();
    return (await share.textContent()) ?? '';
  }
  afterAll(() => session?.close());

  it('the team creates the programme of a priority, writes its goal, a task and a measure, saves and submits it', async () => {
    const page = teamPage;
    await logIn(page, TEAM, PASSWORD);
    await expect.poll(() => page.locator('h1').textContent()).toBe(SCHOOL);
    const card = page.getByTestId('programmes');
    await expect.poll(() => card.locator('li').count()).toBe(1);
    const row = card.locator('li', { hasText: FACTOR.title });
    expect(await row.textContent()).toContain(s.list.notCreated);
    await card.screenshot({ path: `${SCREENSHOTS}/school-programmes-desktop.png` });
    await row.getByRole('button', { name: s.list.create }).click();
    await page.waitForURL(/\/school\/programmes\/\d+$/);
    programmePath = new URL(page.url()).pathname;
    await expect.poll(() => state(page)).toBe(s.states.draft);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`${FACTOR.id}. ${FACTOR.title}`);

    // Sending it empty says what is missing.
    await page.getByRole('button', { name: s.editor.submit }).click();
    await page.getByText(s.incomplete([s.missing.goal, s.missing.tasks, s.missing.measures])).waitFor();

    await page.getByLabel(s.editor.goal).fill('Каждый учитель математики и русского языка разбирает с классом итоги ВПР.');
    await page.getByRole('button', { name: s.editor.addTask }).click();
    await page.getByLabel(s.editor.task(1)).fill('Научить учителей разбирать результаты ВПР');
    await page.getByRole('button', { name: s.editor.addMeasure }).click();
    const measure = page.getByTestId('measure-fields');
    await measure.getByLabel(s.editor.action).fill('Семинар «Как читать результаты ВПР»');
    await measure.getByLabel(s.editor.deadline).fill('2030-05-20');
    const responsible = measure.getByLabel(s.editor.responsible);
    await responsible.fill('Заместитель директора по УВР');
    const hint = await responsible.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${hint}"]`).textContent()).toBe(s.editor.responsibleHint);
    await measure.getByLabel(s.editor.result).fill('Все учителя разобрали итоги ВПР со своими классами');
    const target = measure.getByLabel(s.editor.target);
    // The wave's model offers the factor itself, its indicators, and anything else in words.
    await target.selectOption('indicator:R3.no_vpr_follow_up');
    await page.getByRole('button', { name: s.editor.save, exact: true }).click();
    await page.getByText(s.editor.saved).waitFor();
    await expect.poll(() => page.getByTestId('programme-document').textContent()).toContain('R3.no_vpr_follow_up');

    await page.getByRole('button', { name: s.editor.submit }).click();
    await page.getByText(s.editor.submitted).waitFor();
    await expect.poll(() => state(page)).toBe(s.states.submitted);
    // Once submitted the content is fixed: the editor gives way to the document.
    expect(await page.getByRole('button', { name: s.editor.save, exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('programme-document').textContent()).toContain('Семинар «Как читать результаты ВПР»');
  });

  it('the curator finds the school among its own, opens the programme and returns it with a remark', async () => {
    const page = curatorPage;
    await logIn(page, CURATOR, PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/curator');
    await page.getByRole('heading', { name: curatorStrings.title }).waitFor();
    const schools = page.getByTestId('curator-school');
    await expect.poll(() => schools.count()).toBe(1);
    await expect.poll(() => schools.textContent()).toContain(s.states.submitted);
    expect(await schools.textContent()).toContain(SCHOOL);
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/curator-schools-desktop.png`, fullPage: true });
    await onPhone(CURATOR, '/curator', 'curator-school', 'curator-schools');

    await schools.getByRole('link', { name: `${curatorStrings.openProgramme}: ${FACTOR.title}` }).click();
    await page.waitForURL(`**${programmePath}`);
    await expect.poll(() => state(page)).toBe(s.states.submitted);
    // A reviewer reads the programme; writing it is the team's.
    expect(await page.getByRole('button', { name: s.editor.save, exact: true }).count()).toBe(0);
    const review = page.getByTestId('review');
    await page.waitForLoadState('networkidle');
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/programme-curator-desktop.png`, fullPage: true });
    await onPhone(CURATOR, programmePath, 'review', 'programme-curator');

    await review.getByRole('button', { name: s.review.return }).click();
    await review.getByText(s.review.remarkRequired).waitFor();
    await review.getByLabel(s.review.remark).fill(REMARK);
    await review.getByRole('button', { name: s.review.return }).click();
    await page.getByText(s.review.returned).waitFor();
    await expect.poll(() => state(page)).toBe(s.states.returned);
    await expect.poll(() => page.getByTestId('remarks').textContent()).toContain(REMARK);
    expect(await page.getByTestId('remarks').textContent()).toContain(s.remarks.awaiting);
    expect(await page.getByTestId('review').count()).toBe(0);
  });

  it('the team reads the remark, answers it, moves the deadline and submits again', async () => {
    const page = teamPage;
    await page.reload();
    await expect.poll(() => state(page)).toBe(s.states.returned);
    const remarks = page.getByTestId('remarks');
    await expect.poll(() => remarks.textContent()).toContain(REMARK);
    await remarks.getByLabel(s.remarks.answerLabel).fill('Перенесли семинар на 20 октября.');
    await remarks.getByRole('button', { name: s.remarks.send }).click();
    await expect.poll(() => remarks.textContent()).toContain('Перенесли семинар на 20 октября.');
    expect(await remarks.getByLabel(s.remarks.answerLabel).count()).toBe(0);

    await page.getByTestId('measure-fields').getByLabel(s.editor.deadline).fill('2029-10-20');
    await page.getByText(s.editor.unsaved).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/programme-team-returned-desktop.png`, fullPage: true });
    await onPhone(TEAM, programmePath, 'measure-fields', 'programme-team-returned');

    // Unsaved changes go with the submission: it saves them first.
    await page.getByRole('button', { name: s.editor.submit }).click();
    await page.getByText(s.editor.submitted).waitFor();
    await expect.poll(() => state(page)).toBe(s.states.submitted);
    await expect.poll(() => page.getByTestId('programme-document').textContent()).toContain('20 октября 2029 г.');
    await expect.poll(() => page.getByTestId('history').textContent()).toContain(s.history.events.resubmitted);
  });

  it('the curator approves the resubmitted programme', async () => {
    expect(await approvedShare()).toContain('у 0 из 2 школ');
    const page = curatorPage;
    await page.reload();
    await expect.poll(() => state(page)).toBe(s.states.submitted);
    await page.getByTestId('review').getByRole('button', { name: s.review.approve }).click();
    await page.getByText(s.review.approved).waitFor();
    await expect.poll(() => state(page)).toBe(s.states.approved);
    await expect.poll(() => page.getByTestId('history').textContent()).toContain(s.history.events.approved);
  });

  it('the team marks the measure done and attaches a PDF; a file that is not what its name says is refused', async () => {
    const page = teamPage;
    await page.reload();
    await expect.poll(() => state(page)).toBe(s.states.approved);
    expect(await page.getByRole('button', { name: s.editor.submit }).count()).toBe(0);
    const progress = page.getByTestId('measure-progress');
    await progress.getByLabel(s.progress.status).selectOption({ label: s.statuses.done });
    await progress.getByLabel(s.progress.comment).fill('Семинар проведён, 14 учителей');
    await progress.getByRole('button', { name: s.progress.save }).click();
    await page.getByText(s.progress.saved).waitFor();
    await expect.poll(() => page.getByTestId('programme-document').textContent()).toContain(s.statuses.done);

    const file = progress.getByLabel(s.progress.upload);
    expect(await progress.textContent()).toContain(s.progress.allowed);
    await file.setInputFiles({ name: 'фото.png', mimeType: 'image/png', buffer: PDF });
    await progress.getByText(s.errors.evidence_content).waitFor();
    await file.setInputFiles({ name: 'протокол семинара.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText(s.progress.uploaded('протокол семинара.pdf')).waitFor();
    const link = progress.getByRole('link', { name: 'протокол семинара.pdf' });
    const download = await page.request.get((await link.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

    await page.waitForLoadState('networkidle');
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/programme-team-desktop.png`, fullPage: true });
    await onPhone(TEAM, programmePath, 'measure-progress', 'programme-team');
  });

  it('prints the programme as a document without the navigation, and downloads it as DOCX naming the school and the risk', async () => {
    const page = teamPage;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: s.page.print }).isVisible()).toBe(false);
    expect(await page.getByTestId('progress').isVisible()).toBe(false);
    expect(await page.getByTestId('programme-document').isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/programme-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ path: `${SCREENSHOTS}/programme.pdf`, format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: s.page.docx }).click()]);
    const path = `${SCREENSHOTS}/programme.docx`;
    await download.saveAs(path);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const xml = execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' });
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(SCHOOL);
    expect(text).toContain(FACTOR.title);
    expect(text).toContain('Семинар «Как читать результаты ВПР»');
  });

  it('the curator plans a lesson observation, then reports it with notes against the priority risks; the team reads it', async () => {
    const page = curatorPage;
    await page.goto('/curator');
    await page.getByTestId('curator-school').getByRole('link', { name: curatorStrings.visitsLink }).click();
    await page.waitForURL(/\/school\/\d+\/visits/);
    await expect.poll(() => page.locator('h1').textContent()).toBe(SCHOOL);
    const today = dayOf(new Date(), 'Europe/Moscow');
    await page.getByRole('button', { name: v.plan.open }).click();
    await page.getByLabel(v.plan.date).fill(today);
    await page.getByLabel(v.plan.kind).selectOption({ label: v.kinds.lesson_observation });
    await page.getByLabel(v.plan.purpose).fill('Посмотреть, как учитель разбирает с классом итоги ВПР');
    await page.getByRole('button', { name: v.plan.submit, exact: true }).click();
    await page.getByText(v.plan.done).waitFor();
    const planned = page.getByRole('region', { name: v.planned }).getByTestId('visit');
    await expect.poll(() => planned.textContent()).toContain(v.kinds.lesson_observation);

    await planned.getByRole('button', { name: v.report.open }).click();
    await planned.getByLabel(v.report.madeOn, { exact: true }).fill(today);
    await planned.getByLabel(v.report.lessonClass, { exact: true }).fill('7 «Б»');
    await planned.getByLabel(v.report.subject, { exact: true }).fill('Математика');
    await planned.getByLabel(`${FACTOR.id}. ${FACTOR.title}`).fill('Итоги ВПР разобраны по заданиям, ученики исправили ошибки.');
    await planned.getByLabel(v.report.conclusions).fill('Опыт учителя стоит показать на методическом объединении.');
    await planned.screenshot({ path: `${SCREENSHOTS}/visits-protocol-form-desktop.png` });
    await planned.getByRole('button', { name: v.report.save }).click();
    const made = page.getByRole('region', { name: v.made }).getByTestId('visit');
    await expect.poll(() => made.textContent()).toContain(v.protocol.lesson('7 «Б»', 'Математика'));
    expect(await made.textContent()).toContain('Итоги ВПР разобраны по заданиям');
    expect(await page.getByRole('region', { name: v.planned }).textContent()).toContain(v.noPlanned);
    await page.waitForLoadState('networkidle');
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/visits-curator-desktop.png`, fullPage: true });
    await onPhone(CURATOR, new URL(page.url()).pathname, 'visit', 'visits-curator');

    // The team reads the protocol; only the curator changes it.
    await teamPage.goto('/school/visits');
    const seen = teamPage.getByTestId('visit');
    await expect.poll(() => seen.textContent()).toContain('Опыт учителя стоит показать');
    expect(await teamPage.getByRole('button', { name: v.report.edit }).count()).toBe(0);
    expect(await teamPage.getByRole('button', { name: v.plan.open }).count()).toBe(0);
  });

  it("moves the coordinator's share of schools with approved programmes: 0 of 2 before the approval, 1 of 2 after", async () => {
    const shown = await approvedShare();
    expect(shown).toContain('50%');
    expect(shown).toContain('у 1 из 2 школ');
    await coordinatorPage.screenshot({ path: `${SCREENSHOTS}/programmes-coordinator-desktop.png`, fullPage: true });
  });
});
