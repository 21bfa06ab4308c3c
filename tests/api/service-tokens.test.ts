import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../server/shared/hash.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { ensureModel, newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { csvFile, RU_HEADERS } from '../fixtures/roster/files.js';

describe.each(TEST_DATABASES)('service tokens on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let region: { id: number; name: string };
  let otherRegion: { id: number; name: string };
  let municipalityId: number;
  let waveId: number;
  let foreignWaveId: number;
  let modelId: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const db = t.database.db;
    region = await newRegion(db);
    otherRegion = await newRegion(db);
    municipalityId = (await newMunicipality(db, region.id, 'Берёзовский район')).id;
    const school = await newSchool(db, municipalityId, { parent: 20 });
    const foreignSchool = await newSchool(db, (await newMunicipality(db, otherRegion.id)).id);
    waveId = (await newWave(db, region.id)).id;
    foreignWaveId = (await newWave(db, otherRegion.id)).id;
    await newLink(db, waveId, school.id, 'parent');
    await newLink(db, foreignWaveId, foreignSchool.id, 'parent');
    modelId = await ensureModel(db);
    admin = await newLoggedInAccount(t.app, db, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const create = (body: object) => t.app.inject({ method: 'POST', url: '/api/admin/tokens', headers: admin.headers, payload: body });
  const newToken = async (body: object) => {
    const res = await create({ name: 'Региональная ИС', regionId: region.id, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { token: { id: number; prefix: string; state: string }; secret: string };
  };
  const bearer = (secret: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${secret}`, ...extra });
  const auditOf = (tokenId: number) => t.database.db.selectFrom('audit_log').selectAll().where('token_id', '=', tokenId).orderBy('id').execute();

  it('shows the secret once and keeps only its hash', async () => {
    const { token, secret } = await newToken({ permissions: ['participation:read'] });
    expect(secret).toMatch(/^sk500_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(token.state).toBe('active');
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/tokens', headers: admin.headers });
    expect(list.body).not.toContain(secret);
    expect(list.json().find((listed: { id: number }) => listed.id === token.id)).toMatchObject({
      regionName: region.name,
      permissions: ['participation:read'],
    });
    const stored = await t.database.db.selectFrom('service_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
    const [created] = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'token.create')
      .where('entity_id', '=', String(token.id))
      .execute();
    expect(created.user_id).not.toBeNull();
    expect(JSON.stringify(created.details)).not.toContain(secret);
  });

  it('refuses a token it could not scope or that would outgrow its territory', async () => {
    const cases: Array<[object, string]> = [
      [{ regionId: 999999, permissions: ['participation:read'] }, 'unknown_region'],
      [{ municipalityId: 999999, permissions: ['participation:read'] }, 'unknown_municipality'],
      [{ regionId: otherRegion.id, municipalityId: null, permissions: [] }, 'invalid_request'],
      [{ municipalityId: null, permissions: ['participation:read', 'participation:read'] }, 'invalid_request'],
      [{ name: '   ', permissions: ['participation:read'] }, 'token_name_required'],
      [{ lifetimeDays: 0, permissions: ['participation:read'] }, 'invalid_request'],
    ];
    for (const [body, code] of cases) {
      const res = await create({ name: 'ИС', regionId: region.id, ...body });
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([400, code]);
    }
    const municipal = await create({ name: 'ИС района', regionId: region.id, municipalityId, permissions: ['participation:read', 'roster:import'] });
    expect(municipal.json()).toMatchObject({ statusCode: 400, code: 'token_permission_needs_region' });
    expect(municipal.json().message).toContain('roster:import');
    const foreignMunicipality = await create({ name: 'ИС', regionId: otherRegion.id, municipalityId, permissions: ['participation:read'] });
    expect(foreignMunicipality.json().code).toBe('unknown_municipality');
  });

  it('reads participation and changes data without a CSRF header, each use audited under the token', async () => {
    const { token, secret } = await newToken({ permissions: ['participation:read', 'roster:import', 'waves:manage'] });
    const participation = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation`, headers: bearer(secret) });
    expect(participation.statusCode, participation.body).toBe(200);
    expect(participation.headers['set-cookie']).toBeUndefined();
    const csv = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation.csv`, headers: bearer(secret) });
    expect([csv.statusCode, csv.headers['content-type']]).toEqual([200, expect.stringContaining('text/csv')]);

    const file = csvFile([RU_HEADERS, [region.name, 'Берёзовский район', `TOKEN-${token.id}`, 'МБОУ «Токенская СОШ»', 1, 10, 100, 90]]);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/admin/roster?filename=ris.csv',
      headers: bearer(secret, { 'content-type': 'text/csv' }),
      payload: file,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const wave = await t.app.inject({
      method: 'POST',
      url: '/api/admin/waves',
      headers: bearer(secret),
      payload: { regionId: region.id, title: 'Волна из ИС', modelId, firstDay: '2031-03-01', lastDay: '2031-03-20' },
    });
    expect(wave.statusCode, wave.body).toBe(201);

    const trail = await auditOf(token.id);
    expect(trail.map((entry) => [entry.action, entry.user_id])).toEqual([
      ['token.use', null],
      ['token.use', null],
      // The CSV left the system: recorded as an export under the token.
      ['export', null],
      ['token.use', null],
      ['roster.import', null],
      ['token.use', null],
      ['wave.create', null],
    ]);
    expect(trail[0].details).toMatchObject({ method: 'GET', route: '/api/waves/:waveId/participation' });
    expect(trail[2].details).toEqual({ kind: 'participation', format: 'csv' });
    const stored = await t.database.db.selectFrom('service_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored.last_used_at).not.toBeNull();
    const audit = await t.app.inject({ method: 'GET', url: '/api/admin/audit?entity=wave', headers: admin.headers });
    expect(audit.json().entries[0]).toMatchObject({ action: 'wave.create', userId: null, userName: null, tokenName: 'Региональная ИС' });
  });

  it('keeps a region token inside its region: rows of another region and its waves are refused, nothing is written', async () => {
    const { secret } = await newToken({ permissions: ['roster:import', 'waves:manage', 'participation:read'] });
    const before = await t.database.db
      .selectFrom('schools')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const file = csvFile([
      RU_HEADERS,
      [region.name, 'Берёзовский район', 'OWN-1', 'МБОУ «Своя СОШ»', 1, 10, 100, 90],
      [otherRegion.name, 'Чужой район', 'FOREIGN-1', 'МБОУ «Чужая СОШ»', 1, 10, 100, 90],
    ]);
    const imported = await t.app.inject({ method: 'POST', url: '/api/admin/roster', headers: bearer(secret, { 'content-type': 'text/csv' }), payload: file });
    expect(imported.json()).toMatchObject({ statusCode: 400, code: 'roster_invalid' });
    expect(imported.json().details.errors).toEqual([expect.objectContaining({ line: 3, code: 'region_out_of_scope', value: otherRegion.name })]);
    const after = await t.database.db
      .selectFrom('schools')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);

    const foreignWave = await t.app.inject({
      method: 'POST',
      url: '/api/admin/waves',
      headers: bearer(secret),
      payload: { regionId: otherRegion.id, title: 'Чужая волна', modelId, firstDay: '2031-03-01', lastDay: '2031-03-20' },
    });
    expect([foreignWave.statusCode, foreignWave.json().code]).toEqual([403, 'out_of_scope']);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/admin/waves/${foreignWaveId}`, headers: bearer(secret), payload: { title: 'Чужая' } });
    expect(patch.statusCode).toBe(403);
    const read = await t.app.inject({ method: 'GET', url: `/api/waves/${foreignWaveId}/participation`, headers: bearer(secret) });
    expect(read.statusCode).toBe(403);
  });

  it('a municipality token reads its municipality only', async () => {
    const { secret } = await newToken({ municipalityId, permissions: ['participation:read'] });
    const report = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation`, headers: bearer(secret) });
    expect(report.statusCode).toBe(200);
    const schools = report.json().schools as Array<{ municipalityId: number }>;
    expect(schools.length).toBeGreaterThan(0);
    expect(schools.every((school) => school.municipalityId === municipalityId)).toBe(true);
  });

  it('never opens what a person logs in for, and a cookie beside it lends it nothing', async () => {
    const { token, secret } = await newToken({ permissions: ['participation:read'] });
    for (const [method, url] of [
      ['GET', '/api/me'],
      ['GET', '/api/admin/accounts'],
      ['GET', '/api/admin/tokens'],
      ['POST', '/api/auth/logout'],
      ['GET', `/api/waves/${waveId}/profiles`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: bearer(secret, admin.headers) });
      expect([url, res.statusCode, res.json().code]).toEqual([url, 403, expect.stringMatching(/^token_(not_allowed|permission)$/)]);
    }
    const refusals = (await auditOf(token.id)).filter((entry) => entry.action === 'token.refused');
    expect(refusals.map((entry) => (entry.details as { reason: string }).reason)).toEqual([
      'token_not_allowed',
      'token_not_allowed',
      'token_not_allowed',
      'token_not_allowed',
      'token_permission',
    ]);
    const unknown = await t.app.inject({ method: 'GET', url: `/api/waves/${waveId}/participation`, headers: bearer('sk500_not-a-real-token') });
    expect([unknown.statusCode, unknown.json().code]).toEqual([401, 'token_invalid']);
  });

  it('stops working when revoked or expired, and says which', async () => {
    const revoked = await newToken({ permissions: ['participation:read'] });
    const url = `/api/waves/${waveId}/participation`;
    expect((await t.app.inject({ method: 'GET', url, headers: bearer(revoked.secret) })).statusCode).toBe(200);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/admin/tokens/${revoked.token.id}/revoke`, headers: admin.headers });
    expect(revoke.json()).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    const refused = await t.app.inject({ method: 'GET', url, headers: bearer(revoked.secret) });
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'token_revoked']);
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/tokens/${revoked.token.id}/revoke`, headers: admin.headers })).json().code).toBe(
      'token_already_revoked',
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/tokens/999999/revoke', headers: admin.headers })).statusCode).toBe(404);
    expect((await auditOf(revoked.token.id)).map((entry) => entry.action)).toEqual(['token.use', 'token.refused']);
    const revocation = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'token.revoke')
      .where('entity_id', '=', String(revoked.token.id))
      .executeTakeFirstOrThrow();
    expect(revocation.user_id).not.toBeNull();

    const expiring = await newToken({ permissions: ['participation:read'], lifetimeDays: 1 });
    await sql`update service_tokens set created_at = now() - interval '2 days', expires_at = now() - interval '1 second' where id = ${expiring.token.id}`.execute(
      t.database.db,
    );
    const expired = await t.app.inject({ method: 'GET', url, headers: bearer(expiring.secret) });
    expect([expired.statusCode, expired.json().code]).toEqual([401, 'token_expired']);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/admin/tokens', headers: admin.headers })).json();
    expect(listed.find((tk: { id: number }) => tk.id === expiring.token.id).state).toBe('expired');
  });

  it('holds each token to its own requests per minute', async () => {
    const slow = await newToken({ permissions: ['participation:read'], requestsPerMinute: 3 });
    const other = await newToken({ permissions: ['participation:read'] });
    const url = `/api/waves/${waveId}/participation`;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.app.inject({ method: 'GET', url, headers: bearer(slow.secret) })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.app.inject({ method: 'GET', url, headers: bearer(slow.secret) });
    expect(limited.json().code).toBe('token_rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url, headers: bearer(other.secret) })).statusCode).toBe(200);
  });
});
