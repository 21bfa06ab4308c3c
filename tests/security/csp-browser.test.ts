import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { launchBrowser, newPhoneContext } from '../e2e/browser.js';
import { startServer, type E2eServer } from '../e2e/server.js';

const SCREENSHOTS = 'test-results';

/** Every report of a blocked load or a blocked inline style/script, as Chromium prints it to the console. */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

// The policy is checked where it matters: in a browser that enforces it, on the pages people use.
describe('the content security policy in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([startServer('pglite'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the respondent page show the questionnaire with its styles and nothing blocked', async () => {
    const world = await newWorld(server.database.db);
    const link = await newLink(server.database.db, world.wave.id, world.school.id, 'parent');
    const context = await newPhoneContext(browser, server.url);
    const page = await context.newPage();
    const violations = collectViolations(page);
    const response = await page.goto(`/s/${link.token}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.sd-question').first().waitFor();
    // SurveyJS writes its theme into <style> elements at run time: the policy must let them apply.
    await expect.poll(() => page.locator('style').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('lets swagger-ui at /api/docs render the operations', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: server.url });
    const page = await context.newPage();
    const violations = collectViolations(page);
    await page.goto('/api/docs');
    await page.locator('.opblock').first().waitFor();
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(5);
    await page.screenshot({ path: `${SCREENSHOTS}/security-api-docs.png` });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('refuses to be framed by another page', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const violations = collectViolations(page);
    await page.setContent(`<iframe src="${server.url}/login" width="400" height="300"></iframe>`);
    await expect.poll(() => violations.some((v) => /frame-ancestors|X-Frame-Options/i.test(v)), { timeout: 10_000 }).toBe(true);
    const framed = page.frames().find((f) => f.url().startsWith(server.url));
    expect(
      (await framed
        ?.locator('#root')
        .count()
        .catch(() => 0)) ?? 0,
    ).toBe(0);
    await context.close();
  });
});
