import { parseArgs } from 'node:util';
import { readConfig } from './config.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureAdmin } from './auth/accounts.js';
import { createInvitation } from './auth/invitations.repository.js';
import { findUserByEmail } from './auth/users.repository.js';

const USAGE = `Usage:
  npm run admin -- create-admin --email admin@example.org --password 'at least 8 characters'
  npm run admin -- invite --email person@example.org     (a new one-time link to set the password)
Uses DATABASE_URL / DATA_DIR like the server. On the embedded database, stop the server first (PGlite is single-process).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, password: { type: 'string' } },
});

const config = readConfig();
if (!values.email || !['create-admin', 'invite'].includes(positionals[0] ?? '')) {
  console.error(USAGE);
  process.exit(2);
}
const database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, embedded: config.embedded });
try {
  await migrateToLatest(database.db);
  if (positionals[0] === 'create-admin') {
    if (!values.password) throw new Error('--password is required');
    const result = await ensureAdmin(database.db, values.email, values.password);
    console.log(result === 'created' ? `Administrator ${values.email} created.` : `An account ${values.email} already exists; nothing changed.`);
  } else {
    const user = await findUserByEmail(database.db, values.email);
    if (!user) throw new Error(`No account ${values.email}`);
    console.log(`${config.publicUrl}/invite/${await createInvitation(database.db, user.id)}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
