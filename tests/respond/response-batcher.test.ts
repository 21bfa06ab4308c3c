import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { newLink, newSchool, newWave, newWorld } from '../helpers/fixtures.js';
import { findLinkByToken, type LinkWithContext } from '../../server/respond/links.repository.js';
import { ResponseBatcher } from '../../server/respond/response-batcher.js';
import { countersAndCounts } from '../participation/responses.js';

describe.each(TEST_DATABASES)('submissions sent together on %s', (kind) => {
  let database: TestDatabase;
  let parent: LinkWithContext;
  let teacher: LinkWithContext;
  let otherSchool: LinkWithContext;
  let revoked: LinkWithContext;
  let closedWave: LinkWithContext;
  let code: LinkWithContext;

  const facts = async (token: string) => (await findLinkByToken(database.db, token))!;
  const rowsWithKey = async (key: string) =>
    await database.db.selectFrom('responses').select(['id', 'link_id', 'answers']).where('client_key', '=', key).execute();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const db = database.db;
    const world = await newWorld(db);
    const second = await newSchool(db, world.municipality.id);
    parent = await facts((await newLink(db, world.wave.id, world.school.id, 'parent')).token);
    teacher = await facts((await newLink(db, world.wave.id, world.school.id, 'teacher')).token);
    otherSchool = await facts((await newLink(db, world.wave.id, second.id, 'student')).token);
    const old = await newLink(db, world.wave.id, world.school.id, 'student');
    await db.updateTable('links').set({ revoked_at: new Date() }).where('id', '=', old.id).execute();
    revoked = await facts(old.token);
    const past = await newWave(db, world.region.id, { opensInDays: -20, closesInDays: -5 });
    closedWave = await facts((await newLink(db, past.id, world.school.id, 'parent')).token);
    code = await facts((await newLink(db, world.wave.id, world.school.id, 'student', 'code')).token);
  });
  afterAll(() => database?.close());

  it('stores a burst in few statements, answers each sender on its own, and keeps the counters exact', async () => {
    // One statement at a time: everything after the first answer waits for it and goes in one batch.
    const statements: string[] = [];
    const counting = database.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'RawNode') statements.push('raw');
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const spy = new ResponseBatcher(counting, { maxStatements: 1, maxBatch: 50 });
    const burst = Array.from({ length: 120 }, (_, i) => ({ link: [parent, teacher, otherSchool][i % 3]!, key: randomUUID(), i }));
    const results = await Promise.all(burst.map(({ link, key, i }) => spy.store(link, { clientKey: key, answers: { n: i }, durationSeconds: i })));
    expect(results.every((r) => r.status === 'stored')).toBe(true);
    // 120 answers, at most 50 a statement: three statements at least, far fewer than 120.
    expect(statements.length).toBeGreaterThanOrEqual(3);
    expect(statements.length).toBeLessThanOrEqual(10);
    for (const [index, { key, link, i }] of burst.entries()) {
      const rows = await rowsWithKey(key);
      expect(rows).toEqual([{ id: (results[index] as { id: number }).id, link_id: link.id, answers: { n: i } }]);
    }
    const { counters, counts } = await countersAndCounts(database.db);
    expect(counters).toEqual(counts);
  });

  it('sorts out, within one batch, retries, repeated keys, a key of another link, closed links and a used code', async () => {
    const batcher = new ResponseBatcher(database.db, { maxStatements: 1, maxBatch: 100 });
    const earlier = randomUUID();
    const first = await batcher.store(parent, { clientKey: earlier, answers: { a: 1 }, durationSeconds: 10 });
    expect(first.status).toBe('stored');
    const usedCode = randomUUID();
    expect((await batcher.store(code, { clientKey: usedCode, answers: {}, durationSeconds: 10 })).status).toBe('stored');

    const twice = randomUUID();
    const contested = randomUUID();
    const upper = randomUUID().toUpperCase();
    const cases = [
      { link: parent, key: earlier.toUpperCase(), want: { status: 'replayed', id: (first as { id: number }).id } },
      { link: teacher, key: earlier, want: { status: 'key-taken' } },
      { link: parent, key: twice, want: { status: 'stored' } },
      { link: parent, key: twice, want: { status: 'replayed' } },
      { link: teacher, key: contested, want: { status: 'stored' } },
      { link: parent, key: contested, want: { status: 'key-taken' } },
      { link: revoked, key: randomUUID(), want: { status: 'link-closed' } },
      { link: closedWave, key: randomUUID(), want: { status: 'link-closed' } },
      { link: code, key: randomUUID(), want: { status: 'code-used' } },
      { link: otherSchool, key: upper, want: { status: 'stored' } },
    ] as const;
    const results = await Promise.all(cases.map(({ link, key }) => batcher.store(link, { clientKey: key, answers: {}, durationSeconds: 30 })));
    results.forEach((result, i) => expect(result, `case ${i}`).toMatchObject(cases[i]!.want));
    // The repeated key went in once and both of its senders got that row.
    expect(results[2]).toEqual({ status: 'stored', id: (await rowsWithKey(twice))[0]!.id });
    expect(results[3]).toEqual({ status: 'replayed', id: (results[2] as { id: number }).id });
    expect(await rowsWithKey(twice)).toHaveLength(1);
    expect((await rowsWithKey(contested))[0]!.link_id).toBe(teacher.id);
    expect((await rowsWithKey(upper.toLowerCase()))[0]!.link_id).toBe(otherSchool.id);
  });

  it('stores the rest of a batch when the database refuses one answer of it, and fails only that one', async () => {
    const batcher = new ResponseBatcher(database.db, { maxStatements: 1, maxBatch: 100 });
    const good = [randomUUID(), randomUUID(), randomUUID()];
    // jsonb cannot hold U+0000; the route refuses it at the door, the batcher must still not lose the others.
    const outcomes = await Promise.allSettled([
      batcher.store(parent, { clientKey: good[0]!, answers: { a: 1 }, durationSeconds: 5 }),
      batcher.store(parent, { clientKey: randomUUID(), answers: { a: 'bad\u0000' }, durationSeconds: 5 }),
      batcher.store(teacher, { clientKey: good[1]!, answers: { a: 2 }, durationSeconds: 5 }),
      batcher.store(otherSchool, { clientKey: good[2]!, answers: { a: 3 }, durationSeconds: 5 }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const key of good) expect(await rowsWithKey(key)).toHaveLength(1);
    const { counters, counts } = await countersAndCounts(database.db);
    expect(counters).toEqual(counts);
    const total = await sql<{ n: number }>`select count(*)::int as n from responses where answers ? 'a'`.execute(database.db);
    expect(total.rows[0]!.n).toBe(4);
  });
});
