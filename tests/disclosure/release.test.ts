import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newWave } from '../helpers/fixtures.js';
import { addAnswers, handWorld, HAND_MODEL, type HandWorld } from '../explanations/world.js';

/**
 * docs/methodology.md §6 rule 2: every view of figures of an open wave answers 409 `figures_not_released`, with
 * the instant of the release, to every account but the administrator; participation stays live.
 */
describe.each(TEST_DATABASES)('figures released at the close on %s', (kind) => {
  let t: TestApp;
  let w: HandWorld;
  let open: { id: number; closes_at: Date };
  const readers = {} as Record<'school' | 'municipality' | 'region' | 'admin', LoggedIn>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    w = await handWorld(db);
    open = await newWave(db, w.region.id, { modelId: HAND_MODEL.id, opensInDays: -1, closesInDays: 10, title: 'Зима' });
    await addAnswers(
      db,
      open.id,
      w.a.id,
      'teacher',
      Array.from({ length: 6 }, () => ({ t_pc_access: 'no', t_equipment: 2 })),
    );
    readers.school = await newLoggedInAccount(t.app, db, { role: 'school', schoolId: w.a.id });
    readers.municipality = await newLoggedInAccount(t.app, db, { role: 'municipality', municipalityId: w.municipality.id });
    readers.region = await newLoggedInAccount(t.app, db, { role: 'region', regionId: w.region.id });
    readers.admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const get = (who: LoggedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const profileUrl = (waveId: number) => `/api/waves/${waveId}/schools/${w.a.id}/profile`;
  const schoolViews = (waveId: number) => [
    `/api/waves/${waveId}/schools/${w.a.id}/factors/F1/explanation`,
    `/api/waves/${waveId}/schools/${w.a.id}/explanations`,
    `/api/schools/${w.a.id}/dynamics?from=${w.later.id}&to=${waveId}`,
    `/api/schools/${w.a.id}/dynamics?from=${waveId}&to=${w.earlier.id}`,
  ];
  const regionViews = (waveId: number) => [
    `/api/waves/${waveId}/profiles`,
    `/api/waves/${waveId}/region-picture`,
    `/api/waves/${w.later.id}/region-picture?compareTo=${waveId}`,
    `/api/waves/${waveId}/profiles.csv`,
    `/api/waves/${waveId}/profiles.xlsx`,
    `/api/waves/${waveId}/context/scatter?factor=F1&procedure=vpr&subject=x&grade=5`,
    `/api/waves/${waveId}/programmes/confirmed-change?from=${w.earlier.id}`,
    `/api/waves/${waveId}/programmes/confirmed-change.csv?from=${w.earlier.id}`,
    `/api/waves/${waveId}/programmes/confirmed-change.xlsx?from=${w.earlier.id}`,
  ];

  it('withholds every view of an open wave from school teams and coordinators, saying when it is released', async () => {
    const releasesAt = new Date(open.closes_at).toISOString();
    for (const who of ['school', 'municipality', 'region'] as const) {
      const urls = [...schoolViews(open.id), ...(who === 'school' ? [] : regionViews(open.id))];
      for (const url of urls) {
        const res = await get(readers[who], url);
        expect(res.statusCode, `${who} ${url}`).toBe(409);
        expect(res.json(), `${who} ${url}`).toMatchObject({ code: 'figures_not_released', details: { waveId: open.id, releasesAt } });
        expect(res.body).not.toMatch(/"(score|level|risk|value)"/);
      }
      // The profile page still shows how many answered, and when the figures will appear.
      const profile = await get(readers[who], profileUrl(open.id));
      expect(profile.statusCode).toBe(200);
      expect(profile.json()).toMatchObject({ factors: [], releasesAt, roles: { teacher: { responses: 6, expected: 8 } } });
      expect(profile.body).not.toMatch(/"(score|level|risk|value)"/);
    }
  });

  it('shows the administrator the figures of an open wave', async () => {
    for (const url of [...schoolViews(open.id), ...regionViews(open.id)]) expect((await get(readers.admin, url)).statusCode, url).toBe(200);
    const profile = (await get(readers.admin, profileUrl(open.id))).json();
    expect(profile.releasesAt).toBeNull();
    expect(profile.factors).toHaveLength(3);
  });

  it('serves the same views of closed waves to everyone who may see them', async () => {
    for (const who of ['school', 'municipality', 'region'] as const) {
      const urls = [profileUrl(w.later.id), ...schoolViews(w.later.id).slice(0, 2), ...(who === 'school' ? [] : regionViews(w.later.id).slice(0, 2))];
      for (const url of urls) expect((await get(readers[who], url)).statusCode, `${who} ${url}`).toBe(200);
      expect((await get(readers[who], profileUrl(w.later.id))).json()).toMatchObject({ releasesAt: null, factors: [{ id: 'F1' }, { id: 'F2' }, { id: 'F3' }] });
    }
  });

  it('keeps participation of an open wave live', async () => {
    const res = await get(readers.region, `/api/waves/${open.id}/participation`);
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).toContain('"responses":6');
  });
});
