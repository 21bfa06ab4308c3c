import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import { shouldCreateDemo } from '../../server/demo/seed.js';
import { createAccount } from '../../server/auth/accounts.js';
import { parseTrustProxy } from '../../server/security/trust-proxy.js';
import { TEST_PASSWORD } from '../helpers/auth.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';

const PUBLIC_URL = 'https://survey.example.ru';
/** A client on the Internet, and a reverse proxy on this machine (TRUST_PROXY=1 believes the latter only). */
const CLIENT = '203.0.113.5';
const PROXY = '127.0.0.1';
const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-for': CLIENT };

describe('production settings', () => {
  it('turns on with NODE_ENV=production or an https PUBLIC_URL, and turns the demo off whatever DEMO says', () => {
    expect(readConfig({ NODE_ENV: 'production', PUBLIC_URL: PUBLIC_URL, DEMO: '1' })).toMatchObject({ production: true, demo: false });
    expect(readConfig({ PUBLIC_URL: `${PUBLIC_URL}/` })).toMatchObject({ production: true, demo: false, publicUrl: PUBLIC_URL });
    expect(readConfig({ PUBLIC_URL: 'http://192.168.1.10:3000' })).toMatchObject({ production: false, demo: true });
  });

  it('refuses to start in production without an https address to send people to', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/NODE_ENV=production needs PUBLIC_URL on https/);
    expect(() => readConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://survey.example.ru' })).toThrow(/https/);
  });
});

describe.each(TEST_DATABASES)('production mode on %s', (kind) => {
  let t: TestApp;
  let app: App;
  let email: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    app = await buildApp({ db: t.database.db, dbKind: kind, production: true, publicUrl: PUBLIC_URL, trustProxy: parseTrustProxy('1') });
    await app.ready();
    email = `prod-admin-${Date.now()}@test.local`;
    await createAccount(t.database.db, { email, role: 'admin', password: TEST_PASSWORD });
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('sends a plain-http read to the same path at the https address, keeping the method (308)', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app.inject({ method, url: '/coordinator/participation?wave=3', remoteAddress: CLIENT });
      expect(res.statusCode, method).toBe(308);
      expect(res.headers.location).toBe(`${PUBLIC_URL}/coordinator/participation?wave=3`);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('refuses a plain-http change with a clear message, before the password is even read', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: CLIENT, payload: { email, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'https_required', message: expect.stringContaining(PUBLIC_URL) });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('believes X-Forwarded-Proto from the trusted proxy only', async () => {
    const lying = await app.inject({ method: 'GET', url: '/api/health', remoteAddress: CLIENT, headers: { 'x-forwarded-proto': 'https' } });
    expect(lying.statusCode).toBe(308);
    const proxied = await app.inject({ method: 'GET', url: '/api/health', remoteAddress: PROXY, headers: viaProxy });
    expect(proxied.statusCode).toBe(200);
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000');
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: PROXY,
      headers: viaProxy,
      payload: { email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    // The https address makes the cookie __Host-: Secure, whole site, this host only.
    expect(login.cookies.find((c) => c.name === '__Host-sid')).toMatchObject({ secure: true, httpOnly: true, path: '/' });
  });

  it('answers health checks and /metrics by plain http from this machine only, where a load balancer polls', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health', remoteAddress: PROXY })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: PROXY })).statusCode).toBe(200);
    // The same from elsewhere, or forwarded by the proxy on this machine, is a client's request like any other.
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: CLIENT })).statusCode).toBe(308);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: PROXY, headers: { 'x-forwarded-for': CLIENT } })).statusCode).toBe(308);
    // Any other path from this machine is not a probe.
    expect((await app.inject({ method: 'GET', url: '/api/me', remoteAddress: PROXY })).statusCode).toBe(308);
  });

  it('shows the API description to a staff session only', async () => {
    for (const url of ['/api/docs/json', '/api/docs']) {
      const anonymous = await app.inject({ method: 'GET', url, remoteAddress: PROXY, headers: viaProxy });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json().code).toBe('unauthenticated');
    }
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: PROXY,
      headers: viaProxy,
      payload: { email, password: TEST_PASSWORD },
    });
    const cookie = `__Host-sid=${login.cookies.find((c) => c.name === '__Host-sid')!.value}`;
    const docs = await app.inject({ method: 'GET', url: '/api/docs/json', remoteAddress: PROXY, headers: { ...viaProxy, cookie } });
    expect(docs.statusCode).toBe(200);
    expect(docs.json().openapi).toMatch(/^3\./);
  });

  it('leaves the API description public outside production', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
  });

  it('never creates demo data in production, even on an empty database', async () => {
    const empty = await openTestApp(kind);
    try {
      expect(await shouldCreateDemo(empty.database.db, kind, readConfig({ NODE_ENV: 'production', PUBLIC_URL, DEMO: '1' }))).toBe(false);
      expect(await shouldCreateDemo(empty.database.db, kind, readConfig({ PUBLIC_URL }))).toBe(false);
      // The same empty database outside production gets the demo, on the embedded database only.
      expect(await shouldCreateDemo(empty.database.db, kind, readConfig({}))).toBe(kind === 'pglite');
    } finally {
      await empty.close();
    }
  });
});
