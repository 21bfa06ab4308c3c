import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { login, newLoggedInAccount, type LoggedIn } from '../helpers/auth.js';
import { newLink, newMunicipality, newProgramme, newRegion, newSchool, newWave } from '../helpers/fixtures.js';

type Session = LoggedIn & { email: string };

describe.each(TEST_DATABASES)('audit log on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let security: Session;
  let adminId: number;
  let securityId: number;
  let waveId: number;
  let schoolId: number;
  let programmeId: number;

  const db = () => t.database.db;
  const lastId = async () =>
    (
      await db()
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id ?? 0;
  const since = (id: number) => db().selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute();
  const get = (url: string, session: Session) => t.app.inject({ method: 'GET', url, headers: session.headers });

  beforeAll(async () => {
    t = await openTestApp(kind);
    const region = await newRegion(db());
    const municipality = await newMunicipality(db(), region.id);
    const school = await newSchool(db(), municipality.id, { parent: 10, teacher: 5, student: 20, principal: 1 });
    const wave = await newWave(db(), region.id);
    await newLink(db(), wave.id, school.id, 'parent');
    await newLink(db(), wave.id, school.id, 'student', 'code');
    waveId = wave.id;
    schoolId = school.id;
    programmeId = (await newProgramme(db(), wave.id, school.id)).id;
    admin = await newLoggedInAccount(t.app, db(), { role: 'admin' });
    security = await newLoggedInAccount(t.app, db(), { role: 'security' });
    const ids = await db().selectFrom('users').select(['id', 'email']).where('email', 'in', [admin.email, security.email]).execute();
    adminId = ids.find((u) => u.email === admin.email)!.id;
    securityId = ids.find((u) => u.email === security.email)!.id;
  });
  afterAll(() => t?.close());

  describe('what is recorded', () => {
    it('records a login with the account, and never the password', async () => {
      const before = await lastId();
      await login(t.app, admin.email);
      const rows = await since(before);
      expect(rows.map((r) => [r.action, r.entity, r.entity_id, r.user_id])).toEqual([['auth.login', 'user', String(adminId), adminId]]);
      expect(JSON.stringify(rows[0]!.details)).not.toContain('horse');
    });

    it('records failed logins by account id and reason, never by the address typed', async () => {
      const before = await lastId();
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: 'not the right one' } });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody-here@elsewhere.local', password: 'whatever 123' },
      });
      expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
      const rows = await since(before);
      expect(rows.map((r) => [r.action, r.entity_id, r.user_id, (r.details as { reason: string }).reason])).toEqual([
        ['auth.login_failed', String(adminId), null, 'wrong_password'],
        ['auth.login_failed', null, null, 'unknown_account'],
      ]);
      const text = JSON.stringify(rows);
      for (const secret of [admin.email, 'nobody-here', 'elsewhere', 'not the right one', 'whatever 123']) expect(text).not.toContain(secret);
    });

    it('records a logout', async () => {
      const session = await login(t.app, admin.email);
      const before = await lastId();
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
      expect(res.statusCode).toBe(200);
      expect((await since(before)).map((r) => [r.action, r.user_id])).toEqual([['auth.logout', adminId]]);
    });

    it('records every download and every view of links and codes, with what was taken', async () => {
      const cases: Array<[string, string, Record<string, unknown>]> = [
        [`/api/waves/${waveId}/participation.csv`, 'export', { kind: 'participation', format: 'csv' }],
        [`/api/waves/${waveId}/participation.xlsx`, 'export', { kind: 'participation', format: 'xlsx' }],
        [`/api/waves/${waveId}/programmes/overview.csv`, 'export', { kind: 'programmes_overview', format: 'csv' }],
        [`/api/programmes/${programmeId}/document.docx`, 'export', { kind: 'programme_document', format: 'docx', waveId, schoolId }],
        [`/api/admin/waves/${waveId}/links.csv`, 'export', { kind: 'wave_links', format: 'csv' }],
        [`/api/admin/waves/${waveId}/links.xlsx`, 'export', { kind: 'wave_links', format: 'xlsx' }],
        [`/api/admin/waves/${waveId}/links`, 'links.view', { kind: 'wave_links' }],
        [`/api/admin/waves/${waveId}/schools/${schoolId}/sheet`, 'links.view', { kind: 'qr_sheet', schoolId }],
        [`/api/admin/waves/${waveId}/schools/${schoolId}/codes?role=student`, 'links.view', { kind: 'codes', schoolId, role: 'student' }],
        [`/api/waves/${waveId}/schools/${schoolId}/links`, 'links.view', { kind: 'school_links', schoolId }],
        [`/api/waves/${waveId}/schools/${schoolId}/links/parent/qr.png`, 'links.view', { kind: 'qr_image', schoolId, role: 'parent' }],
      ];
      for (const [url, action, details] of cases) {
        const before = await lastId();
        const res = await get(url, admin);
        expect(res.statusCode, url).toBe(200);
        const rows = await since(before);
        expect(
          rows.map((r) => ({ action: r.action, userId: r.user_id, details: r.details })),
          url,
        ).toEqual([{ action, userId: adminId, details }]);
      }
    });

    it('records nothing for a download that is refused', async () => {
      const before = await lastId();
      expect((await get(`/api/waves/999999/participation.csv`, admin)).statusCode).toBe(404);
      expect(await since(before)).toEqual([]);
    });

    it('records each reading of the audit log, with its filters', async () => {
      const before = await lastId();
      expect((await get('/api/admin/audit?action=auth.login&limit=5', security)).statusCode).toBe(200);
      const rows = await since(before);
      expect(rows.map((r) => [r.action, r.entity, r.user_id, r.details])).toEqual([
        ['audit.view', 'audit_log', securityId, { action: 'auth.login', rows: expect.any(Number) }],
      ]);
    });
  });

  describe('append-only', () => {
    it('refuses UPDATE, DELETE and TRUNCATE through the application connection', async () => {
      const count = async () =>
        Number(
          (
            await db()
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const n = await count();
      await expect(db().updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
      await expect(db().deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
      // The purge's mark set by hand lets nothing younger than a year go.
      await expect(
        db()
          .transaction()
          .execute(async (trx) => {
            await sql`select set_config('audit_log.purge', 'on', true)`.execute(trx);
            await trx.deleteFrom('audit_log').execute();
          }),
      ).rejects.toThrow(/append-only/);
      expect(await count()).toBe(n);
      expect(await db().selectFrom('audit_log').select('id').where('action', '=', 'forged').execute()).toEqual([]);
    });

    it('lets the retention purge remove only rows older than a kept period of at least a year', async () => {
      await expect(sql`select audit_log_purge(interval '30 days')`.execute(db())).rejects.toThrow(/at least a year/);
      const old = await db()
        .insertInto('audit_log')
        .values({ at: new Date(Date.now() - 800 * 24 * 3600 * 1000), user_id: null, action: 'probe.old', entity: 'probe_purge', details: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db().insertInto('audit_log').values({ user_id: null, action: 'probe.new', entity: 'probe_purge', details: '{}' }).execute();
      const purged = await sql<{ n: string }>`select audit_log_purge(interval '2 years') as n`.execute(db());
      expect(Number(purged.rows[0]!.n)).toBe(1);
      const left = await db().selectFrom('audit_log').select(['id', 'action']).where('entity', '=', 'probe_purge').execute();
      expect(left.map((r) => r.action)).toEqual(['probe.new']);
      expect(left[0]!.id).not.toBe(old.id);
    });
  });

  describe('filters, paging and CSV', () => {
    // Four entries of their own entity; the region's zone is Moscow (UTC+3), so 22:30 UTC of the 11th is the 12th there.
    beforeAll(async () => {
      const rows = [
        { at: '2030-01-10T10:00:00Z', action: 'wave.create', user_id: adminId, details: { title: 'Весна' } },
        { at: '2030-01-11T22:30:00Z', action: 'wave.create', user_id: adminId, details: { title: 'Лето' } },
        { at: '2030-01-12T12:00:00Z', action: 'wave.update', user_id: securityId, details: { title: 'Осень' } },
        { at: '2030-01-13T00:00:00Z', action: 'wave.create', user_id: null, details: { note: 'скидка 100%_x' } },
      ];
      for (const row of rows) {
        await db()
          .insertInto('audit_log')
          .values({ ...row, at: new Date(row.at), entity: 'probe', details: JSON.stringify(row.details) })
          .execute();
      }
    });

    const titles = async (query: string, session = admin) => {
      const res = await get(`/api/admin/audit?entity=probe&${query}`, session);
      expect(res.statusCode, query).toBe(200);
      return (res.json().entries as Array<{ details: { title?: string; note?: string } }>).map((e) => e.details.title ?? e.details.note);
    };

    it('narrows by period (days of the region), action, user and text', async () => {
      expect(await titles('')).toEqual(['скидка 100%_x', 'Осень', 'Лето', 'Весна']);
      expect(await titles('from=2030-01-12')).toEqual(['скидка 100%_x', 'Осень', 'Лето']);
      expect(await titles('to=2030-01-11')).toEqual(['Весна']);
      expect(await titles('from=2030-01-11&to=2030-01-12')).toEqual(['Осень', 'Лето']);
      expect(await titles('action=wave.create')).toEqual(['скидка 100%_x', 'Лето', 'Весна']);
      expect(await titles(`user=${encodeURIComponent(security.email.slice(0, 12).toUpperCase())}`)).toEqual(['Осень']);
      expect(await titles(`text=${encodeURIComponent('Весна')}`)).toEqual(['Весна']);
      // % and _ are letters here, not wildcards.
      expect(await titles(`text=${encodeURIComponent('0%_')}`)).toEqual(['скидка 100%_x']);
      expect(await titles(`text=${encodeURIComponent('%')}`)).toEqual(['скидка 100%_x']);
      expect(await titles('action=wave.create&to=2030-01-12')).toEqual(['Лето', 'Весна']);
    });

    it('pages by id within the filter', async () => {
      const first = (await get('/api/admin/audit?entity=probe&limit=3', admin)).json();
      expect(first.entries).toHaveLength(3);
      expect(first.nextBefore).toBe(first.entries[2].id);
      const second = (await get(`/api/admin/audit?entity=probe&limit=3&before=${first.nextBefore}`, admin)).json();
      expect(second.entries.map((e: { details: { title: string } }) => e.details.title)).toEqual(['Весна']);
      expect(second.nextBefore).toBeNull();
      expect(first.timeZone).toBe('Europe/Moscow');
    });

    it('refuses a malformed period', async () => {
      expect((await get('/api/admin/audit?from=2030-13-45', admin)).statusCode).toBe(400);
      expect((await get('/api/admin/audit?from=yesterday', admin)).statusCode).toBe(400);
    });

    it('exports the filtered log as CSV for Excel, in words, and records the export', async () => {
      const before = await lastId();
      const res = await get('/api/admin/audit.csv?entity=probe&action=wave.create', security);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const bytes = res.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('Журнал аудита;');
      expect(lines).toContain('Действие;Создана волна');
      expect(lines).toContain('Объект;probe');
      const header = lines.indexOf('№ записи;Когда;Кто;Действие;Объект;№ объекта;Подробности;Код действия');
      expect(header).toBeGreaterThan(0);
      const data = lines.slice(header + 1).filter((l) => l !== '');
      expect(data).toHaveLength(3);
      expect(data[2]).toMatch(/^\d+;10\.01\.2030, 13:00 \(Москва, GMT\+3\);[^;]+;Создана волна;probe;;Название: Весна;wave\.create$/);
      expect(data[0]).toContain(';система;');
      const rows = await since(before);
      expect(rows.map((r) => [r.action, r.user_id, r.details])).toEqual([
        ['export', securityId, { kind: 'audit_log', format: 'csv', entity: 'probe', action: 'wave.create', rows: 3 }],
      ]);
    });
  });

  describe('the security administrator', () => {
    it('reads and exports the audit log and nothing about schools', async () => {
      expect((await get('/api/admin/audit', security)).statusCode).toBe(200);
      expect((await get('/api/admin/audit.csv', security)).statusCode).toBe(200);
      expect((await get('/api/me', security)).json().user.role).toBe('security');
      for (const url of [
        '/api/admin/accounts',
        '/api/waves',
        `/api/waves/${waveId}/participation.csv`,
        `/api/admin/waves/${waveId}/links`,
        `/api/programmes/${programmeId}`,
      ]) {
        expect((await get(url, security)).statusCode, url).toBe(403);
      }
    });

    it('cannot be given a territory', async () => {
      await expect(
        db()
          .insertInto('users')
          .values({ email: 'sec-region@test.local', role: 'security', region_id: (await newRegion(db())).id })
          .execute(),
      ).rejects.toThrow(/users_scope_check/);
    });
  });
});
