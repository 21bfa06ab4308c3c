import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/auth.js';
import { createAccount } from '../../server/auth/accounts.js';
import { addressKey, FAILED_LOGINS_PER_ADDRESS, FailedLogins } from '../../server/auth/failed-logins.js';
import { MemoryLimitWindows } from '../../server/limits/limit-windows.js';

describe('failed logins per address', () => {
  const limit = { max: 3, windowMs: 60_000 };

  it('refuses an address at the ceiling until its window ends, and only that address', async () => {
    let now = 1_000_000;
    const failed = new FailedLogins(new MemoryLimitWindows(() => now), 'login', limit);
    for (let i = 0; i < 3; i++) {
      expect(await failed.retryAfterSeconds('10.0.0.1')).toBe(0);
      await failed.recordFailure('10.0.0.1');
      now += 1000;
    }
    expect(await failed.retryAfterSeconds('10.0.0.1')).toBe(57);
    expect(await failed.retryAfterSeconds('10.0.0.2')).toBe(0);
    now = 1_000_000 + 60_000;
    expect(await failed.retryAfterSeconds('10.0.0.1')).toBe(0);
    await failed.recordFailure('10.0.0.1');
    expect(await failed.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('counts one IPv6 /64 as one address, and an IPv4-mapped address as its IPv4 address', async () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:0db8:0001:0002::1%eth0')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('1::2:3:4:5:1.2.3.4')).toBe('1:0:2:3::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');

    const failed = new FailedLogins(new MemoryLimitWindows(() => 0), 'login', limit);
    for (let i = 1; i <= 3; i++) await failed.recordFailure(`2001:db8:1:2::${i}`);
    expect(await failed.retryAfterSeconds('2001:db8:1:2::99')).toBeGreaterThan(0);
    expect(await failed.retryAfterSeconds('2001:db8:1:3::1')).toBe(0);
  });
});

describe.each(TEST_DATABASES)('login ceiling per address on %s', (kind) => {
  let t: TestApp;
  const accounts = ['staff-1@ceiling.test', 'staff-2@ceiling.test', 'staff-3@ceiling.test'];

  beforeAll(async () => {
    t = await openTestApp(kind);
    for (const email of accounts) await createAccount(t.database.db, { email, password: TEST_PASSWORD, role: 'admin' });
  });
  afterAll(() => t?.close());

  const loginFrom = (remoteAddress: string, email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  it('refuses an address after many failed logins across many e-mails; its successful logins do not count', async () => {
    const office = '198.51.100.7';
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    for (let i = 0; i < FAILED_LOGINS_PER_ADDRESS.max; i++) {
      // Colleagues behind the same address log in now and then between the failures, each under their own per-e-mail limit.
      if (i % 10 === 5) count((await loginFrom(office, accounts[Math.floor(i / 10) % accounts.length], TEST_PASSWORD)).statusCode);
      count((await loginFrom(office, `guess-${i}@ceiling.test`, 'wrong password')).statusCode);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 10, 401: FAILED_LOGINS_PER_ADDRESS.max });

    const refused = await loginFrom(office, 'another-guess@ceiling.test', 'wrong password');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'too_many_logins', message: expect.stringMatching(/too many failed logins/i) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(FAILED_LOGINS_PER_ADDRESS.windowMs / 1000);
    // Even the right password waits: the ceiling is checked before any password.
    expect((await loginFrom(office, accounts[0], TEST_PASSWORD)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await loginFrom('203.0.113.9', accounts[0], TEST_PASSWORD)).statusCode).toBe(200);
  });
});
