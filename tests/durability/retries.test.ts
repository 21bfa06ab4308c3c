import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { countedAnswers } from '../helpers/answers.js';
import type { Role } from '../../server/shared/roles.js';

// The server remembers what a token means (server/respond/link-facts-cache.ts); whether the link is still live is
// decided by the insert itself. These check that a change after the first answer is seen at once.
describe.each(TEST_DATABASES)('retries and links that change under them on %s', (kind) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    world = await newWorld(t.database.db);
  });
  afterAll(() => t?.close());

  const submit = (link: { token: string; role: Role }, clientKey: string) =>
    t.app.inject({ method: 'POST', url: `/api/links/${link.token}/responses`, payload: { answers: countedAnswers(link.role), clientKey } });
  const rowsOf = async (linkId: number) => (await t.database.db.selectFrom('responses').select('id').where('link_id', '=', linkId).execute()).length;

  it('refuses new answers the moment a link is revoked, and still confirms the answer stored before', async () => {
    const link = await newLink(t.database.db, world.wave.id, world.school.id, 'teacher');
    const stored = randomUUID();
    const first = await submit(link, stored);
    expect(first.statusCode).toBe(201);
    await t.database.db.updateTable('links').set({ revoked_at: new Date(), revoked_reason: 'replaced' }).where('id', '=', link.id).execute();

    const late = await submit(link, randomUUID());
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('link_revoked');
    // The phone whose first attempt landed, but whose answer got lost on the way back, learns it was stored.
    const retry = await submit(link, stored);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(await rowsOf(link.id)).toBe(1);
  });

  it('refuses new answers the moment the wave closes', async () => {
    const link = await newLink(t.database.db, world.wave.id, world.school.id, 'student');
    expect((await submit(link, randomUUID())).statusCode).toBe(201);
    await t.database.db
      .updateTable('waves')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', world.wave.id)
      .execute();
    try {
      const late = await submit(link, randomUUID());
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('wave_closed');
      expect(await rowsOf(link.id)).toBe(1);
    } finally {
      await t.database.db.updateTable('waves').set({ closes_at: world.wave.closes_at }).where('id', '=', world.wave.id).execute();
    }
  });

  it('stores concurrent retries of one answer once', async () => {
    const link = await newLink(t.database.db, world.wave.id, world.school.id, 'parent');
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 30 }, () => submit(link, key)));
    expect(replies.map((r) => r.statusCode)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.json().id)).size).toBe(1);
    expect(await rowsOf(link.id)).toBe(1);
  });
});
