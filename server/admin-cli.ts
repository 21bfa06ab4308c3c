import { parseArgs } from 'node:util';
import { readConfig } from './config.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { backupEmbedded, restoreEmbedded } from './db/embedded/backup.js';
import { ensureAdmin } from './auth/accounts.js';
import { createInvitation } from './auth/invitations.repository.js';
import { findUserByEmail } from './auth/users.repository.js';

const USAGE = `Usage:
  npm run admin -- create-admin --email admin@example.org --password 'at least 8 characters'
  npm run admin -- invite --email person@example.org     (a new one-time link to set the password)
  npm run admin -- backup --file survey-backup.tar.gz     (embedded database only)
  npm run admin -- restore --file survey-backup.tar.gz [--replace]
                                                          (embedded only; --replace moves the current DATA_DIR aside)
Uses DATABASE_URL / DATA_DIR like the server. On the embedded database, stop the server first (PGlite is single-process).
On PostgreSQL, back up with pg_dump and restore with pg_restore (README, «Backup and restore»).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, password: { type: 'string' }, file: { type: 'string' }, replace: { type: 'boolean' } },
});

const config = readConfig();
const command = positionals[0] ?? '';
if (['backup', 'restore'].includes(command)) {
  if (!values.file) {
    console.error(USAGE);
    process.exit(2);
  }
  if (config.databaseUrl) {
    console.error(`DATABASE_URL is set: ${command} is for the embedded database. On PostgreSQL use pg_dump and pg_restore (README, «Backup and restore»).`);
    process.exit(1);
  }
  console.log(`The server must be stopped while the ${command} runs (DATA_DIR ${config.dataDir}).`);
  try {
    if (command === 'backup') {
      const { bytes } = await backupEmbedded(config.dataDir, values.file);
      console.log(`Backed up to ${values.file} (${bytes} bytes).`);
    } else {
      const { movedAside } = await restoreEmbedded(values.file, config.dataDir, { replace: values.replace });
      if (movedAside) console.log(`The previous database was moved to ${movedAside}; delete it once the restore is checked.`);
      console.log(`Restored ${values.file} into ${config.dataDir}; it opens and is migrated.`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
} else {
  if (!values.email || !['create-admin', 'invite'].includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const database = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, embedded: config.embedded });
  try {
    await migrateToLatest(database.db);
    if (command === 'create-admin') {
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
}
