import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveCodesShortCodes } from '../../server/links/issue-links.js';
import { formatShortCode, newShortCode, normaliseShortCode, SHORT_CODE_ALPHABET } from '../../server/shared/short-codes.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';

const PUBLIC_URL = 'http://localhost:3000';
const FORMATTED = new RegExp(`^[${SHORT_CODE_ALPHABET}]{4}-[${SHORT_CODE_ALPHABET}]{4}$`);

describe('short codes', () => {
  it('have no look-alike characters and read the same however they are typed', () => {
    expect(SHORT_CODE_ALPHABET).not.toMatch(/[01ILOilo]/);
    expect(new Set(SHORT_CODE_ALPHABET).size).toBe(31);
    const code = newShortCode();
    expect(code).toMatch(new RegExp(`^[${SHORT_CODE_ALPHABET}]{8}$`));
    expect(formatShortCode('7KQ4M9XA')).toBe('7KQ4-M9XA');
    for (const typed of ['7KQ4-M9XA', '7kq4m9xa', ' 7KQ4 M9XA ', '7kq4 – m9xa', '7K-Q4-M9-XA']) expect(normaliseShortCode(typed), typed).toBe('7KQ4M9XA');
    for (const typed of ['7KQ4-M9X', '7KQ4-M9XAB', '0KQ4-M9XA', 'OKQ4-M9XA', '7KQ4_M9XA', '']) expect(normaliseShortCode(typed), typed).toBeNull();
  });
});

describe.each(TEST_DATABASES)('short codes typed at /c on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let world: Awaited<ReturnType<typeof newWorld>>;
  let codes: Array<{ id: number; url: string; shortCode: string | null }>;
  let entryUrl: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db, { student: 6 });
    admin = await newLoggedInAccount(t.app, t.database.db, { role: 'admin' });
    const switched = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/waves/${world.wave.id}/access`,
      headers: admin.headers,
      payload: { role: 'student', mode: 'codes' },
    });
    expect(switched.statusCode).toBe(200);
    const listed = (
      await t.app.inject({ method: 'GET', url: `/api/admin/waves/${world.wave.id}/schools/${world.school.id}/codes?role=student`, headers: admin.headers })
    ).json();
    codes = listed.codes;
    entryUrl = listed.entryUrl;
  });
  afterAll(() => t?.close());

  const enter = (code: string, remoteAddress = '10.1.1.1') => t.app.inject({ method: 'POST', url: '/api/links/code', payload: { code }, remoteAddress });
  const tokenOf = (url: string) => url.slice(`${PUBLIC_URL}/s/`.length);

  it('gives every single-use code a distinct short code, printed as XXXX-XXXX with the address to type it at', () => {
    expect(codes).toHaveLength(6);
    expect(entryUrl).toBe(`${PUBLIC_URL}/c`);
    for (const code of codes) expect(code.shortCode).toMatch(FORMATTED);
    expect(new Set(codes.map((c) => c.shortCode)).size).toBe(6);
  });

  it('finds the link of a code however it is typed', async () => {
    const [code] = codes;
    for (const typed of [code!.shortCode!, code!.shortCode!.toLowerCase(), code!.shortCode!.replace('-', ' ')]) {
      const res = await enter(typed);
      expect(res.statusCode, typed).toBe(200);
      expect(res.json()).toEqual({ token: tokenOf(code!.url) });
    }
  });

  it('says what is wrong with a code that does not exist or cannot be one', async () => {
    const malformed = await enter('123', '10.2.2.2');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('invalid_code');
    const unknown = await enter('2222-2222', '10.2.2.2');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('code_not_found');
  });

  it('stops an address after 20 wrong codes in an hour, right ones included, and no other address', async () => {
    for (let i = 0; i < 19; i++) expect((await enter(newShortCode(), '10.3.3.3')).statusCode).toBe(404);
    expect((await enter(codes[1]!.shortCode!, '10.3.3.3')).statusCode).toBe(200);
    expect((await enter(newShortCode(), '10.3.3.3')).statusCode).toBe(404);
    const stopped = await enter(codes[1]!.shortCode!, '10.3.3.3');
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().code).toBe('too_many_wrong_codes');
    expect((await enter(codes[1]!.shortCode!, '10.4.4.4')).statusCode).toBe(200);
  });

  it('gives codes issued before short codes existed one at the next sync', async () => {
    const old = await newLink(t.database.db, world.wave.id, world.school.id, 'student', 'code');
    expect(old.short_code).toBeNull();
    await giveCodesShortCodes(t.database.db, world.wave.id);
    const row = await t.database.db.selectFrom('links').select('short_code').where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(normaliseShortCode(row.short_code ?? '')).toBe(row.short_code);
    // Open links never have one.
    const open = await newLink(t.database.db, world.wave.id, world.school.id, 'parent');
    await expect(t.database.db.updateTable('links').set({ short_code: newShortCode() }).where('id', '=', open.id).execute()).rejects.toThrow();
  });

  it('gives the successor of a replaced code a short code of its own', async () => {
    const replaced = await t.app.inject({ method: 'POST', url: `/api/admin/links/${codes[5]!.id}/replace`, headers: admin.headers });
    expect(replaced.statusCode).toBe(200);
    const next = await t.database.db.selectFrom('links').select('short_code').where('id', '=', replaced.json().id).executeTakeFirstOrThrow();
    expect(next.short_code).toMatch(/^[A-Z2-9]{8}$/);
    expect(formatShortCode(next.short_code!)).not.toBe(codes[5]!.shortCode);
  });
});
