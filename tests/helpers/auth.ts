import type { App } from '../../server/app.js';
import type { Db } from '../../server/db/connect.js';
import { createAccount, type AccountSpec } from '../../server/auth/accounts.js';

export const TEST_PASSWORD = 'correct horse battery';

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for `inject`: the session cookie, and the CSRF token that changes need. */
  headers: Record<string, string>;
}

export async function login(app: App, email: string, password = TEST_PASSWORD): Promise<LoggedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'sid')!.value;
  const { csrfToken } = res.json();
  return { cookie: `sid=${sid}`, csrfToken, headers: { cookie: `sid=${sid}`, 'x-csrf-token': csrfToken } };
}

let accounts = 0;

/** An account with a known password, logged in. */
export async function newLoggedInAccount(app: App, db: Db, spec: Omit<AccountSpec, 'email' | 'password'>) {
  const email = `${spec.role}-${++accounts}-${Date.now()}@test.local`;
  await createAccount(db, { ...spec, email, password: TEST_PASSWORD });
  return { email, ...(await login(app, email)) };
}
