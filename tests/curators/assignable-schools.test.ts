import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newMunicipality, newRegion, newSchool } from '../helpers/fixtures.js';

describe.each(TEST_DATABASES)('the schools a curator may be given, on %s', (kind) => {
  let t: TestApp;
  let w: {
    regionA: number;
    regionB: number;
    m1: { id: number; name: string };
    m2: { id: number; name: string };
    a1: number;
    a2: number;
    b1: number;
  };
  let region: LoggedIn;
  let municipal: LoggedIn;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const [regionA, regionB] = [await newRegion(db), await newRegion(db)];
    const [m1, m2, mB] = [await newMunicipality(db, regionA.id), await newMunicipality(db, regionA.id), await newMunicipality(db, regionB.id)];
    w = {
      regionA: regionA.id,
      regionB: regionB.id,
      m1,
      m2,
      a1: (await newSchool(db, m1.id)).id,
      a2: (await newSchool(db, m2.id)).id,
      b1: (await newSchool(db, mB.id)).id,
    };
    region = await newLoggedInAccount(t.app, db, { role: 'region', regionId: regionA.id });
    municipal = await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: m1.id });
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const list = async (who: LoggedIn) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/curators/schools', headers: { cookie: who.cookie } });
    expect(res.statusCode).toBe(200);
    return res.json() as Array<{ id: number; municipality: string; regionId: number }>;
  };

  it("gives a regional coordinator its region's schools, each with its municipality", async () => {
    const schools = await list(region);
    expect(schools).toHaveLength(2);
    expect(schools).toContainEqual(expect.objectContaining({ id: w.a1, municipality: w.m1.name, regionId: w.regionA }));
    expect(schools).toContainEqual(expect.objectContaining({ id: w.a2, municipality: w.m2.name, regionId: w.regionA }));
  });

  it('gives the administrator every region’s, and a municipality only its own', async () => {
    const all = await list(admin);
    expect(all).toContainEqual(expect.objectContaining({ id: w.b1, regionId: w.regionB }));
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([w.a1, w.a2]));
    expect((await list(municipal)).map((s) => s.id)).toEqual([w.a1]);
  });
});
