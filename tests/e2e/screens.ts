import type { Page } from 'playwright-core';

/** Opens `path` and waits until the screen has loaded what it shows: no request in flight, no «Загрузка…» left. */
export async function openScreen(page: Page, path: string) {
  await page.goto(path, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => !document.body.innerText.includes('Загрузка'));
  await page.waitForLoadState('networkidle');
}

/** Why the page scrolls sideways: its own width, and the elements that stick out of the window outside a scrolling region. */
export function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const sticksOut = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.right > root.clientWidth + 1 && !e.parentElement?.closest('[role=region], .sv-popup');
    };
    // The outermost ones only: a table that sticks out, not each of its cells.
    const sticking = [...document.querySelectorAll('body *')]
      .filter((e) => sticksOut(e) && !(e.parentElement && sticksOut(e.parentElement)))
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}`);
    const unique = [...new Set(sticking)];
    return root.scrollWidth > root.clientWidth ? [`scrollWidth ${root.scrollWidth} > ${root.clientWidth}`, ...unique] : unique;
  });
}
