import { buildApp, type App, type AppDeps } from '../../server/app.js';
import type { DatabaseKind } from '../../server/db/connect.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { fillOperator } from './operator.js';

export interface TestApp {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole API on a fresh database of the given kind, driven with `app.inject`; `options` as a deployment would set them. */
export async function openTestApp(kind: DatabaseKind, options: Omit<Partial<AppDeps>, 'db' | 'dbKind'> = {}): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  await fillOperator(database.db);
  const app = await buildApp({ db: database.db, dbKind: database.kind, pool: database.pool, ...options });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
