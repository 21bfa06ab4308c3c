import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { createAccount } from '../../server/auth/accounts.js';
import { FAILED_LOGINS_PER_ACCOUNT, FAILED_LOGINS_PER_ADDRESS } from '../../server/auth/failed-logins.js';
import { readConfig } from '../../server/config.js';
import { parseTrustProxy } from '../../server/security/trust-proxy.js';
import { TEST_PASSWORD } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';

describe('TRUST_PROXY', () => {
  it('believes nobody by default', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  it('reads proxies as addresses, CIDR ranges and the names of private ranges', () => {
    expect(parseTrustProxy(' 10.0.0.1, 10.1.0.0/16 ,fd00::/8, Loopback')).toEqual(['10.0.0.1', '10.1.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else with a message naming the setting and the wrong part', () => {
    for (const wrong of ['true', 'proxy.local', '10.0.0.0/33', '10.0.0', '10.0.0.1,', '1.5']) {
      expect(() => parseTrustProxy(wrong), wrong).toThrow(/TRUST_PROXY must be .*"/);
    }
  });

  it('believes a hop count only from a proxy on this machine or the private network', () => {
    const trust = parseTrustProxy('1');
    if (typeof trust !== 'function') throw new Error('a hop count is a trust function');
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('10.20.30.40', 0)).toBe(true);
    expect(trust('::ffff:192.168.1.2', 0)).toBe(true);
    expect(trust('::1', 0)).toBe(true);
    // A client on the Internet that connects directly cannot pose as the proxy.
    expect(trust('203.0.113.5', 0)).toBe(false);
    // Only one hop: the address the proxy wrote is the client's, whatever the client wrote before it.
    expect(trust('10.20.30.41', 1)).toBe(false);
  });
});

describe.each(TEST_DATABASES)('login limits and forwarded addresses on %s', (kind) => {
  let t: TestApp;
  /** The same API behind one reverse proxy on this machine: TRUST_PROXY=1. */
  let proxied: App;

  beforeAll(async () => {
    t = await openTestApp(kind);
    proxied = await buildApp({ db: t.database.db, dbKind: kind, trustProxy: parseTrustProxy('1') });
    await proxied.ready();
  });
  afterAll(async () => {
    await proxied?.close();
    await t?.close();
  });

  const loginVia = (app: App, remoteAddress: string, email: string, password: string, forwardedFor?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
  const login = (remoteAddress: string, email: string, password: string, forwardedFor?: string) =>
    loginVia(t.app, remoteAddress, email, password, forwardedFor);

  const invented = (i: number) => `100.${64 + (i >> 8)}.${i & 255}.${(i * 7) & 255}`;

  it('believes no X-Forwarded-For by default: 50 guesses from 50 invented addresses hit the ceiling', async () => {
    await createAccount(t.database.db, { email: 'guessed@proxy.test', password: TEST_PASSWORD, role: 'admin' });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await login('192.0.2.10', 'guessed@proxy.test', `guess ${i}`, invented(i))).statusCode);
    expect(statuses.slice(0, FAILED_LOGINS_PER_ACCOUNT.max)).toEqual(Array(FAILED_LOGINS_PER_ACCOUNT.max).fill(401));
    expect(statuses.slice(FAILED_LOGINS_PER_ACCOUNT.max)).toEqual(Array(50 - FAILED_LOGINS_PER_ACCOUNT.max).fill(429));
  });

  it("lets no header lock out someone else: failures written in a victim's name count against the sender", async () => {
    await createAccount(t.database.db, { email: 'victim@proxy.test', password: TEST_PASSWORD, role: 'admin' });
    const attacker = '192.0.2.20';
    const victim = '198.51.100.50';
    for (let i = 0; i < FAILED_LOGINS_PER_ADDRESS.max; i++) {
      expect((await login(attacker, `spray-${i}@proxy.test`, 'wrong password', victim)).statusCode).toBe(401);
    }
    const refused = await login(attacker, 'another@proxy.test', 'wrong password', victim);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('too_many_logins');
    expect((await login(victim, 'victim@proxy.test', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('counts " Name@X " spellings of one e-mail as one account', async () => {
    await createAccount(t.database.db, { email: 'Name@Spelling.test', password: TEST_PASSWORD, role: 'admin' });
    await createAccount(t.database.db, { email: 'andr\u00e9@spelling.test', password: TEST_PASSWORD, role: 'admin' });
    // Both Unicode forms of «é» name one account.
    expect((await login('192.0.2.30', 'andre\u0301@spelling.test', TEST_PASSWORD)).statusCode).toBe(200);

    const spellings = [' Name@Spelling.test ', 'NAME@SPELLING.TEST', 'name@spelling.test', '\tname@Spelling.test  '];
    for (let i = 0; i < FAILED_LOGINS_PER_ACCOUNT.max; i++) {
      expect((await login('192.0.2.31', spellings[i % spellings.length], `guess ${i}`)).statusCode).toBe(401);
    }
    for (const spelling of spellings) expect((await login('192.0.2.31', spelling, TEST_PASSWORD)).statusCode, spelling).toBe(429);

    for (let i = 0; i < FAILED_LOGINS_PER_ACCOUNT.max; i++) {
      const spelling = i % 2 === 0 ? 'andr\u00e9@spelling.test' : ' ANDRE\u0301@spelling.test';
      expect((await login('192.0.2.32', spelling, `guess ${i}`)).statusCode).toBe(401);
    }
    expect((await login('192.0.2.32', 'andr\u00e9@spelling.test', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('never counts a successful login: a team sharing one account and one address logs in all day', async () => {
    await createAccount(t.database.db, { email: 'team@proxy.test', password: TEST_PASSWORD, role: 'admin' });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await login('192.0.2.40', 'team@proxy.test', TEST_PASSWORD)).statusCode);
    expect(statuses).toEqual(Array(15).fill(200));
  });

  it('with TRUST_PROXY=1 counts each client by the address its proxy forwarded', async () => {
    await createAccount(t.database.db, { email: 'proxied@proxy.test', password: TEST_PASSWORD, role: 'admin' });
    const proxy = '127.0.0.1';
    const [first, second] = ['203.0.113.7', '203.0.113.8'];
    for (let i = 0; i < FAILED_LOGINS_PER_ACCOUNT.max; i++) {
      // What the client wrote comes first; the proxy appends the address it saw.
      expect((await loginVia(proxied, proxy, 'proxied@proxy.test', `guess ${i}`, `${invented(i)}, ${first}`)).statusCode).toBe(401);
    }
    expect((await loginVia(proxied, proxy, 'proxied@proxy.test', TEST_PASSWORD, first)).statusCode).toBe(429);
    expect((await loginVia(proxied, proxy, 'proxied@proxy.test', TEST_PASSWORD, second)).statusCode).toBe(200);

    // A client that reaches the server directly is counted by its own address, whatever it forwards.
    for (let i = 0; i < FAILED_LOGINS_PER_ACCOUNT.max; i++) {
      await loginVia(proxied, '203.0.113.99', 'proxied@proxy.test', `guess ${i}`, second);
    }
    expect((await loginVia(proxied, '203.0.113.99', 'proxied@proxy.test', TEST_PASSWORD, second)).statusCode).toBe(429);
    expect((await loginVia(proxied, proxy, 'proxied@proxy.test', TEST_PASSWORD, second)).statusCode).toBe(200);
  });
});
