import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlLimitWindows } from '../../server/limits/limit-windows.js';
import { openTestDatabase, TEST_DATABASES, type TestDatabase } from '../helpers/database.js';

describe.each(TEST_DATABASES)('limit windows in the database on %s', (kind) => {
  let database: TestDatabase;
  let windows: SqlLimitWindows;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    windows = new SqlLimitWindows(database.db);
  });
  afterAll(() => database?.close());

  it('counts hits of a key in a window that starts at its first hit, apart from other keys', async () => {
    expect(await windows.peek('a')).toBeNull();
    const first = await windows.hit('a', 60_000);
    expect(first.hits).toBe(1);
    expect(first.msLeft).toBeGreaterThan(59_000);
    expect(first.msLeft).toBeLessThanOrEqual(60_000);
    expect((await windows.hit('a', 60_000)).hits).toBe(2);
    expect((await windows.hit('b', 60_000)).hits).toBe(1);
    expect((await windows.peek('a'))!.hits).toBe(2);
  });

  it('starts a window again once it has ended', async () => {
    await windows.hit('c', 60_000);
    await windows.hit('c', 60_000);
    await sql`update limit_windows set ends_at = now() - interval '1 second' where key = 'c'`.execute(database.db);
    expect(await windows.peek('c')).toBeNull();
    const again = await windows.hit('c', 1000);
    expect(again.hits).toBe(1);
    expect(again.msLeft).toBeLessThanOrEqual(1000);
  });

  it('counts every one of many hits at once', async () => {
    await Promise.all(Array.from({ length: 40 }, () => windows.hit('d', 60_000)));
    expect((await windows.peek('d'))!.hits).toBe(40);
  });
});
