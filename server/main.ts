import { join } from 'node:path';
import { readConfig } from './config.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { loadQuestionnaires, SURVEYS_DIR } from './surveys/questionnaires.js';
import { loadModelFile } from './scoring/load-model.js';
import { storeModelVersion } from './risk-models/store.js';
import { isDatabaseEmpty, seedDemo } from './demo/seed.js';
import { ensureAdmin } from './auth/accounts.js';

const config = readConfig();
const database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(database.db);

const questionnaires = await loadQuestionnaires();
const modelFile = join(SURVEYS_DIR, 'risk-model.json');
const model = await loadModelFile(modelFile, SURVEYS_DIR);
await storeModelVersion(database.db, model, modelFile);

// Demo data only ever goes into the embedded database, never into a real PostgreSQL installation.
const demo = database.kind === 'pglite' && config.demo && (await isDatabaseEmpty(database.db))
  ? await seedDemo(database.db, model.id)
  : null;

if (config.admin && (await ensureAdmin(database.db, config.admin.email, config.admin.password)) === 'created') {
  console.log(`Administrator ${config.admin.email} created from ADMIN_EMAIL.`);
}

const app = await buildApp({
  db: database.db,
  dbKind: database.kind,
  questionnaires,
  serveClient: true,
  logger: { level: config.logLevel },
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing requests in flight`);
    await app.close();
    await database.close();
    process.exit(0);
  });
}

await app.listen({ host: config.host, port: config.port });
const where = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
console.log(`\nОпросы школ: ${config.publicUrl}  (${where})`);
if (demo) {
  console.log('Создан демонстрационный регион. Ссылки для респондентов (первая школа):');
  for (const link of demo.sampleLinks) console.log(`  ${link.role.padEnd(9)} ${config.publicUrl}/s/${link.token}`);
  console.log(`Демо-входы (пароль ${demo.accounts[0].password}):`);
  for (const account of demo.accounts) console.log(`  ${account.role.padEnd(12)} ${account.email}`);
}
