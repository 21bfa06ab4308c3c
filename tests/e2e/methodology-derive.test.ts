import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { seedWorld, type Seeded } from '../methodology/world.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const ADMIN = { email: 'derive-e2e@test.local', password: 'correct horse battery' };

/** The administrator's «Новая версия модели» on the world of tests/methodology/world.ts (hand-computed in derive.test.ts). */
describe('administrator: deriving a model version in Chromium', () => {
  let session: E2eSession;
  let world: Seeded;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    const db = session.server.database.db;
    await createAccount(db, { ...ADMIN, role: 'admin', name: 'Методист' });
    world = await seedWorld(db);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await session?.close();
  });

  async function openDerive(context: BrowserContext): Promise<Page> {
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/methodology');
    await page.getByRole('tab', { name: 'Новая версия модели' }).click();
    await page.locator('details[data-factor="R8"]').waitFor();
    return page;
  }

  it('derives a model with a moved threshold, sees which schools change level, and adopts it (1366)', async () => {
    const page = await openDerive(await session.desktop(1366));
    await page.locator('details[data-factor="R8"] summary').click();
    await page.getByLabel('R8: средний от').fill('0,2');
    await page.getByLabel('R8: высокий от').fill('0,67');
    expect(await page.getByText('Изменений: 1.').count()).toBe(1);
    await page.getByRole('button', { name: 'Проверить и показать' }).click();

    // Schools 1, 2 and 3 go from low to medium (tests/methodology/derive.test.ts): 4 of 31 low now, 1 with the draft.
    const r8 = page.locator('.derive-preview tr[data-factor="R8"]');
    await r8.waitFor();
    expect(await r8.locator('td').nth(1).textContent()).toBe('12,9% → 3,2%');
    await r8.getByText('3 школы').click();
    expect(await r8.locator('li').count()).toBe(3);
    expect(await r8.locator('li').first().textContent()).toContain('низкий → средний');
    expect(await page.locator('.derive-preview tr[data-factor="R1"]').textContent()).toContain('нет');

    await page.getByLabel('Идентификатор новой версии').fill('e2e-derived');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-methodology-derive-1366.png`, fullPage: true });
    await page.getByRole('button', { name: 'Принять как новую версию' }).click();
    await page.getByText('Версия «e2e-derived» сохранена').waitFor();

    const db = session.server.database.db;
    const stored = await db.selectFrom('risk_models').select('definition').where('id', '=', 'e2e-derived').executeTakeFirstOrThrow();
    const factors = (stored.definition as { factors: Array<{ id: string; levels?: unknown }> }).factors;
    expect(factors.find((f) => f.id === 'R8')!.levels).toEqual({ medium: 0.2, high: 0.67 });
    const wave = await db.selectFrom('waves').select('model_id').where('id', '=', world.waveId).executeTakeFirstOrThrow();
    expect(wave.model_id).toBe(world.modelId);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_id', '=', 'e2e-derived').executeTakeFirstOrThrow();
    expect(audit.action).toBe('model.derive');
  });

  it('lists every problem of an invalid draft, then previews a weight change on a phone (360)', async () => {
    const page = await openDerive(await session.phone(360));
    await page.locator('details[data-factor="R8"] summary').click();
    await page.getByLabel('R8.bullying: вес').fill('0');
    await page.getByLabel('R8.likes_school: лучшее').fill('1');
    await page.getByRole('button', { name: 'Проверить и показать' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Модель не прошла проверку');
    expect(await alert.locator('li').allTextContents()).toEqual([
      'indicator "R8.bullying": weight must be a number > 0, got 0',
      'indicator "R8.likes_school": best and worst are both 1; the scale would divide by zero',
    ]);

    await page.getByLabel('R8.bullying: вес').fill('3');
    await page.getByLabel('R8.likes_school: лучшее').fill('5');
    await page.getByRole('button', { name: 'Проверить и показать' }).click();
    const r8 = page.locator('.derive-preview tr[data-factor="R8"]');
    await r8.waitFor();
    expect(await r8.textContent()).toContain('13 школ');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-methodology-derive-360.png`, fullPage: true });
  });
});
