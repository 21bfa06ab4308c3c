import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** A successful login: the last one becomes the previous one, which the person sees next. */
export async function recordLogin(db: Db, userId: number) {
  await db
    .updateTable('users')
    .set({ previous_login_at: sql`last_login_at`, last_login_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}
