import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { seedWorld, type Seeded } from '../methodology/world.js';
import { logIn, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const ADMIN = { email: 'methodologist-e2e@test.local', password: 'correct horse battery' };

describe('administrator: the methodology workbench in Chromium', () => {
  let session: E2eSession;
  let page: Page;
  let world: Seeded;

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    const db = session.server.database.db;
    await createAccount(db, { ...ADMIN, role: 'admin', name: 'Методист' });
    world = await seedWorld(db);
    page = await (await session.desktop(1366)).newPage();
  });
  afterAll(() => session?.close());

  it('shows the calibration table, takes an edited anchor and saves a new model version', async () => {
    await logIn(page, ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Методика' }).click();
    await page.waitForURL('**/admin/methodology');
    const bullying = page.locator('tr[data-indicator="R8.bullying"]');
    await expect.poll(() => bullying.getByLabel('R8.bullying: лучшее').inputValue()).toBe('0.2');
    expect(await bullying.getByLabel('R8.bullying: худшее').inputValue()).toBe('0.81');
    expect(await bullying.locator('td').nth(4).textContent()).toBe('30 / 31');
    expect(await page.locator('tr[data-indicator="R1.internet"]').textContent()).toContain('нет границ');

    await bullying.getByLabel('R8.bullying: худшее').fill('0,75');
    await page.getByRole('button', { name: 'Пересчитать доли по введённым значениям' }).click();
    await page.getByLabel('Идентификатор новой версии').fill('e2e-calibrated');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-methodology-calibration.png`, fullPage: true });
    await page.getByRole('button', { name: 'Сохранить как новую версию' }).click();
    await page.getByText('Версия «e2e-calibrated» сохранена').waitFor();

    const stored = await session.server.database.db.selectFrom('risk_models').select('definition').where('id', '=', 'e2e-calibrated').executeTakeFirstOrThrow();
    const indicators = (stored.definition as { factors: Array<{ indicators: Array<{ id: string }> }> }).factors.flatMap((f) => f.indicators);
    expect(indicators.find((i) => i.id === 'R8.bullying')).toMatchObject({ best: 0.2, worst: 0.75 });
    const wave = await session.server.database.db.selectFrom('waves').select('model_id').where('id', '=', world.waveId).executeTakeFirstOrThrow();
    expect(wave.model_id).toBe(world.modelId);
  });

  it('shows the quality of the instrument with its flags and what data is missing', async () => {
    await page.getByRole('tab', { name: 'Качество инструмента' }).click();
    const internet = page.locator('.quality-table tr[data-indicator="R1.internet"]');
    await internet.waitFor();
    expect(await internet.textContent()).toContain('много «затрудняюсь ответить»');
    expect(await page.locator('.quality-table tr[data-indicator="R3.no_subject_pd"]').textContent()).toContain('мало данных: нужно 30 школ');
    expect(await page.locator('.scales-table tr[data-scale="R8"]').textContent()).toContain('306 / 31');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-methodology-quality.png`, fullPage: true });
  });
});
