import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { findLinkByToken, type LinkWithContext } from '../../server/respond/links.repository.js';
import { markAsBurst, storeResponse } from '../../server/respond/responses.repository.js';
import { decideMarked } from '../../server/participation/review.repository.js';
import type { AnswerMark } from '../../server/shared/rules/answer-marks.js';
import { ROLES } from '../../server/shared/roles.js';
import { countersAndCounts, openLink } from './responses.js';

/** A small seeded generator, so a failure can be replayed exactly. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(TEST_DATABASES)('participation counters on %s', (kind) => {
  let database: TestDatabase;
  let links: LinkWithContext[];
  const rnd = random(20261120);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const duration = () => pick([null, Math.floor(rnd() * 60), 60 + Math.floor(rnd() * 900)]);
  // Most answers unmarked; some held back by a mark, some marked and counted all the same.
  const fate = (): { marks: AnswerMark[]; counted: boolean } =>
    pick([
      { marks: [], counted: true },
      { marks: [], counted: true },
      { marks: ['too_fast'], counted: false },
      { marks: ['straightline'], counted: true },
    ]);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const db = database.db;
    const region = await newRegion(db);
    const municipalities = [await newMunicipality(db, region.id), await newMunicipality(db, region.id)];
    const schools = [];
    for (let i = 0; i < 5; i++) schools.push(await newSchool(db, municipalities[i % 2].id));
    const waves = [await newWave(db, region.id), await newWave(db, region.id)];
    links = [];
    for (const wave of waves) {
      for (const school of schools) {
        for (const role of ROLES) links.push((await findLinkByToken(db, (await openLink(db, wave.id, school.id, role)).token))!);
      }
    }
  });
  afterAll(() => database?.close());

  const submit = (link: LinkWithContext, clientKey: string = randomUUID()) =>
    storeResponse(database.db, link, { clientKey, answers: {}, durationSeconds: duration(), ...fate() });
  const expectCountersToMatch = async () => {
    const { counters, counts } = await countersAndCounts(database.db);
    expect(Object.keys(counts).length).toBeGreaterThan(0);
    expect(counters).toEqual(counts);
  };

  it('equal a plain count of the responses after single answers and their replays', async () => {
    const stored: Array<{ link: LinkWithContext; key: string }> = [];
    for (let i = 0; i < 150; i++) {
      const link = pick(links);
      const key = randomUUID();
      expect((await submit(link, key)).status).toBe('stored');
      stored.push({ link, key });
    }
    await expectCountersToMatch();
    // A phone retrying with its client key gets the first response back; nothing new is stored or counted.
    for (let i = 0; i < 40; i++) {
      const { link, key } = pick(stored);
      expect((await submit(link, key)).status).toBe('replayed');
    }
    await expectCountersToMatch();
  });

  it('equal a plain count after one statement stores answers of many schools and roles', async () => {
    const rows = Array.from({ length: 400 }, () => {
      const link = pick(links);
      return {
        wave_id: link.wave_id,
        school_id: link.school_id,
        role: link.role,
        link_id: link.id,
        client_key: randomUUID(),
        answers: '{}',
        duration_seconds: duration(),
        ...fate(),
      };
    });
    await database.db.insertInto('responses').values(rows).execute();
    await expectCountersToMatch();
  });

  it('equal a plain count after concurrent answers to one school × role, concurrent replays and a contested code', async () => {
    const hot = links[7];
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(hot)));
    expect(results.every((r) => r.status === 'stored')).toBe(true);

    const key = randomUUID();
    const replays = await Promise.all(Array.from({ length: 20 }, () => submit(hot, key)));
    expect(new Set(replays.map((r) => r.status === 'stored' || r.status === 'replayed'))).toEqual(new Set([true]));
    expect(new Set(replays.map((r) => ('id' in r ? r.id : null))).size).toBe(1);

    const code = (await findLinkByToken(database.db, (await newLink(database.db, hot.wave_id, hot.school_id, hot.role, 'code')).token))!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => submit(code)));
    expect(answers.filter((r) => r.status === 'stored')).toHaveLength(1);
    await expectCountersToMatch();
  });

  it('fold the shards a burst spread a school × role over back into one row at its next answer', async () => {
    const db = database.db;
    const link = links[3];
    const ofLink = sql`wave_id = ${link.wave_id} and school_id = ${link.school_id} and role = ${link.role}`;
    // As a burst leaves it: the count spread over all 8 shards, in uneven parts that still add up.
    await sql`
      insert into participation_counts (wave_id, school_id, role, shard, responses, held)
      select ${link.wave_id}, ${link.school_id}, ${link.role}, s, 0, 0 from generate_series(0, 7) s
      on conflict do nothing`.execute(db);
    await sql`update participation_counts set responses = responses + 5, held = held + 1 where ${ofLink} and shard = 3`.execute(db);
    await sql`update participation_counts set responses = responses - 5, held = held - 1 where ${ofLink} and shard = 6`.execute(db);
    const shards = async () => (await sql<{ n: number }>`select count(*)::int as n from participation_counts where ${ofLink}`.execute(db)).rows[0]!.n;
    expect(await shards()).toBe(8);
    await submit(link);
    expect(await shards()).toBe(1);
    await expectCountersToMatch();
  });

  it('follow a burst mark added later and the decisions of a coordinator, in the same statement', async () => {
    const db = database.db;
    const link = links[5];
    const ids = [];
    for (let i = 0; i < 12; i++) {
      const result = await storeResponse(db, link, { clientKey: randomUUID(), answers: {}, durationSeconds: 300 });
      ids.push((result as { id: number }).id);
    }
    await markAsBurst(db, ids.slice(0, 8));
    await expectCountersToMatch();
    await decideMarked(db, { waveId: link.wave_id, schoolId: link.school_id, role: link.role }, 'accept', () => {});
    await expectCountersToMatch();
    await decideMarked(db, { waveId: link.wave_id, schoolId: link.school_id, role: link.role }, 'exclude', () => {});
    await expectCountersToMatch();
    const { rows } = await sql<{ n: number; held: number; excluded: number }>`
      select sum(responses)::int as n, sum(held)::int as held, sum(excluded)::int as excluded from participation_counts where wave_id = ${link.wave_id}
        and school_id = ${link.school_id} and role = ${link.role}`.execute(db);
    const marked = await db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('link_id', '=', link.id)
      .where(sql<boolean>`cardinality(marks) > 0`)
      .executeTakeFirstOrThrow();
    expect(rows[0]!.excluded).toBe(Number(marked.n));
    expect(rows[0]!.held).toBe(0);
  });

  it('equal a plain count after responses are deleted', async () => {
    const db = database.db;
    const ids = (await db.selectFrom('responses').select('id').execute()).map((r) => r.id).filter(() => rnd() < 0.2);
    await db.deleteFrom('responses').where('id', 'in', ids).execute();
    const one = await db.selectFrom('responses').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db.deleteFrom('responses').where('id', '=', one.id).execute();
    await expectCountersToMatch();
  });
});
