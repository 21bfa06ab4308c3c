import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.js';
import { FAILED_LOGINS_PER_ACCOUNT } from '../../server/auth/failed-logins.js';
import { freePort, newServerStore, request, startServerProcess, type ServerProcess, type ServerStore } from '../durability/server-process.js';

/**
 * Two server processes on one PostgreSQL, as a region runs them behind a reverse proxy: a limit counts the attempts
 * made through either, and a restart forgets none of them (server/limits/).
 */
describe.runIf(process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  let store: ServerStore;
  const servers: ServerProcess[] = [];
  const email = 'twice@instances.test';

  beforeAll(async () => {
    store = await newServerStore('postgresql');
    const handle = await store.open();
    await createAccount(handle.db, { email, password: 'right password 1', role: 'admin' });
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
