import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { createAccount } from '../../server/auth/accounts.js';
import { createInvitation } from '../../server/auth/invitations.repository.js';
import { isRespondentRequest, redactUrl } from '../../server/security/logging.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { TEST_DATABASES, type TestDatabase } from '../helpers/database.js';
import { collectLogLines } from '../helpers/log-lines.js';
import { newLink, newWorld } from '../helpers/fixtures.js';
import { countedAnswers } from '../helpers/answers.js';

const RESPONDENT_ADDRESS = '198.51.100.23';
const STAFF_ADDRESS = '203.0.113.41';

/** Every spelling of a token-bearing path that the server or a browser reads as the canonical one. */
const respondentSpellings = (t: string) => [
  `/s/${t}`,
  `//s/${t}`,
  `/S/${t}`,
  `/s/${t}/`,
  `/s/${t}?from=qr`,
  `/s/./${t}`,
  `/x/../s/${t}`,
  `/%73/${t}`,
  `/%2573/${t}`,
  `/s%2F${t}`,
  `/c/${t}`,
  `/C/${t}`,
  `/api/links/${t}`,
  `/api/%6cinks/${t}`,
  `/API/LINKS/${t}`,
  `//api//links/${t}`,
  `/wrong/place/${t}`,
];
const invitationSpellings = (t: string) => [
  `/invite/${t}`,
  `//invite/${t}`,
  `/Invite/${t}`,
  `/%69nvite/${t}`,
  `/api/auth/invitations/${t}`,
  `/api/auth/%69nvitations/${t}`,
  `/api//auth/invitations/${t}`,
];

