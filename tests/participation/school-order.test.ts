import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { newLoggedInAccount } from '../helpers/auth.js';

// Legal forms that sort against the names: by the full name МАОУ < МБОУ < МКОУ would give Заречная, Яблоневая, Берёзовская.
const NAMES = ['МБОУ «Яблоневая СОШ»', 'МАОУ «Заречная СОШ»', 'МКОУ «Берёзовская ООШ»'];
const BY_NAME = ['МКОУ «Берёзовская ООШ»', 'МАОУ «Заречная СОШ»', 'МБОУ «Яблоневая СОШ»'];

describe.each(TEST_DATABASES)('school lists sort by the name without the legal form on %s', (kind) => {
  let t: TestApp;
  let waveId: number;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    const region = await newRegion(db);
    const municipality = await newMunicipality(db, region.id);
    // Alike in every figure: the report keeps the roster's order between them.
    for (const name of NAMES) await newSchool(db, municipality.id, { principal: 1, teacher: 0, student: 0, parent: 0 }, name);
    waveId = (await newWave(db, region.id)).id;
    admin = (await newLoggedInAccount(t.app, db, { role: 'admin' })).headers;
  });
  afterAll(() => t?.close());

  it('orders the participation report by name', async () => {
    const report = (await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation`, headers: admin })).json();
    expect(report.schools.map((s: { name: string }) => s.name)).toEqual(BY_NAME);
  });

  it('orders the schools an account can be scoped to by name', async () => {
    const territories = (await t.app.inject({ method: 'GET', url: '/api/admin/territories', headers: admin })).json();
    const ours = territories.schools.filter((s: { name: string }) => NAMES.includes(s.name)).map((s: { name: string }) => s.name);
    expect(ours).toEqual(BY_NAME);
  });
});
