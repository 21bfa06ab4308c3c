import type { Db } from '../db/connect.js';
import type { AccountRole } from '../db/schema.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { passwordProblem } from './common-passwords.js';

export interface AccountSpec {
  email: string;
  name?: string;
  role: AccountRole;
  regionId?: number | null;
  municipalityId?: number | null;
  schoolId?: number | null;
  password?: string;
}

/** The one spelling of an e-mail: accounts, logins and the login limiter all read `" Name@X "` and `name@x` (and both Unicode forms of `é`) as one. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export async function createAccount(db: Db, spec: AccountSpec) {
  if (spec.password !== undefined && spec.password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return db
    .insertInto('users')
    .values({
      email: normaliseEmail(spec.email),
      name: spec.name ?? '',
      role: spec.role,
      region_id: spec.role === 'region' || spec.role === 'curator' ? (spec.regionId ?? null) : null,
      municipality_id: spec.role === 'municipality' ? (spec.municipalityId ?? null) : null,
      school_id: spec.role === 'school' ? (spec.schoolId ?? null) : null,
      password_hash: spec.password ? await hashPassword(spec.password) : null,
    })
    .returning(['id', 'email', 'role'])
    .executeTakeFirstOrThrow();
}

/**
 * The first administrator from ADMIN_EMAIL/ADMIN_PASSWORD: created when absent, never overwritten. Its password
 * passes the same rules as one typed on the password page: the most powerful account is the last to get a weak one.
 */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<'created' | 'exists'> {
  const existing = await db.selectFrom('users').select('id').where('email', '=', normaliseEmail(email)).executeTakeFirst();
  if (existing) return 'exists';
  const problem = passwordProblem(password, email);
  if (problem === 'common_password') throw new Error("The administrator's password (ADMIN_PASSWORD) is among the most common passwords; choose another");
  if (problem === 'email_password') throw new Error("The administrator's password (ADMIN_PASSWORD) must not contain the name of the e-mail address");
  await createAccount(db, { email, password, role: 'admin', name: 'Администратор' });
  return 'created';
}
