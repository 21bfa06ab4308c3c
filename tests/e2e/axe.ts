import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core (the maintained WCAG rule set, WCAG 2 A and AA) finds seriously wrong on the page: violations of
 * impact serious or critical, one line each, «rule (impact): selector, selector — help». A run that checked nothing
 * (a wrong selector, a page that never rendered) is reported too, so it cannot pass silently. `within` is the part of
 * the page to check.
 */
export async function seriousViolations(page: Page, within = 'body'): Promise<string[]> {
  // Evaluated rather than added as a script tag, which the app's Content-Security-Policy rightly refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (within) => {
    interface Node {
      target: string[];
    }
    interface Result {
      id: string;
      impact: string | null;
      help: string;
      nodes: Node[];
    }
    const { axe } = window as unknown as { axe: { run(context: object, options: object): Promise<{ passes: Result[]; violations: Result[] }> } };
    const { passes, violations } = await axe.run({ include: [within] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    if (passes.length === 0) return [`axe checked nothing within ${within}`];
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')} — ${v.help}`);
  }, within);
}
