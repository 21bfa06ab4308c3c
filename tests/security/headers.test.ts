import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, CLIENT_DIST, type App } from '../../server/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

const directives = (header: unknown) =>
  new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );

// Headers do not depend on the database: PGlite is enough.
describe('security headers', () => {
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildApp({ db: database.db, dbKind: 'pglite', serveClient: true });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const expectHardened = (headers: Record<string, unknown>) => {
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  };

  it('hardens API answers, errors included', async () => {
    expectHardened((await app.inject({ method: 'GET', url: '/api/health' })).headers);
    const missing = await app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expectHardened(missing.headers);
    const unauthenticated = await app.inject({ method: 'GET', url: '/api/me' });
    expect(unauthenticated.statusCode).toBe(401);
    expectHardened(unauthenticated.headers);
  });

  it('hardens the API documentation page', async () => {
    for (const url of ['/api/docs', '/api/docs/static/swagger-initializer.js', '/api/docs/json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectHardened(res.headers);
    }
  });

  describe.runIf(existsSync(join(CLIENT_DIST, 'respond.html')))('the built client', () => {
    it('serves the respondent page and the staff page hardened, revalidated at every visit', async () => {
      for (const url of ['/s/some-token', '/', '/login', '/school/profile']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        // Exactly no-cache: the page names this deploy's hashed assets, so a new deploy must reach the browser at once.
        expect(res.headers['cache-control'], url).toBe('no-cache');
        expectHardened(res.headers);
      }
    });

    it('caches every hashed asset for a year, immutably', async () => {
      // The .br and .gz beside them are what the server sends for the same URL (tests/security/compression.test.ts).
      const assets = readdirSync(join(CLIENT_DIST, 'assets')).filter((name) => !/\.(br|gz)$/.test(name));
      expect(assets.length).toBeGreaterThan(0);
      for (const name of assets) {
        // Vite names assets <name>-<content hash>.<ext>: a changed file gets a new name, so an old name never goes stale.
        expect(name).toMatch(/-[\w-]{8,}\.(js|css|svg|png|woff2?)$/);
        const res = await app.inject({ method: 'GET', url: `/assets/${name}` });
        expect(res.statusCode, name).toBe(200);
        expect(res.headers['cache-control'], name).toBe('public, max-age=31536000, immutable');
        expectHardened(res.headers);
      }
    });
  });
});
