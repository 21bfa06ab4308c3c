import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScreen, sidewaysScroll } from './screens.js';
import { openSession, SCREENSHOTS, signedInPage, type E2eSession } from './session.js';

// A school's released profile and its printable report: at 320 px and at 200 % zoom (a 640 px viewport) the page
// never scrolls sideways; a wide table may scroll inside its own region.
describe("the school's released profile and report reflow in Chromium", { timeout: 120_000 }, () => {
  let session: E2eSession;
  let repeatWave: number;

  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
    const [, repeat] = await session.server.database.db.selectFrom('waves').select('id').orderBy('opens_at').execute();
    repeatWave = repeat!.id;
  });
  afterAll(() => session?.close());

  it.each([
    ['320 px wide', 320, 'desktop'],
    ['a 1280 px window at 200 %', 640, 'desktop'],
    ['a phone', 360, 'phone'],
    ['a desktop', 1366, 'desktop'],
  ] as const)('on %s', async (_name, width, device) => {
    const context = device === 'phone' ? await session.phone(width) : await session.desktop(width);
    const page = await signedInPage(context, 'school@demo.local');
    const found: Record<string, string[]> = {};
    for (const [screen, path] of [
      ['profile', `/school?wave=${repeatWave}`],
      ['report', `/school/report?wave=${repeatWave}`],
    ]) {
      await openScreen(page, path);
      await page.locator('canvas').first().waitFor();
      const wide = await sidewaysScroll(page);
      if (wide.length > 0) found[screen] = wide;
      await page.screenshot({ path: `${SCREENSHOTS}/reflow-${screen}-${width}.png`, fullPage: true });
    }
    await context.close();
    expect(found).toEqual({});
  });
});
