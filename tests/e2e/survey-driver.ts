import type { Locator, Page } from 'playwright-core';

/**
 * Answers every question on the current page of a SurveyJS questionnaire through the UI, the way a
 * respondent would: tap the first choice, pick the first rating, choose the first dropdown item,
 * type the smallest allowed number. Returns the names of the questions it answered.
 */
export async function answerCurrentPage(page: Page): Promise<string[]> {
  const answered: string[] = [];
  const questions = page.locator('.sd-body .sd-page .sd-question');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const q = questions.nth(i);
    const name = await q.getAttribute('data-name');
    if (!name) continue;
    await answerQuestion(page, q, name);
    answered.push(name);
  }
  return answered;
}

async function answerQuestion(page: Page, q: Locator, name: string) {
  if ((await q.locator('.sd-radio, .sd-checkbox').count()) > 0) {
    await q.locator('.sd-selectbase__label').first().tap();
    return;
  }
  if ((await q.locator('.sd-rating__item').count()) > 0) {
    await q.locator('.sd-rating__item').first().tap();
    return;
  }
  if ((await q.locator('.sd-dropdown').count()) > 0) {
    await q.locator('.sd-dropdown').first().tap();
    const popup = page.locator('.sv-popup:visible');
    await popup.locator('[role=option]').first().tap();
    await popup.waitFor({ state: 'hidden' });
    return;
  }
  const number = q.locator('input[type=number]');
  if ((await number.count()) > 0) {
    await number.fill((await number.getAttribute('min')) ?? '1');
    await number.blur();
    return;
  }
  throw new Error(`the e2e driver does not know how to answer question "${name}"`);
}

/** Taps «Далее», or «Отправить ответы» on the last page; returns which one it was. */
export async function nextOrComplete(page: Page): Promise<'next' | 'complete'> {
  const complete = page.locator('.sd-navigation__complete-btn');
  if (await complete.isVisible()) {
    await complete.tap();
    return 'complete';
  }
  const before = await page.locator('.sd-progress__text:not(.sd-hidden)').textContent();
  await page.locator('.sd-navigation__next-btn').tap();
  await page.waitForFunction((text) => document.querySelector('.sd-progress__text:not(.sd-hidden)')?.textContent !== text, before);
  return 'next';
}

/** Answers every page and taps «Отправить ответы»; returns every question answered. */
export async function answerWholeQuestionnaire(page: Page): Promise<string[]> {
  const answered: string[] = [];
  for (;;) {
    answered.push(...(await answerCurrentPage(page)));
    if ((await nextOrComplete(page)) === 'complete') return answered;
  }
}

/**
 * Elements that stick out of the viewport or hold content wider than it: a horizontal scroll, even
 * one that overflow: hidden hides until something scrolls the page sideways.
 */
export function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 0.5 || e.scrollWidth > window.innerWidth + 0.5 || e.scrollLeft > 0);
      })
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${String((e as HTMLElement).className)
            .split(' ')
            .join('.')}`,
      ),
  );
}
