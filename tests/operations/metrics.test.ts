import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSION_RATE_LIMIT } from '../../server/respond/routes.js';
import { TEST_DATABASES } from '../helpers/database.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { newLink, newWave, newWorld } from '../helpers/fixtures.js';
import { countedAnswers, honestSubmission } from '../helpers/answers.js';
import { newLoggedInAccount } from '../helpers/auth.js';

const LOCAL = '127.0.0.1';
const scrape = (t: TestApp, headers: Record<string, string> = {}, remoteAddress = LOCAL) =>
  t.app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress });

/** The value of one series, found by its name and labels in Prometheus's text format; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((pair) => l.includes(pair)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe.each(TEST_DATABASES)('/metrics on %s', (kind) => {
  let t: TestApp;
  let tokens: string[];
  let text: string;

  beforeAll(async () => {
    t = await openTestApp(kind);
    const { db } = t.database;
    const world = await newWorld(db);
    const link = await newLink(db, world.wave.id, world.school.id, 'parent');
    const closed = await newLink(db, (await newWave(db, world.region.id, { opensInDays: -20, closesInDays: -1 })).id, world.school.id, 'parent');
    tokens = [link.token, closed.token];
    const admin = await newLoggedInAccount(t.app, db, { role: 'admin' });

    expect((await t.app.inject({ method: 'GET', url: '/api/admin/accounts', headers: admin.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/links/${link.token}` })).statusCode).toBe(200);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/links/${link.token}/responses`,
      payload: await honestSubmission(db, link, countedAnswers('parent')),
    });
    expect(accepted.statusCode).toBe(201);
    // One link's whole minute of submissions, all refused for the closed wave, and one more that the rate limit stops.
    const refusals: string[] = [];
    for (let i = 0; i <= SUBMISSION_RATE_LIMIT.max; i++) {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/links/${closed.token}/responses`,
        payload: { answers: countedAnswers('parent'), clientKey: randomUUID() },
      });
      refusals.push(refused.json().code ?? refused.statusCode);
    }
    expect(refusals.slice(0, -1).every((code) => code === 'wave_closed')).toBe(true);
    expect(refusals.at(-1)).toBe('rate_limited');
    expect((await t.app.inject({ method: 'GET', url: `/api/nothing/${link.token}` })).statusCode).toBe(404);

    const res = await scrape(t);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = res.body;
  });
  afterAll(() => t?.close());

  it('counts requests by route pattern and status, unmatched ones under one name', () => {
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/api/admin/accounts', status: '200' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/api/links/:token/responses', status: '201' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/api/links/:token/responses', status: '409' })).toBe(SUBMISSION_RATE_LIMIT.max);
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/api/links/:token/responses', status: '429' })).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/links/:token' })).toBe(1);
  });

  it('counts answers accepted and refused, by the code of the refusal', () => {
    expect(sample(text, 'survey_answers_total', { outcome: 'accepted' })).toBe(1);
    expect(sample(text, 'survey_answers_total', { outcome: 'wave_closed' })).toBe(SUBMISSION_RATE_LIMIT.max);
    expect(sample(text, 'survey_answers_total', { outcome: 'rate_limited' })).toBe(1);
    expect(text).toMatch(/^survey_batcher_queue_depth 0$/m);
  });

  it('never shows a link token, and reports the pool on PostgreSQL only, with the process figures', () => {
    for (const token of tokens) expect(text).not.toContain(token);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    if (kind === 'postgresql') {
      expect(text).toMatch(/^db_pool_total [1-9]\d*$/m);
      expect(text).toMatch(/^db_pool_idle \d+$/m);
      expect(text).toMatch(/^db_pool_waiting 0$/m);
    } else {
      expect(text).not.toContain('db_pool_');
    }
  });

  it('answers only this machine while METRICS_TOKEN is unset', async () => {
    expect((await scrape(t, {}, '::1')).statusCode).toBe(200);
    const remote = await scrape(t, {}, '203.0.113.7');
    expect(remote.statusCode).toBe(403);
    expect(remote.body).not.toContain('http_requests_total');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const token = 'a-long-random-metrics-token';

  beforeAll(async () => {
    t = await openTestApp('pglite', { metricsToken: token });
  });
  afterAll(() => t?.close());

  it('asks every scrape for the token, from this machine too', async () => {
    expect((await scrape(t)).statusCode).toBe(401);
    expect((await scrape(t, { authorization: 'Bearer wrong-token' })).statusCode).toBe(401);
    expect((await scrape(t, { authorization: `Bearer ${token}x` })).statusCode).toBe(401);
    const remote = await scrape(t, { authorization: `Bearer ${token}` }, '203.0.113.7');
    expect(remote.statusCode).toBe(200);
    expect(remote.body).toContain('# TYPE http_requests_total counter');
  });
});