describe.each(TEST_DATABASES)('logs on %s', (kind) => {
  let t: TestApp;
  let database: TestDatabase;
  let app: App;
  let lines: string[];
  let world: Awaited<ReturnType<typeof newWorld>>;

  beforeAll(async () => {
    const log = collectLogLines();
    lines = log.lines;
    t = await openTestApp(kind, { logger: { level: 'trace', stream: log.stream } });
    ({ app, database } = t);
    world = await newWorld(database.db);
  });
  afterAll(() => t?.close());

  /** The log lines one request wrote. */
  async function logOf(method: 'GET' | 'POST', url: string, remoteAddress: string, payload?: object) {
    lines.length = 0;
    await app.inject({ method, url, remoteAddress, payload });
    expect(lines.length, `${method} ${url} is logged`).toBeGreaterThan(0);
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('never shows a link token, however the path is spelled', async () => {
    const link = await newLink(database.db, world.wave.id, world.school.id, 'teacher');
    for (const url of respondentSpellings(link.token)) {
      const log = JSON.stringify(await logOf('GET', url, RESPONDENT_ADDRESS));
      expect(log, url).not.toContain(link.token);
    }
    const log = JSON.stringify(
      await logOf('POST', `/api/%6cinks/${link.token}/responses`, RESPONDENT_ADDRESS, { answers: countedAnswers('teacher'), clientKey: randomUUID() }),
    );
    expect(log).toContain('/api/links/[token]/responses');
    expect(log).not.toContain(link.token);
  });

  it('never shows an invitation, so a reader of the logs cannot become an administrator', async () => {
    const admin = await createAccount(database.db, { email: `invited-${randomUUID()}@test.local`, role: 'admin' });
    const token = await createInvitation(database.db, admin.id);
    for (const url of invitationSpellings(token)) {
      const log = JSON.stringify(await logOf('GET', url, STAFF_ADDRESS));
      expect(log, url).not.toContain(token);
    }
    const log = JSON.stringify(await logOf('POST', `/api/auth/invitations/${token}`, STAFF_ADDRESS, { password: 'a long enough password' }));
    expect(log).toContain('/api/auth/invitations/[token]');
    expect(log).not.toContain(token);
  });

  it('never shows a service token, used right or wrong', async () => {
    const secret = `sk500_${randomUUID()}`;
    for (const url of [`/api/waves/${world.wave.id}/participation`, '/api/admin/accounts', `/api/waves?token=${secret}`]) {
      lines.length = 0;
      await app.inject({ method: 'GET', url, remoteAddress: STAFF_ADDRESS, headers: { authorization: `Bearer ${secret}` } });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n'), url).not.toContain(secret);
    }
  });

  it("keeps no respondent's address, and only the minute of their requests", async () => {
    const link = await newLink(database.db, world.wave.id, world.school.id, 'parent');
    const requests: Array<['GET' | 'POST', string, object?]> = [
      ['GET', `/s/${link.token}`],
      ['GET', `/c/${link.token}`],
      ['GET', '/assets/respond-D3kX9aQp.js'],
      ['GET', `/api/links/${link.token}`],
      ['POST', `/api/links/${link.token}/responses`, { answers: countedAnswers('parent'), clientKey: randomUUID() }],
      ['POST', `/api/links/${link.token}/responses`, { answers: { nonsense: 1 }, clientKey: randomUUID() }],
    ];
    for (const [method, url, payload] of requests) {
      const entries = await logOf(method, url, RESPONDENT_ADDRESS, payload);
      expect(JSON.stringify(entries), url).not.toContain(RESPONDENT_ADDRESS);
      for (const entry of entries) {
        expect(entry.time, `${url}: ${entry.msg}`).toEqual(expect.any(Number));
        expect((entry.time as number) % 60_000, `${url}: ${entry.msg} is stamped to the minute`).toBe(0);
      }
    }
  });

  it('keeps the address of staff API calls, to trace abuse of logins', async () => {
    const entries = await logOf('POST', '/api/auth/login', STAFF_ADDRESS, { email: 'nobody@test.local', password: 'wrong password' });
    expect(entries.find((e) => e.msg === 'incoming request')).toMatchObject({ req: { url: '/api/auth/login', remoteAddress: STAFF_ADDRESS } });
  });
});

describe('what a log line may show of a URL', () => {
  const token = 'Qm9uam91ci1sZS1tb25kZQ';

  it('reads every spelling of a token path as the path it names', () => {
    for (const url of respondentSpellings(token)) expect(redactUrl(url), url).not.toContain(token);
    for (const url of invitationSpellings(token)) expect(redactUrl(url), url).not.toContain(token);
    expect(redactUrl(`//s/${token}`)).toBe('/s/[token]');
    expect(redactUrl(`/S/${token}`)).toBe('/S/[token]');
    expect(redactUrl(`/api/%6cinks/${token}/responses`)).toBe('/api/links/[token]/responses');
    expect(redactUrl(`http://evil.example/s/${token}`)).toBe('/s/[token]');
    expect(redactUrl('/x/%252525252541')).toBe('[undecodable url]');
  });

  it('hides a short or mistyped token after a credential prefix, and secrets in a query', () => {
    expect(redactUrl('/s/abc')).toBe('/s/[token]');
    expect(redactUrl(`/api/admin/roster?filename=${token}.csv`)).toBe('/api/admin/roster?filename=[token].csv');
    expect(redactUrl(`/assets/${token}`)).toBe('/assets/[token]');
  });

  it('keeps the paths of the staff API and of built assets readable', () => {
    expect(redactUrl('/api/waves/3/schools/12/explanations')).toBe('/api/waves/3/schools/12/explanations');
    expect(redactUrl('/api/admin/roster/preview')).toBe('/api/admin/roster/preview');
    expect(redactUrl('/assets/SurveyScreen-D3kX9aQp.js')).toBe('/assets/SurveyScreen-D3kX9aQp.js');
  });

  it('treats everything but the staff API as a respondent request', () => {
    for (const url of ['/s/x', '//api/links/x', '/API/%6cinks/x', '/assets/a.js', '/', '/login', '/invite/x']) expect(isRespondentRequest(url), url).toBe(true);
    for (const url of ['/api/auth/login', '/api/me', '/api/health', '/api/auth/invitations/x']) expect(isRespondentRequest(url), url).toBe(false);
  });
});
