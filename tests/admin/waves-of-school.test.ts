import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newWave, newWorld } from '../helpers/fixtures.js';
import { newLoggedInAccount } from '../helpers/auth.js';

describe.each(TEST_DATABASES)("a school is offered only its region's waves on %s", (kind) => {
  let t: TestApp;
  let ours: Awaited<ReturnType<typeof newWorld>>;
  let theirs: Awaited<ReturnType<typeof newWorld>>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    ours = await newWorld(t.database.db);
    theirs = await newWorld(t.database.db);
    await newWave(t.database.db, ours.region.id, { title: 'Наша вторая волна' });
    admin = (await newLoggedInAccount(t.app, t.database.db, { role: 'admin' })).headers;
  });
  afterAll(() => t?.close());

  const regionsOfWaves = async (url: string, headers = admin) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Array<{ regionId: number }>).map((w) => w.regionId);
  };

  it("lists for an administrator looking at a school the waves of the school's region only", async () => {
    expect(new Set(await regionsOfWaves('/api/waves'))).toEqual(new Set([ours.region.id, theirs.region.id]));
    expect(await regionsOfWaves(`/api/waves?schoolId=${ours.school.id}`)).toEqual([ours.region.id, ours.region.id]);
    expect(await regionsOfWaves(`/api/waves?schoolId=${theirs.school.id}`)).toEqual([theirs.region.id]);
  });

  it('refuses a school outside the caller’s territory and an unknown one', async () => {
    const team = (await newLoggedInAccount(t.app, t.database.db, { role: 'school', schoolId: ours.school.id })).headers;
    expect(await regionsOfWaves(`/api/waves?schoolId=${ours.school.id}`, team)).toEqual([ours.region.id, ours.region.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/waves?schoolId=${theirs.school.id}`, headers: team })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/waves?schoolId=999999', headers: admin })).statusCode).toBe(404);
  });
});
