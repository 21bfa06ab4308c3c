import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildApp, CLIENT_DIST } from '../server/app.js';
import type { Db } from '../server/db/connect.js';
import { launchBrowser } from '../tests/e2e/browser.js';
import { seed } from './http-submissions.js';
import type { BenchRow } from './support.js';
import { median, withBenchSchema } from './support.js';

/**
 * How soon a parent on a slow mobile network sees the first question of a link: Chromium with DevTools' «Slow 4G»
 * (1.6 Mbps down, 750 kbps up, 150 ms round trip), a fresh browser profile each time (nothing cached, no service
 * worker), from the start of the navigation until a question is on the screen. The same run measures the page without
 * the first questions written into it (the server's `firstPage: false`): the page as it was, SurveyJS first.
 */
const RUNS = Number(process.env.BENCH_FIRST_QUESTION_RUNS ?? 5);
const GOAL_MS = 1_500;
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };

interface Timing {
  /** Any question on the screen: the plain one the server wrote, or SurveyJS's. */
  firstQuestion: number;
  /** SurveyJS's own first question, ready to take answers and go on. */
  surveyJs: number;
  bytes: number;
}

async function open(browser: Browser, url: string): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block', locale: 'ru-RU' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
    await page.goto(url, { waitUntil: 'commit' });
    // Timed inside the page, from the navigation's start, on the frame that first paints a question.
    const visible = (selector: string) =>
      page
        .waitForFunction(
          (s) => {
            const question = document.querySelector(s);
            const box = question?.getBoundingClientRect();
            return box && box.height > 0 && box.top < innerHeight ? performance.now() : false;
          },
          selector,
          { polling: 'raf', timeout: 60_000 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>);
    const firstQuestion = await visible('.rs-pre__question, .sd-question');
    const surveyJs = await visible('.sd-question');
    return { firstQuestion, surveyJs, bytes };
  } finally {
    await context.close();
  }
}

async function measure(db: Db, firstPage: boolean, token: string, browser: Browser) {
  const app = await buildApp({ db, dbKind: 'postgresql', serveClient: true, firstPage });
  try {
    const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/s/${token}`;
    await open(browser, url); // warm-up: the server's first request reads the page and the questionnaire
    const timings: Timing[] = [];
    for (let i = 0; i < RUNS; i++) timings.push(await open(browser, url));
    return {
      firstQuestion: median(timings.map((t) => t.firstQuestion)),
      surveyJs: median(timings.map((t) => t.surveyJs)),
      kb: median(timings.map((t) => t.bytes)) / 1024,
    };
  } finally {
    await app.close();
  }
}

export function run(): Promise<BenchRow[]> {
  if (!existsSync(join(CLIENT_DIST, 'respond.html'))) throw new Error('dist/client is missing: run `npm run build` first');
  return withBenchSchema('first_question', undefined, async (db) => {
    const links = await seed(db, 1);
    const parent = links.find((link) => link.role === 'parent')!;
    const browser = await launchBrowser();
    try {
      const written = await measure(db, true, parent.token, browser);
      const before = await measure(db, false, parent.token, browser);
      return [
        {
          name: `first question on the screen, slow 4G (1.6 Mbps, 150 ms RTT), median of ${RUNS}; baseline: the page without its first questions written in`,
          value: written.firstQuestion,
          unit: 'ms',
          baseline: before.firstQuestion,
          goal: { max: GOAL_MS },
          note: `${written.kb.toFixed(0)} KB over the wire with the first page written in, ${before.kb.toFixed(0)} KB without`,
        },
        {
          name: 'SurveyJS ready with the first page (answers typed before are handed over), same network',
          value: written.surveyJs,
          unit: 'ms',
          baseline: before.surveyJs,
          note: 'baseline: the page as it was; the questions written in must not delay SurveyJS',
        },
      ];
    } finally {
      await browser.close();
    }
  });
}
