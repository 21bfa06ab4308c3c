import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { FAILED_LOGINS_PER_ACCOUNT } from '../../server/auth/failed-logins.js';
import { loadQuestionnaires } from '../../server/surveys/questionnaires.js';
import { freePort, newServerStore, request, startServerProcess, type ServerProcess, type ServerStore } from '../durability/server-process.js';
import { newLink, newWorld } from '../helpers/fixtures.js';

const parentQuestions = [...(await loadQuestionnaires()).parent.questions.values()];
/** A parent's answer to every single-choice question: enough to count. */
const answers = Object.fromEntries(parentQuestions.filter((q) => q.type === 'single').map((q) => [q.name, [...q.values][0]]));

/** Signs in and returns the session cookie. */
function signIn(url: string, email: string, password: string): Promise<string> {
  return new Promise((done, fail) => {
    const body = JSON.stringify({ email, password });
    const req = http.request(`${url}/api/auth/login`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      res.resume();
      const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
      if (res.statusCode === 200) done(cookie);
      else fail(new Error(`login ${res.statusCode}`));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Opens a server-sent event stream and resolves with the first event named `name`. */
function firstEvent(url: string, path: string, cookie: string, name: string) {
  let req: http.ClientRequest;
  const opened = new Promise<void>((ready) => {
    req = http.get(`${url}${path}`, { agent: false, headers: { cookie, accept: 'text/event-stream' } });
    req.on('response', () => ready());
  });
  const event = new Promise<string>((done, fail) => {
    req!.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
        const found = text.split('\n\n').find((block) => block.startsWith(`event: ${name}`));
        if (found) done(found);
      });
    });
    req!.on('error', fail);
  });
  return { opened, event, close: () => req.destroy() };
}

/**
 * Two server processes on one PostgreSQL, as a region runs them behind a reverse proxy: a limit counts the attempts
 * made through either, and a restart forgets none of them (server/limits/).
 */
describe.runIf(process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  let store: ServerStore;
  const servers: ServerProcess[] = [];
  const email = 'twice@instances.test';
  const coordinator = 'region@instances.test';
  let waveId: number;
  let token: string;

  beforeAll(async () => {
    store = await newServerStore('postgresql');
    const handle = await store.open();
    await createAccount(handle.db, { email, password: 'right password 1', role: 'admin' });
    const world = await newWorld(handle.db);
    await createAccount(handle.db, { email: coordinator, password: 'right password 1', role: 'region', regionId: world.region.id });
    waveId = world.wave.id;
    token = (await newLink(handle.db, world.wave.id, world.school.id, 'parent')).token;
    await handle.close();
    servers.push(await startServerProcess(store, await freePort()), await startServerProcess(store, await freePort()));
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await store?.dispose();
  });

  it("shows an answer given through one instance live on the other's participation stream", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const cookie = await signIn(b.url, coordinator, 'right password 1');
    const stream = firstEvent(b.url, `/api/waves/${waveId}/participation/events`, cookie, 'changed');
    try {
      await stream.opened;
      // The stream reads its first version before it can tell a change: give it one poll.
      await new Promise((done) => setTimeout(done, 2500));
      const sent = await request(a.url, 'POST', `/api/links/${token}/responses`, { answers, clientKey: randomUUID(), durationSeconds: 300 });
      expect(sent.status).toBeLessThan(300);
      expect(await stream.event).toContain(`"waveId":${waveId}`);
    } finally {
      stream.close();
    }
  }, 60_000);

  const wrongLogin = (server: ServerProcess) => request(server.url, 'POST', '/api/auth/login', { email, password: 'wrong password' });

  it("refuses an account's logins once the failures through both together reach its limit, and after a restart", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const half = FAILED_LOGINS_PER_ACCOUNT.max / 2;
    for (let i = 0; i < half; i++) expect((await wrongLogin(a)).status).toBe(401);
    for (let i = 0; i < half; i++) expect((await wrongLogin(b)).status).toBe(401);
    // Each process alone has seen half of the limit; together they have seen all of it.
    for (const server of [a, b]) {
      const refused = await wrongLogin(server);
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'rate_limited' });
    }
    // So is the right password: the window is the account's from this address.
    expect((await request(b.url, 'POST', '/api/auth/login', { email, password: 'right password 1' })).status).toBe(429);

    a.child.kill('SIGTERM');
    await a.exited;
    const restarted = await startServerProcess(store, await freePort());
    servers[0] = restarted;
    expect((await wrongLogin(restarted)).status).toBe(429);
  }, 180_000);
});
