import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetsOf } from '../../bench/bundle.js';
import { buildApp, CLIENT_DIST, type App } from '../../server/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

const WORKER = join(CLIENT_DIST, 'respond-sw.js');

// How the server sends the worker does not depend on the database: PGlite is enough. Needs `vite build`.
describe.runIf(existsSync(WORKER))('the respondent page service worker as the server sends it', () => {
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

  it('is JavaScript that browsers revalidate at every update check, plain or brotli', async () => {
    const original = readFileSync(WORKER);
    for (const encoding of ['identity', 'br']) {
      const res = await app.inject({ method: 'GET', url: '/respond-sw.js', headers: { 'accept-encoding': encoding } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^(?:text|application)\/javascript\b/);
      expect(res.headers['cache-control']).toBe('no-cache');
      const body = encoding === 'br' ? brotliDecompressSync(res.rawPayload) : res.rawPayload;
      expect(body.equals(original)).toBe(true);
    }
  });

  it('precaches exactly the files of the respondent page, and nothing of the staff app', () => {
    const code = readFileSync(WORKER, 'utf8');
    const shell = JSON.parse(/\[("\/respond\.html"[^\]]*)\]/.exec(code)![0]) as string[];
    expect(shell).toEqual(['/respond.html', ...assetsOf('respond.html').map((name) => `/assets/${name}`)]);
    expect(code).toMatch(/respond-shell-[0-9a-f]{12}/);
    expect(code).not.toContain('__RESPOND_SHELL');
    // Small beside the page itself, and fetched only after the page has loaded.
    expect(readFileSync(`${WORKER}.br`).length).toBeLessThan(1024);
  });

  it('keeps the page answering with no-cache at the respondent link and the assets cached for good', async () => {
    const page = await app.inject({ method: 'GET', url: '/respond.html' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const asset = assetsOf('respond.html').find((name) => name.endsWith('.css'))!;
    const css = await app.inject({ method: 'GET', url: `/assets/${asset}` });
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
