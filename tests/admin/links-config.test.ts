import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount } from '../helpers/auth.js';
import { pointsToLocalhost } from '../../server/links/public-url.js';

describe('an address only the server can open', () => {
  it('is localhost, a loopback address or 0.0.0.0, never a real host', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://0.0.0.0', 'http://app.localhost']) {
      expect(pointsToLocalhost(url), url).toBe(true);
    }
    for (const url of ['https://opros.example.ru', 'http://10.0.0.5:3000', 'https://localhost-school.ru']) expect(pointsToLocalhost(url), url).toBe(false);
  });
});

describe.each(TEST_DATABASES)('links config for the admin screens on %s', (kind) => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((t) => t.close())));

  async function config(publicUrl?: string) {
    const t = await openTestApp(kind, publicUrl ? { publicUrl } : {});
    apps.push(t);
    const admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    return (await t.app.inject({ method: 'GET', url: '/api/admin/links/config', headers: admin.headers })).json();
  }

  it('says the links lead to localhost when PUBLIC_URL is unset, and not once it is set', async () => {
    expect(await config()).toEqual({ publicUrl: 'http://localhost:3000', localhost: true });
    // Plain http: the test logs in without TLS, and a secure cookie would not come back.
    expect(await config('http://opros.example.ru')).toEqual({ publicUrl: 'http://opros.example.ru', localhost: false });
  });
});
