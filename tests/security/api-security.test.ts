import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { createAccount } from '../../server/auth/accounts.js';
import { SUBMISSION_RATE_LIMIT } from '../../server/respond/routes.js';
import { redactUrl } from '../../server/security/logging.js';
import { loadQuestionnaires, type QuestionSpec } from '../../server/surveys/questionnaires.js';
import { login, newLoggedInAccount, TEST_PASSWORD } from '../helpers/auth.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { TEST_DATABASES, type TestDatabase } from '../helpers/database.js';
import { collectLogLines } from '../helpers/log-lines.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { countedAnswers } from '../helpers/answers.js';

const questionnaires = await loadQuestionnaires();
const parentSingle = [...questionnaires.parent.questions.values()].find((q) => q.type === 'single') as Extract<QuestionSpec, { type: 'single' }>;
const validAnswers = () => ({ ...countedAnswers('parent'), [parentSingle.name]: [...parentSingle.values][0] });

/** What a client must never see: SQL, table names, stack frames, file paths. */
const LEAK = /select |insert |update |relation|responses_|users_|syntax|\bat [\w.<>]+ \(|\.ts:\d|\.js:\d|node_modules|kysely|postgres|pglite/i;

describe.each(TEST_DATABASES)('API security on %s', (kind) => {
  let t: TestApp;
  let database: TestDatabase;
  let app: App;
  let logLines: string[];
  let world: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    const log = collectLogLines();
    logLines = log.lines;
    // The most talkative level: whatever any level would write is checked below.
    t = await openTestApp(kind, { logger: { level: 'trace', stream: log.stream } });
    ({ app, database } = t);
    world = await newWorld(database.db);
  });
  afterAll(() => t?.close());

  const submit = (token: string, body: unknown, remoteAddress = '10.1.1.1') =>
    app.inject({ method: 'POST', url: `/api/links/${token}/responses`, payload: body as object, remoteAddress });
  const responsesOf = async (linkId: number) =>
    Number(
      (
        await database.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('link_id', '=', linkId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('CSRF: a logged-in browser changes nothing without the page token', () => {
    it("refuses changes without the token, with a wrong one and with another session's one", async () => {
      const admin = await newLoggedInAccount(app, database.db, { role: 'admin' });
      const other = await newLoggedInAccount(app, database.db, { role: 'admin' });
      const attempts = [
        { method: 'POST', url: '/api/admin/accounts', payload: { email: `csrf-${randomUUID()}@test.local`, name: 'X', role: 'admin' } },
        { method: 'POST', url: '/api/admin/regions', payload: { name: `Регион ${randomUUID()}` } },
        { method: 'PATCH', url: `/api/admin/waves/${world.wave.id}`, payload: { title: 'Переименовано' } },
        { method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'a new password 123' } },
        { method: 'POST', url: '/api/auth/logout', payload: {} },
      ] as const;
      for (const attempt of attempts) {
        for (const token of [undefined, 'wrong-token', other.csrfToken]) {
          const headers: Record<string, string> = { cookie: admin.cookie };
          if (token) headers['x-csrf-token'] = token;
          const res = await app.inject({ ...attempt, headers });
          expect(res.statusCode, `${attempt.method} ${attempt.url} with ${token}`).toBe(403);
          expect(res.json()).toMatchObject({ code: 'csrf', message: expect.any(String) });
        }
      }
      // Nothing happened: the wave kept its title, the password and the session still work.
      const wave = await database.db.selectFrom('waves').select('title').where('id', '=', world.wave.id).executeTakeFirstOrThrow();
      expect(wave.title).toBe(world.wave.title);
      expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
      await login(app, admin.email);
    });

    it('refuses a cross-site form post carrying the cookie', async () => {
      const admin = await newLoggedInAccount(app, database.db, { role: 'admin' });
      const res = await app.inject({
        method: 'POST',
        url: '/api/admin/regions',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        payload: 'name=Evil',
      });
      expect(res.statusCode).toBe(403);
      expect(await database.db.selectFrom('regions').select('id').where('name', '=', 'Evil').executeTakeFirst()).toBeUndefined();
    });

    it('accepts the same change with the right token', async () => {
      const admin = await newLoggedInAccount(app, database.db, { role: 'admin' });
      const res = await app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin.headers, payload: { name: `Регион ${randomUUID()}` } });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('rate limits', () => {
    it('lets a whole school answer from one address, and stops a flood of one link', async () => {
      const flooded = await newLink(database.db, world.wave.id, world.school.id, 'parent');
      const neighbour = await newLink(database.db, world.wave.id, world.school.id, 'parent');
      const statuses: number[] = [];
      for (let i = 0; i < SUBMISSION_RATE_LIMIT.max; i++) {
        // Alternating addresses: the limit follows the link, not the address, so a school behind one NAT is one key.
        statuses.push((await submit(flooded.token, { answers: validAnswers(), clientKey: randomUUID() }, i % 2 ? '10.1.1.1' : '10.2.2.2')).statusCode);
      }
      expect(statuses.every((s) => s === 201)).toBe(true);
      const over = await submit(flooded.token, { answers: validAnswers(), clientKey: randomUUID() }, '10.3.3.3');
      expect(over.statusCode).toBe(429);
      expect(over.json().message).toMatch(/rate limit/i);
      expect(over.headers['retry-after']).toBeDefined();
      expect(await responsesOf(flooded.id)).toBe(SUBMISSION_RATE_LIMIT.max);
      // Another link of the same school from the same address is not affected.
      expect((await submit(neighbour.token, { answers: validAnswers(), clientKey: randomUUID() }, '10.1.1.1')).statusCode).toBe(201);
    });

    it('limits password guesses per account (the full sequence is in tests/auth) without locking out others', async () => {
      await createAccount(database.db, { email: 'guessed@test.local', password: TEST_PASSWORD, role: 'admin' });
      await createAccount(database.db, { email: 'bystander@test.local', password: TEST_PASSWORD, role: 'admin' });
      const guess = (email: string, password: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: '10.9.9.9' });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await guess('guessed@test.local', `guess ${i}`)).statusCode);
      expect(statuses.at(-1)).toBe(429);
      const blocked = await guess('guessed@test.local', TEST_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().message).toEqual(expect.any(String));
      expect((await guess('bystander@test.local', TEST_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('errors tell the client nothing about the inside', () => {
    it('answers a database failure with a plain 500: no SQL, no table, no stack', async () => {
      const link = await newLink(database.db, world.wave.id, world.school.id, 'parent');
      await sql`alter table responses rename to responses_gone`.execute(database.db);
      try {
        const res = await submit(link.token, { answers: validAnswers(), clientKey: randomUUID() });
        expect(res.statusCode).toBe(500);
        expect(Object.keys(res.json()).sort()).toEqual(['code', 'message', 'statusCode']);
        expect(res.json().code).toBe('internal');
        expect(res.body).not.toMatch(LEAK);
      } finally {
        await sql`alter table responses_gone rename to responses`.execute(database.db);
      }
      // The server kept the detail for its operators.
      expect(logLines.some((l) => l.includes('"level":50') && l.includes('relation'))).toBe(true);
    });

    it('answers malformed requests with a message and no internals', async () => {
      const link = await newLink(database.db, world.wave.id, world.school.id, 'parent');
      const bad = [
        await app.inject({
          method: 'POST',
          url: `/api/links/${link.token}/responses`,
          headers: { 'content-type': 'application/json' },
          payload: '{"answers": {',
        }),
        await app.inject({ method: 'POST', url: `/api/links/${link.token}/responses`, headers: { 'content-type': 'application/xml' }, payload: '<a/>' }),
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: '{"email": "a@b.c", "password": 1}',
        }),
        await app.inject({ method: 'GET', url: "/api/links/' or 1=1 --" }),
      ];
      for (const res of bad) {
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().message).toEqual(expect.any(String));
        expect(res.body).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d|\.js:\d|node_modules/);
      }
    });
  });

  describe('logs', () => {
    it('keep no answers, passwords, session cookies or link tokens', async () => {
      const link = await newLink(database.db, world.wave.id, world.school.id, 'parent');
      const secretPassword = `pw-${randomUUID()}`;
      const marker = `answer-${randomUUID()}`;
      const email = `logged-${randomUUID()}@test.local`;
      await createAccount(database.db, { email, password: secretPassword, role: 'admin' });
      logLines.length = 0;

      const answers = validAnswers();
      expect((await submit(link.token, { answers, clientKey: randomUUID() })).statusCode).toBe(201);
      // A refused answer is echoed to its sender, never to the log.
      expect((await submit(link.token, { answers: { [parentSingle.name]: marker }, clientKey: randomUUID() })).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: `/api/links/${link.token}` })).statusCode).toBe(200);
      const loggedIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: secretPassword } });
      expect(loggedIn.statusCode).toBe(200);
      const sid = loggedIn.cookies.find((c) => c.name === 'sid')!.value;
      const csrf = loggedIn.json().csrfToken as string;
      await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `sid=${sid}`, 'x-csrf-token': csrf } });
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: `${secretPassword}-wrong` } });

      const log = logLines.join('');
      expect(log).toContain('/api/links/[token]/responses');
      for (const secret of [secretPassword, marker, sid, csrf, link.token, JSON.stringify(answers)]) {
        expect(log).not.toContain(secret);
      }
    });

    it('redacts every kind of token in a path', () => {
      expect(redactUrl('/s/AbC_123-xyz')).toBe('/s/[token]');
      expect(redactUrl('/api/links/AbC_123/responses')).toBe('/api/links/[token]/responses');
      expect(redactUrl('/api/auth/invitations/abc?x=1')).toBe('/api/auth/invitations/[token]?x=1');
      expect(redactUrl('/api/admin/waves/3')).toBe('/api/admin/waves/3');
    });
  });
});
