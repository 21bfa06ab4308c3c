import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionStrings } from '../../client/src/admin/retention/strings.js';
import { createAccount } from '../../server/auth/accounts.js';
import { DEMO_PASSWORD } from '../../server/demo/seed.js';
import { ensureModel, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { addAnswers } from '../explanations/world.js';
import { seriousViolations } from './axe.js';
import { onDesktopAndPhone, openSession, SCREENSHOTS, type E2eSession } from './session.js';

const ADMIN = 'admin-retention@test.local';
const WAVE_FOR = { desktop: 'Весна (компьютер)', phone: 'Весна (телефон)' } as const;
const OPEN_WAVE = 'Осень, идёт';

// The admin screens run on PGlite only: tests/retention covers both databases.
describe('administrator: «Сроки хранения» in Chromium', () => {
  let session: E2eSession;

  beforeAll(async () => {
    session = await openSession({ data: 'model' });
    const db = session.server.database.db;
    await createAccount(db, { email: ADMIN, password: DEMO_PASSWORD, role: 'admin', name: 'Администратор' });
    const region = await newRegion(db, 'Энская область');
    const school = await newSchool(db, (await newMunicipality(db, region.id)).id, { teacher: 5 });
    const modelId = await ensureModel(db);
    for (const title of Object.values(WAVE_FOR)) {
      const wave = await newWave(db, region.id, { modelId, title, opensInDays: -200, closesInDays: -150 });
      await addAnswers(db, wave.id, school.id, 'teacher', [{}, {}]);
    }
    await newWave(db, region.id, { modelId, title: OPEN_WAVE });
  });
  afterAll(() => session?.close());

  onDesktopAndPhone(
    () => session,
    ADMIN,
    (device, signedIn) => {
      it('shows the periods, what is set elsewhere, and when each wave’s answers go; saves a period in bounds', async () => {
        const page = signedIn();
        await page.goto('/admin');
        await page.getByRole('link', { name: 'Сроки хранения' }).click();
        await page.waitForURL('**/admin/retention');
        await page.getByRole('heading', { name: 'Сроки хранения', level: 1 }).waitFor();
        const answers = page.getByLabel(retentionStrings.answers);
        expect(await answers.inputValue()).toBe(device === 'desktop' ? '12' : '6');
        expect(await page.getByLabel(retentionStrings.accounts).inputValue()).toBe('30');
        await page.getByText(retentionStrings.audit(12)).waitFor();
        await page.getByText(retentionStrings.serverLogs).waitFor();
        expect(await page.locator('.retention-waves', { hasText: OPEN_WAVE }).textContent()).toContain(retentionStrings.open);

        await answers.fill('6');
        await page.getByRole('button', { name: retentionStrings.save }).click();
        await page.getByText(retentionStrings.saved).waitFor();
        expect(await page.getByLabel(retentionStrings.answers).inputValue()).toBe('6');
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
        await page.screenshot({ path: `${SCREENSHOTS}/admin-retention-${device}.png`, fullPage: true });
        expect(await seriousViolations(page)).toEqual([]);
      });

      it('deletes a closed wave only once its title is typed, and offers no deletion of an open one', async () => {
        const page = signedIn();
        const title = WAVE_FOR[device];
        expect(await page.getByRole('button', { name: `${retentionStrings.deleteWave} «${OPEN_WAVE}»` }).isDisabled()).toBe(true);

        await page.getByRole('button', { name: `${retentionStrings.deleteWave} «${title}»` }).click();
        const dialog = page.getByRole('dialog', { name: retentionStrings.dialogTitle(title) });
        await dialog.waitFor();
        const confirm = dialog.getByRole('button', { name: retentionStrings.confirmDelete });
        expect(await confirm.isDisabled()).toBe(true);
        await dialog.getByLabel(retentionStrings.typeTitle).fill(title.slice(0, -1));
        expect(await confirm.isDisabled()).toBe(true);
        await dialog.getByLabel(retentionStrings.typeTitle).fill(title);
        expect(await confirm.isDisabled()).toBe(false);
        await page.screenshot({ path: `${SCREENSHOTS}/admin-retention-delete-${device}.png`, fullPage: true });
        expect(await seriousViolations(page, '.pt-dialog')).toEqual([]);

        await confirm.click();
        await page.getByText(retentionStrings.deleted(title)).waitFor();
        await expect.poll(() => page.locator('.retention-waves').textContent()).not.toContain(title);
        const db = session.server.database.db;
        expect(await db.selectFrom('waves').select('id').where('title', '=', title).executeTakeFirst()).toBeUndefined();
        expect(
          await db.selectFrom('audit_log').select('action').where('action', '=', 'wave.delete').where('details', '@>', JSON.stringify({ title })).execute(),
        ).toHaveLength(1);
      });
    },
    360,
  );
});
