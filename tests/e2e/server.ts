import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, CLIENT_DIST, type App } from '../../server/app.js';
import type { DatabaseKind } from '../../server/db/connect.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { fillOperator } from '../helpers/operator.js';

export interface E2eServer {
  app: App;
  database: TestDatabase;
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** The real app with the built client, listening on a random port over a fresh database. */
export async function startServer(kind: DatabaseKind = 'pglite'): Promise<E2eServer> {
  if (!existsSync(join(CLIENT_DIST, 'respond.html'))) {
    throw new Error(`${join(CLIENT_DIST, 'respond.html')} is missing: build the client first with \`npm run build\` (npm test does it for you)`);
  }
  const database = await openTestDatabase(kind);
  await fillOperator(database.db);
  const app = await buildApp({ db: database.db, dbKind: database.kind, serveClient: true });
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      app,
      database,
      url: address,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
}
