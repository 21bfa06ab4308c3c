import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditStrings } from '../../client/src/admin/audit/strings.js';
import { seriousViolations } from './axe.js';
import { onDesktopAndPhone, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const SECURITY = 'security@demo.local';
const FAILED = auditStrings.actions['auth.login_failed']!;

describe('security administrator: the audit log in Chromium', () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await openSession({ data: 'demo' });
  });
  afterAll(() => session?.close());

  onDesktopAndPhone(
    () => session,
    SECURITY,
    (device, signedIn) => {
      it('lands on the audit log, with readable details and no other section', async () => {
        const page = signedIn();
        await page.waitForURL('**/audit');
        await page.getByRole('heading', { name: auditStrings.title }).waitFor();
        const table = page.locator('.audit-table tbody');
        await table.locator('tr').first().waitFor();
        const text = (await table.textContent())!;
        expect(text).toContain(auditStrings.actions['auth.login']);
        expect(text).toContain('Причина: неверный пароль');
        expect(text).toContain('Что: отчёт об участии');
        // Never raw JSON.
        expect(text).not.toMatch(/[{}]|"\w+":/);
        expect(await page.getByRole('link', { name: 'Бумажные анкеты' }).count()).toBe(0);
        expect(await page.getByRole('link', { name: 'Администрирование' }).count()).toBe(0);
      });

      it('filters by action and period', async () => {
        const page = signedIn();
        await page.getByLabel(auditStrings.filters.action).selectOption({ label: FAILED });
        await page.getByRole('button', { name: auditStrings.filters.apply }).click();
        const actions = page.locator('.audit-table tbody tr td:nth-child(3)');
        await expect.poll(() => actions.count()).toBe(2);
        for (const cell of await actions.allTextContents()) expect(cell).toContain(FAILED);
        // The demo's failed logins were a day and more ago: a period starting tomorrow holds none.
        const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
        await page.getByLabel(auditStrings.filters.from).fill(tomorrow);
        await page.getByRole('button', { name: auditStrings.filters.apply }).click();
        await page.getByText(auditStrings.empty).waitFor();
        await page.getByLabel(auditStrings.filters.from).fill('');
        await page.getByRole('button', { name: auditStrings.filters.apply }).click();
        await expect.poll(() => actions.count()).toBe(2);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOTS}/audit-${device}.png`, fullPage: true });
      });

      if (device === 'desktop') {
        it('exports the filtered rows as CSV for Excel', async () => {
          const page = signedIn();
          const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: auditStrings.filters.csv }).click()]);
          expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
          const bytes = readFileSync((await download.path())!);
          expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          const rows: string[][] = parse(bytes, { bom: true, delimiter: ';', relax_column_count: true });
          expect(rows[2]).toEqual(['Действие', FAILED]);
          const header = rows.findIndex((r) => r[0] === '№ записи');
          const data = rows.slice(header + 1);
          expect(data.map((r) => r[3])).toEqual([FAILED, FAILED]);
          expect(data.map((r) => r[6])).toEqual(['Причина: нет такой учётной записи; IP-адрес: 203.0.113.9', 'Причина: неверный пароль; IP-адрес: 10.0.0.57']);
        });
      }
    },
    360,
  );
});
