import type { Page } from 'playwright-core';

/** What has the keyboard focus on the respondent page, and the ring a sighted keyboard user sees around it. */
interface Focused {
  kind: 'radio' | 'checkbox' | 'rating' | 'dropdown' | 'number' | 'next' | 'prev' | 'complete' | 'language' | 'notice' | 'other';
  question: string | null;
  /** The computed outline of the element that stands for the control on screen, or its box-shadow if no outline. */
  ring: string;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    const question = e?.closest<HTMLElement>('.sd-question')?.dataset.name ?? null;
    const ringOf = (shown: Element) => {
      const style = getComputedStyle(shown);
      if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2)
        return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
      return style.boxShadow === 'none' ? 'none' : `box-shadow ${style.boxShadow}`;
    };
    if (!e || e === document.body) return { kind: 'other' as const, question, ring: 'none' };
    const cls = e.classList;
    if (cls.contains('sd-navigation__next-btn')) return { kind: 'next' as const, question, ring: ringOf(e) };
    if (cls.contains('sd-navigation__prev-btn')) return { kind: 'prev' as const, question, ring: ringOf(e) };
    if (cls.contains('sd-navigation__complete-btn')) return { kind: 'complete' as const, question, ring: ringOf(e) };
    const rating = e.closest('.sd-rating__item');
    if (rating) return { kind: 'rating' as const, question, ring: ringOf(rating) };
    const item = e.closest('.sd-item');
    if (item && e instanceof HTMLInputElement && (e.type === 'radio' || e.type === 'checkbox'))
      return { kind: e.type, question, ring: ringOf(item.querySelector('.sd-selectbase__label') ?? item) };
    const dropdown = e.closest('.sd-dropdown');
    if (dropdown) return { kind: 'dropdown' as const, question, ring: ringOf(dropdown) };
    if (e instanceof HTMLInputElement && e.type === 'number') return { kind: 'number' as const, question, ring: ringOf(e) };
    if (e.closest('.rs-lang')) return { kind: 'language' as const, question, ring: ringOf(e) };
    // «Подробнее» and the policy link of the privacy notice above the questions.
    if (e.closest('.rs-notice')) return { kind: 'notice' as const, question, ring: ringOf(e) };
    return { kind: 'other' as const, question, ring: ringOf(e) };
  });
}

const progress = (page: Page) => page.locator('.sd-progress__text:not(.sd-hidden)').textContent();

/**
 * Completes the questionnaire on `page` with the keyboard alone, the way someone who cannot use a mouse or a touch
 * screen would: Tab from control to control, Space on the first choice of each question, the arrow keys and Enter in a
 * dropdown, digits in a number field, Enter on «Далее» and at last on «Отправить ответы». Returns the questions it
 * answered and, per kind of control, the focus ring it saw on it.
 */
export async function completeWithKeyboard(page: Page): Promise<{ answered: string[]; rings: Map<Focused['kind'], string> }> {
  const answered = new Set<string>();
  const rings = new Map<Focused['kind'], string>();
  for (let presses = 0; presses < 3000; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!rings.has(now.kind)) rings.set(now.kind, now.ring);
    if (now.question && !answered.has(now.question)) {
      if (now.kind === 'radio' || now.kind === 'checkbox' || now.kind === 'rating') {
        await page.keyboard.press('Space');
      } else if (now.kind === 'dropdown') {
        const expanded = (value: string) =>
          page.waitForFunction((v) => document.activeElement?.closest('[role=combobox]')?.getAttribute('aria-expanded') === v, value);
        await page.keyboard.press('ArrowDown');
        await expanded('true');
        await page.keyboard.press('Enter');
        await expanded('false');
      } else if (now.kind === 'number') {
        const min = await page.evaluate(() => (document.activeElement as HTMLInputElement).min || '1');
        await page.keyboard.type(min);
      } else {
        continue;
      }
      answered.add(now.question);
    } else if (now.kind === 'next') {
      const before = await progress(page);
      await page.keyboard.press('Enter');
      await page.waitForFunction((text) => document.querySelector('.sd-progress__text:not(.sd-hidden)')?.textContent !== text, before);
    } else if (now.kind === 'complete') {
      await page.keyboard.press('Enter');
      await page.getByTestId('thank-you').waitFor();
      return { answered: [...answered], rings };
    }
  }
  throw new Error(`the keyboard never reached «Отправить ответы»; answered ${[...answered].join(', ')}`);
}
