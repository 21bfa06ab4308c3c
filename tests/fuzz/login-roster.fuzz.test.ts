import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { ROSTER_BODY_LIMIT } from '../../server/admin/roster/roster.routes.js';
import { ROSTER_COLUMNS, TEMPLATE_HEADERS } from '../../server/admin/roster/columns.js';
import { newLoggedInAccount, TEST_PASSWORD } from '../helpers/auth.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newWorld } from '../helpers/fixtures.js';
import { deepObjectJson, NASTY_STRINGS, nastyString, SQL_STRINGS, WRONG_CONTENT_TYPES, type HostileRequest } from './hostile-input.js';

/** Each login that passes validation costs an argon2 verification (tens of ms): most hostile ones must not. */
const LOGIN_RUNS = 1_000;
const ROSTER_RUNS = 200;

const expectRefusedWithMessage = (res: { statusCode: number; body: string; json(): unknown }, kind: string) => {
  expect(res.statusCode, `${kind}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${kind}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  const body = res.json() as { message?: unknown };
  expect(typeof body.message, kind).toBe('string');
  expect((body.message as string).length, kind).toBeGreaterThan(0);
};

const loginRequest: fc.Arbitrary<HostileRequest> = (() => {
  const url = '/api/auth/login';
  const json = (body: unknown, kind: string): HostileRequest => ({ url, contentType: 'application/json', body: JSON.stringify(body), kind });
  const notAString = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 3 }),
  );
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('{', '{"email":', "{'email':'a'}", '{"email":"a@b.c","password":"x",}'))
        .map((body) => ({ url, contentType: 'application/json', body, kind: 'invalid JSON' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...WRONG_CONTENT_TYPES)
        .map((contentType) => ({ url, contentType, body: `email=admin@test.local&password=${TEST_PASSWORD}`, kind: `content type ${contentType}` })),
    },
    { weight: 3, arbitrary: fc.tuple(notAString, fc.oneof(fc.string(), notAString)).map(([email, password]) => json({ email, password }, 'wrong types')) },
    { weight: 3, arbitrary: fc.tuple(fc.string(), notAString).map(([email, password]) => json({ email, password }, 'wrong types')) },
    {
      weight: 2,
      arbitrary: fc.oneof(fc.constant({}), fc.record({ email: fc.string() }), fc.record({ password: fc.string() })).map((body) => json(body, 'missing field')),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.string({ minLength: 255, maxLength: 5_000 }), fc.string({ minLength: 201, maxLength: 5_000 }))
        .map(([email, password]) => json({ email, password }, 'huge strings')),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...SQL_STRINGS, ...NASTY_STRINGS).map((extra) => json({ email: 'a@b.c', password: 'x', [extra]: 1 }, 'extra property')),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          `{"email":"a@b.c","password":"x","__proto__":{"role":"admin"}}`,
          `{"email":"a@b.c","password":"x","constructor":{"prototype":{"role":"admin"}}}`,
          `{"email":${deepObjectJson(3_000)},"password":"x"}`,
        )
        .map((body) => ({ url, contentType: 'application/json', body, kind: 'prototype pollution or nesting' })),
    },
    // These pass validation and reach the database and argon2: SQL, control characters, look-alikes of a real account.
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom(...SQL_STRINGS, ...NASTY_STRINGS),
            nastyString,
            fc.constantFrom('ADMIN@TEST.LOCAL\u0000', 'admin@test.local ', "admin@test.local' --"),
          ),
          fc.oneof(nastyString, fc.constantFrom(...SQL_STRINGS)),
        )
        .filter(([email, password]) => email.length >= 3 && password.length >= 1)
        .map(([email, password]) => json({ email, password }, 'hostile credentials')),
    },
  );
})();

/** A roster file of the template's columns where every row has at least one thing wrong. */
function hostileCsv(regionName: string): fc.Arbitrary<Buffer> {
  const header = ROSTER_COLUMNS.map((c) => TEMPLATE_HEADERS[c]).join(';');
  const cell = fc.oneof(
    nastyString,
    fc.constantFrom(...SQL_STRINGS),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('=1+1', '@SUM(A1)', '+cmd|calc', '-1', '1e9', '"""', '";"'),
  );
  const badRow = fc
    .tuple(fc.constantFrom(regionName, ...NASTY_STRINGS), cell, cell, cell, fc.constantFrom('2', '-1', 'x', ''), cell, cell, cell)
    .map((cells) => cells.map((c) => (/[";\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';'));
  return fc
    .tuple(fc.array(badRow, { minLength: 1, maxLength: 30 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean())
    .map(([rows, eol, bom]) => Buffer.from((bom ? '\ufeff' : '') + [header, ...rows].join(eol), 'utf8'));
}

function rosterFile(regionName: string): fc.Arbitrary<{ body: Buffer; kind: string }> {
  return fc.oneof(
    hostileCsv(regionName).map((body) => ({ body, kind: 'CSV with bad rows' })),
    fc.uint8Array({ minLength: 0, maxLength: 4_000 }).map((bytes) => ({ body: Buffer.from(bytes), kind: 'random bytes' })),
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ body: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(bytes)]), kind: 'broken XLSX' })),
    fc.string({ unit: 'binary', maxLength: 2_000 }).map((text) => ({ body: Buffer.from(text, 'utf16le'), kind: 'UTF-16 text' })),
    fc.array(fc.oneof(nastyString, fc.string()), { maxLength: 20 }).map((cells) => ({ body: Buffer.from(cells.join(';')), kind: 'no header' })),
    fc.constantFrom(
      { body: Buffer.alloc(0), kind: 'empty' },
      { body: Buffer.from('"'.repeat(10_001)), kind: 'unbalanced quotes' },
      { body: Buffer.from(`${ROSTER_COLUMNS.map((c) => TEMPLATE_HEADERS[c]).join(';')}\r\n${'x;'.repeat(50_000)}`), kind: 'a very wide row' },
      { body: Buffer.alloc(ROSTER_BODY_LIMIT + 1, 'a'), kind: 'over the size limit' },
    ),
  );
}

describe.each(TEST_DATABASES)('hostile login and roster requests on %s', (kind) => {
  let t: TestApp;
  let region: { id: number; name: string };

  const count = async (table: 'schools' | 'municipalities' | 'sessions') =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await openTestApp(kind);
    region = (await newWorld(t.database.db)).region;
    await createAccount(t.database.db, { email: 'admin@test.local', password: TEST_PASSWORD, role: 'admin' });
  });
  afterAll(() => t?.close());

  it(`answers ${LOGIN_RUNS.toLocaleString('en')} hostile logins with a 4xx and a message, and opens no session`, async () => {
    const sessionsBefore = await count('sessions');
    let address = 0;
    await fc.assert(
      fc.asyncProperty(loginRequest, async (request) => {
        const res = await t.app.inject({
          method: 'POST',
          url: request.url,
          headers: request.contentType ? { 'content-type': request.contentType } : {},
          payload: request.body,
          // Spread over addresses, so the login limit does not answer everything with 429 (tests/security checks the limit).
          remoteAddress: `10.0.${(address >> 8) & 255}.${address++ & 255}`,
        });
        expectRefusedWithMessage(res, request.kind);
        expect(res.cookies.find((c) => c.name === 'sid')).toBeUndefined();
      }),
      { numRuns: LOGIN_RUNS, seed: 7, endOnFailure: true },
    );
    expect(await count('sessions')).toBe(sessionsBefore);
  }, 180_000);

  it(`answers ${ROSTER_RUNS.toLocaleString('en')} hostile roster files per route without a 5xx, and imports none`, async () => {
    const admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    const before = { schools: await count('schools'), municipalities: await count('municipalities') };
    await fc.assert(
      fc.asyncProperty(
        rosterFile(region.name),
        fc.constantFrom('text/csv', 'application/octet-stream', 'application/json', 'multipart/form-data; boundary=x', undefined),
        fc.oneof(fc.constant(undefined), nastyString),
        async (file, contentType, filename) => {
          const headers: Record<string, string> = { ...admin.headers };
          if (contentType) headers['content-type'] = contentType;
          const query = filename === undefined ? '' : `?filename=${encodeURIComponent(filename.replace(/[\ud800-\udfff]/g, ''))}`;
          const preview = await t.app.inject({ method: 'POST', url: `/api/admin/roster/preview${query}`, headers, payload: file.body });
          expect(preview.statusCode, `${file.kind}: ${preview.body.slice(0, 300)}`).toBeLessThan(500);
          // A preview describes the file's problems in a 200; anything refused outright carries a message.
          if (preview.statusCode >= 400) expectRefusedWithMessage(preview, file.kind);
          else expect(preview.json().errorCount, file.kind).toBeGreaterThan(0);
          const imported = await t.app.inject({ method: 'POST', url: `/api/admin/roster${query}`, headers, payload: file.body });
          expectRefusedWithMessage(imported, file.kind);
        },
      ),
      { numRuns: ROSTER_RUNS, seed: 11, endOnFailure: true },
    );
    expect({ schools: await count('schools'), municipalities: await count('municipalities') }).toEqual(before);
  }, 180_000);

  it('still logs the real administrator in afterwards', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@test.local', password: TEST_PASSWORD },
      remoteAddress: `10.9.${randomUUID().length}.1`,
    });
    expect(res.statusCode).toBe(200);
  });
});
