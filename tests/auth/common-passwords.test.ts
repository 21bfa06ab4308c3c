import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newWorld } from '../helpers/fixtures.js';
import { login, newLoggedInAccount, TEST_PASSWORD } from '../helpers/auth.js';
import { createAccount } from '../../server/auth/accounts.js';
import { STAFF_CONSENT_VERSION } from '../../server/shared/rules/staff-consent.js';
import { createInvitation } from '../../server/auth/invitations.repository.js';
import { COMMON_PASSWORD_COUNT, passwordProblem } from '../../server/auth/common-passwords.js';

// Eight characters and more, so the length rule lets them through: only the blocklist can refuse them.
const COMMON = ['password', 'iloveyou', 'пароль123', 'Пароль2025!', 'qwerty123', 'gfhjkm123', 'parol123', 'йцукенгш', '12345678', '01011990', 'aaaaaaaa'];

describe.each(TEST_DATABASES)('common passwords are refused on %s', (kind) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
  });
  afterAll(() => t?.close());

  it('refuses a common password or one made of the e-mail name when the password is changed, and takes a good one', async () => {
    const account = await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: world.school.id });
    const change = (newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: account.headers, payload: { currentPassword: TEST_PASSWORD, newPassword } });
    for (const password of COMMON) {
      const res = await change(password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().code, password).toBe('common_password');
    }
    const name = account.email.split('@')[0];
    const own = await change(`${name}2025`);
    expect(own.statusCode).toBe(400);
    expect(own.json().code).toBe('email_password');
    // Nothing was changed by the refusals: the old password still logs in.
    await login(t.app, account.email);
    expect((await change('рыжий кот спит на печи')).statusCode).toBe(200);
  });

  it('refuses a common password when an invitation is accepted, and leaves the invitation usable', async () => {
    const user = await createAccount(t.database.db, { email: 'teacher.ivanova@example.org', role: 'municipality', municipalityId: world.municipality.id });
    const token = await createInvitation(t.database.db, user.id);
    const accept = (password: string) =>
      t.app.inject({ method: 'POST', url: `/api/auth/invitations/${token}`, payload: { password, consentVersion: STAFF_CONSENT_VERSION } });
    expect((await accept('qwerty123')).json().code).toBe('common_password');
    expect((await accept('teacher.ivanova1')).json().code).toBe('email_password');
    expect((await accept('синий трактор едет')).statusCode).toBe(200);
  });
});

describe('the common-password list', () => {
  it('holds the ranked list and the Russian one, read once', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThan(49_000);
  });

  it('refuses well-known entries of every source, whatever their case', () => {
    // From the ranked list: its first, a keyboard run, a name, one far down the list.
    for (const password of ['123456', 'QWERTYUIOP', 'Jennifer', 'ZAQ12WSX', 'sunflower', 'Trustno1']) {
      expect(passwordProblem(password, 'someone@example.org'), password).toBe('common_password');
    }
    // From the Russian list: the Russian keyboard's rows, «пароль» typed in the English layout, transliterations.
    for (const password of ['ЙЦУКЕН', 'фывапролджэ', 'GFHJKM', 'Lyublyutebya', 'ytdthysq', 'Ячсмитьбю']) {
      expect(passwordProblem(password, 'someone@example.org'), password).toBe('common_password');
    }
  });

  it('accepts a passphrase of a few words', () => {
    for (const password of ['рыжий кот спит на печи', 'birch river lantern', 'correct horse battery']) {
      expect(passwordProblem(password, 'someone@example.org'), password).toBeNull();
    }
  });
});
