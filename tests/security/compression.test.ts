import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, CLIENT_DIST, type App } from '../../server/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { newLink, newWorld } from '../helpers/fixtures.js';

// What goes over the wire does not depend on the database: PGlite is enough. Needs `vite build` (npm test does it).
describe('compression on the wire', () => {
  let database: TestDatabase;
  let app: App;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildApp({ db: database.db, dbKind: 'pglite', serveClient: true });
    await app.ready();
    const world = await newWorld(database.db);
    token = (await newLink(database.db, world.wave.id, world.school.id, 'parent')).token;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const respondScript = () => readdirSync(join(CLIENT_DIST, 'assets')).find((f) => /^respond-.*\.js$/.test(f))!;

  it('sends the built respondent script precompressed, byte for byte the build file, cached for good', async () => {
    const name = respondScript();
    const original = readFileSync(join(CLIENT_DIST, 'assets', name));
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/assets/${name}`, headers: { 'accept-encoding': encoding } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const body = res.rawPayload;
      expect(body.length).toBe(readFileSync(join(CLIENT_DIST, 'assets', `${name}.${encoding === 'br' ? 'br' : 'gz'}`)).length);
      expect(body.length).toBeLessThan(original.length / 3);
      expect(decode(body).equals(original)).toBe(true);
    }
    const plain = await app.inject({ method: 'GET', url: `/assets/${name}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('compresses a large API answer for a client that accepts it, and not the small ones', async () => {
    const questionnaire = await app.inject({ method: 'GET', url: `/api/links/${token}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(questionnaire.statusCode).toBe(200);
    expect(questionnaire.headers['content-encoding']).toBe('br');
    const plain = await app.inject({ method: 'GET', url: `/api/links/${token}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    // Each opening gets a start ticket of its own; everything else is the same document.
    const { ticket: _compressed, ...compressed } = JSON.parse(brotliDecompressSync(questionnaire.rawPayload).toString());
    const { ticket: _plain, ...uncompressed } = plain.json();
    expect(compressed).toEqual(uncompressed);
    const health = await app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a compressed request body unread rather than inflating it past the body limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/links/${token}/responses`,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
