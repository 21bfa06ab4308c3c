import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createAccount } from '../../server/auth/accounts.js';
import { TEST_PASSWORD } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';

const setCookieOf = (res: LightMyRequestResponse) => [res.headers['set-cookie'] ?? []].flat();

describe.each(TEST_DATABASES)('the session cookie on %s', (kind) => {
  const deployments = [
    { publicUrl: 'https://survey.example.org', name: '__Host-sid', other: 'sid', secure: true },
    { publicUrl: 'http://192.168.1.20:3000', name: 'sid', other: '__Host-sid', secure: false },
  ];

  describe.each(deployments)('served at $publicUrl', ({ publicUrl, name, other, secure }) => {
    let t: TestApp;
    const email = `cookie-${name}@test.local`;

    beforeAll(async () => {
      t = await openTestApp(kind, { publicUrl });
      await createAccount(t.database.db, { email, password: TEST_PASSWORD, role: 'admin' });
    });
    afterAll(() => t?.close());

    const login = () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: TEST_PASSWORD } });
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

    it(`is ${name}${secure ? ', Secure, for the whole site and no other host' : ' as before, for the whole site'}`, async () => {
      const res = await login();
      expect(res.statusCode).toBe(200);
      const [header] = setCookieOf(res);
      expect(header).toMatch(new RegExp(`^${name}=`));
      const cookie = res.cookies.find((c) => c.name === name)!;
      expect(cookie).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
      expect(Boolean(cookie.secure)).toBe(secure);
      expect(cookie.domain).toBeUndefined();
      expect(header).not.toMatch(/domain=/i);
    });

    it(`is read under ${name} only`, async () => {
      const sid = (await login()).cookies.find((c) => c.name === name)!.value;
      expect((await me(`${name}=${sid}`)).statusCode).toBe(200);
      // The other name is not a session here: on https a plain `sid` could have been planted over http.
      expect((await me(`${other}=${sid}`)).statusCode).toBe(401);
    });

    it(`replaces and clears the session under ${name}`, async () => {
      const first = (await login()).cookies.find((c) => c.name === name)!.value;
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: TEST_PASSWORD },
        headers: { cookie: `${name}=${first}` },
      });
      // The session presented at login ends: a planted id is never promoted.
      expect((await me(`${name}=${first}`)).statusCode).toBe(401);
      const second = again.cookies.find((c) => c.name === name)!.value;
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: `${name}=${second}`, 'x-csrf-token': again.json().csrfToken },
      });
      expect(out.statusCode).toBe(200);
      const cleared = out.cookies.find((c) => c.name === name)!;
      expect(cleared).toMatchObject({ value: '', path: '/' });
      expect(Boolean(cleared.secure)).toBe(secure);
      expect((await me(`${name}=${second}`)).statusCode).toBe(401);
    });
  });
});
