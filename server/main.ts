import { anonymiseDisabledAccounts } from './admin/accounts/anonymise.js';
import { readConfig } from './config.js';
import { connectDatabase, StartRefusedError, type DatabaseHandle } from './db/connect.js';
import { notifyConsole, type Notify } from './db/embedded/notify.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { storeEveryVersion } from './risk-models/versions.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, findDemoLinks, seedDemo, shouldCreateDemo } from './demo/seed.js';
import { ensureAdmin } from './auth/accounts.js';
import { linkUrl } from './links/respondent-links.js';
import { pointsToLocalhost } from './links/public-url.js';
import { startRetentionTimer } from './retention/daily-timer.js';
import type { RetentionSteps } from './retention/apply.js';

const config = readConfig();
// The embedded database's guards report to the console until the app's log exists.
let notify: Notify = notifyConsole;
let database: DatabaseHandle;
try {
  database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embedded: { ...config.embedded, notify: (level, message, details) => notify(level, message, details) },
  });
} catch (error) {
  if (!(error instanceof StartRefusedError)) throw error;
  console.error(error.message);
  process.exit(1);
}
await migrateToLatest(database.db);

const { model, questionnaires } = await storeEveryVersion(database.db);

if (config.production) {
  console.log(`Production mode: plain http is redirected to ${config.publicUrl} or refused, demo data is never created.`);
}
// Demo data only ever goes into the embedded database, never into a real PostgreSQL installation, never in production.
if (await shouldCreateDemo(database.db, database.kind, config)) {
  console.log('Empty embedded database: creating the demo region (takes a few seconds)…');
  await seedDemo(database.db, model, questionnaires);
}
const demoLinks = database.kind === 'pglite' ? await findDemoLinks(database.db) : [];

if (config.admin) {
  try {
    if ((await ensureAdmin(database.db, config.admin.email, config.admin.password)) === 'created') {
      console.log(`Administrator ${config.admin.email} created from ADMIN_EMAIL.`);
    }
  } catch (error) {
    console.error((error as Error).message);
    await database.close();
    process.exit(1);
  }
}

// The steps other modules give the retention job (server/retention/apply.ts); the page's run and the timer share them.
const retentionSteps: RetentionSteps = { anonymiseDisabledAccounts };

const app = await buildApp({
  db: database.db,
  dbKind: database.kind,
  serveClient: true,
  publicUrl: config.publicUrl,
  production: config.production,
  trustProxy: config.trustProxy,
  storage: database.storage,
  pool: database.pool,
  listen: database.listen,
  metricsToken: config.metricsToken,
  logger: { level: config.logLevel },
  retentionSteps,
});
notify = (level, message, details) => app.log[level](details ?? {}, message);

const stopRetention = startRetentionTimer(database.db, database.kind, app.log, retentionSteps);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing requests in flight`);
    stopRetention();
    await app.close();
    await database.close();
    process.exit(0);
  });
}

await app.listen({ host: config.host, port: config.port });
if (pointsToLocalhost(config.publicUrl)) {
  app.log.warn(
    `PUBLIC_URL is ${process.env.PUBLIC_URL ? config.publicUrl : 'not set'}: respondent links and QR codes lead to ${config.publicUrl}, which only this machine opens`,
  );
}
const where = database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
console.log(`\nОпросы школ: ${config.publicUrl}  (${where})`);
if (demoLinks.length > 0) {
  console.log(`Демонстрационный регион. Ссылки для респондентов школы «${demoLinks[0].school}»:`);
  for (const link of demoLinks) console.log(`  ${link.role.padEnd(9)} ${linkUrl(config.publicUrl, link.token)}`);
  console.log(`Вход для школ и координаторов: ${config.publicUrl}/login  (пароль ${DEMO_PASSWORD})`);
  for (const email of DEMO_ACCOUNTS) console.log(`  ${email}`);
}
