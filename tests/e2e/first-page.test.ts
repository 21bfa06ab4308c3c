import type { BrowserContext, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newLink, newWave, newWorld } from '../helpers/fixtures.js';
import { openSession, SCREENSHOTS, type E2eSession } from './session.js';
import { answerCurrentPage, nextOrComplete, overflowingElements } from './survey-driver.js';

// What the plain first page does is the browser's business: PGlite is enough for the server behind it.
describe('the first questions written into the respondent page, before SurveyJS arrives', { timeout: 180_000 }, () => {
  let session: E2eSession;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    world = await newWorld(session.server.database.db);
  });
  afterAll(() => session?.close());
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const db = () => session.server.database.db;

  it('shows the first page while the scripts are held back, and SurveyJS takes over with every answer given there', async () => {
    context = await session.phone(360);
    const page = await context.newPage();
    const link = await newLink(db(), world.wave.id, world.school.id, 'parent');
    // The page's script is held until the respondent has answered on the plain page: a very slow network, made certain.
    const held: Route[] = [];
    await page.route(/\/assets\/respond-[\w-]+\.js$/, (route) => void held.push(route));

    await page.goto(`/s/${link.token}`, { waitUntil: 'commit' });
    const plain = page.locator('#rs-first-page');
    await plain.getByText('Как вы оцениваете порядок и безопасность в школе?').waitFor();
    expect(await page.locator('.rs-header__school').textContent()).toBe(world.school.name);
    expect(await page.locator('.sd-question').count()).toBe(0);
    expect(await overflowingElements(page)).toEqual([]);

    await page.getByLabel('В каком классе учится ваш ребёнок?').selectOption({ label: '3 класс' });
    await page.getByRole('group', { name: 'Как вы оцениваете отношения' }).getByLabel('4 — хорошо').check();
    await page.getByRole('group', { name: 'Как вы оцениваете порядок' }).getByLabel('Затрудняюсь ответить').check();
    await page.screenshot({ path: `${SCREENSHOTS}/first-page-plain-360.png`, fullPage: true });

    await expect.poll(() => held.length).toBeGreaterThan(0);
    for (const route of held) await route.continue();
    await page.locator('.sd-question').first().waitFor();
    expect(await plain.count()).toBe(0);
    expect(await page.locator('#rs-link').count()).toBe(0);
    const checkedIn = (name: string) => page.locator(`.sd-question[data-name=${name}] .sd-item--checked`).textContent();
    expect(await checkedIn('pa_relations')).toBe('4 — хорошо');
    expect(await checkedIn('pa_order')).toBe('Затрудняюсь ответить');
    expect(await page.locator('.sd-question[data-name=pa_child_grade] .sd-dropdown').textContent()).toContain('3 класс');
    await page.screenshot({ path: `${SCREENSHOTS}/first-page-taken-over-360.png`, fullPage: true });

    // The rest is answered in SurveyJS; what was given on the plain page is what is stored.
    while ((await nextOrComplete(page)) === 'next') await answerCurrentPage(page);
    await page.getByTestId('thank-you').waitFor();
    const stored = await db().selectFrom('responses').select('answers').where('link_id', '=', link.id).executeTakeFirstOrThrow();
    expect(stored.answers).toMatchObject({ pa_child_grade: '3', pa_relations: 4, pa_order: 'dont_know' });
  });

  it('looks as the page will on a desktop at 1366 px', async () => {
    context = await session.desktop(1366);
    const page = await context.newPage();
    const link = await newLink(db(), world.wave.id, world.school.id, 'teacher');
    await page.route(/\/assets\/respond-[\w-]+\.js$/, () => undefined);
    await page.goto(`/s/${link.token}`, { waitUntil: 'commit' });
    await page.locator('#rs-first-page .rs-pre__question').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/first-page-plain-1366.png`, fullPage: true });
  });

  it('writes the questions and facts only into the page of a link that can be answered now, never into a cached copy', async () => {
    const open = await newLink(db(), world.wave.id, world.school.id, 'student');
    const later = await newWave(db(), world.region.id, { opensInDays: 3, closesInDays: 10 });
    const notYet = await newLink(db(), later.id, world.school.id, 'student');
    const get = (path: string) => fetch(`${session.server.url}${path}`);

    const page = await get(`/s/${open.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('id="rs-first-page"');
    const facts = JSON.parse(/<script type="application\/json" id="rs-link">([^<]*)<\/script>/.exec(html)![1]!);
    expect(facts).toMatchObject({ role: 'student', school: { name: world.school.name }, wave: { open: true } });

    for (const path of [`/s/${notYet.token}`, '/s/no-such-link']) {
      const plain = await get(path);
      expect(plain.status, path).toBe(200);
      expect(plain.headers.get('cache-control'), path).toBe('no-cache');
      const text = await plain.text();
      expect(text, path).not.toContain('rs-first-page');
      expect(text, path).not.toContain('application/json');
    }
  });
});
