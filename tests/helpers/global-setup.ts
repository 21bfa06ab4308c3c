import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { TestProject } from 'vitest/node';
import { inThisThread, PGliteDialect } from '../../server/db/pglite-dialect.js';
import { migrateToLatest } from '../../server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Creating and migrating a PGlite database takes seconds; done once here, every test file then starts
 * from a copy of this migrated database instead.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'pglite-template-'));
  const pglite = await PGlite.create('memory://');
  const db = new Kysely<any>({ dialect: new PGliteDialect(inThisThread(pglite)) });
  await migrateToLatest(db);
  const file = join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await db.destroy();
  project.provide('pgliteTemplate', file);
  return () => rm(dir, { recursive: true, force: true });
}
