import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle, type DatabaseKind } from '../../server/db/connect.js';
import { migrateToLatest } from '../../server/db/migrate.js';

/**
 * The databases every data test runs on: embedded PGlite always, and the real PostgreSQL when
 * TEST_DATABASE_URL is set (.ci/run sets it).
 */
export const TEST_DATABASES: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

export interface TestDatabase extends DatabaseHandle {
  /** PostgreSQL only: the schema this test file owns; null on PGlite. */
  schema: string | null;
}

/**
 * A fresh, migrated database: a new in-memory PGlite, or a new schema on PostgreSQL dropped at close.
 * `migrated: false` leaves it empty, for a test that runs the migrations itself.
 */
export async function openTestDatabase(kind: DatabaseKind, { migrated = true } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    if (!migrated) return { ...(await connectDatabase({ databaseUrl: null, dataDir: 'memory://' })), schema: null };
    const template = new Blob([await readFile(inject('pgliteTemplate'))]);
    const handle = await connectDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteTemplate: template });
    await migrateToLatest(handle.db);
    return { ...handle, schema: null };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  const handle = await connectDatabase({ databaseUrl: url, dataDir: '', schema, poolSize: 10 });
  if (migrated) await migrateToLatest(handle.db, schema);
  return {
    ...handle,
    schema,
    async close() {
      await handle.close();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}
