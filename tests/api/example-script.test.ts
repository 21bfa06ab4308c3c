import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { createAccount } from '../../server/auth/accounts.js';
import { createServiceToken } from '../../server/service-tokens/tokens.repository.js';
import { TEST_DATABASES, openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { newMunicipality, newRegion, newWave } from '../helpers/fixtures.js';
import { csvFile, RU_HEADERS } from '../fixtures/roster/files.js';

const SCRIPT = resolve(import.meta.dirname, '../../docs/examples/roster-and-participation.sh');
const run = promisify(execFile);

/** The documented example is run as a region's IT department would run it, against a listening server, so it stays true. */
describe.each(TEST_DATABASES)('the example integration script on %s', (kind) => {
  let database: TestDatabase;
  let app: App;
  let api: string;
  let folder: string;
  let region: { id: number; name: string };
  let waveId: number;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ db: database.db, dbKind: database.kind });
    api = await app.listen({ port: 0, host: '127.0.0.1' });
    folder = await mkdtemp(join(tmpdir(), 'integration-example-'));
    region = await newRegion(database.db);
    await newMunicipality(database.db, region.id, 'Озёрный район');
    // A wave still to open takes the schools the script loads.
    waveId = (await newWave(database.db, region.id, { opensInDays: 3, closesInDays: 30 })).id;
    const admin = await createAccount(database.db, { email: `admin-${Date.now()}@test.local`, role: 'admin' });
    token = (
      await createServiceToken(database.db, {
        name: 'Региональная ИС',
        regionId: region.id,
        municipalityId: null,
        permissions: ['roster:import', 'participation:read'],
        requestsPerMinute: 120,
        expiresAt: new Date(Date.now() + 86400_000),
        createdBy: admin.id,
      })
    ).secret;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const runScript = (file: string) => run('bash', [SCRIPT, file], { cwd: folder, env: { ...process.env, API: api, TOKEN: token, WAVE: String(waveId) } });

  it('loads the school list and downloads the participation with a token', async () => {
    const file = join(folder, 'школы.csv');
    await writeFile(
      file,
      csvFile([
        RU_HEADERS,
        [region.name, 'Озёрный район', 'EX-001', 'МБОУ «Озёрная СОШ»', 1, 14, 150, 130],
        [region.name, 'Озёрный район', 'EX-002', 'МКОУ «Лесная ООШ»', 1, 6, 40, 38],
      ]),
    );
    const { stdout } = await runScript(file);
    expect(JSON.parse(stdout.split('\n')[0])).toMatchObject({ rows: 2 });
    expect(JSON.parse(await readFile(join(folder, 'roster-preview.json'), 'utf8'))).toMatchObject({ rows: 2, errorCount: 0 });
    const participation = JSON.parse(await readFile(join(folder, `participation-${waveId}.json`), 'utf8'));
    expect(participation.schools.map((school: { name: string }) => school.name).sort()).toEqual(['МБОУ «Озёрная СОШ»', 'МКОУ «Лесная ООШ»']);
    expect(await readFile(join(folder, `participation-${waveId}.csv`), 'utf8')).toContain('Озёрная СОШ');
    const audit = await database.db.selectFrom('audit_log').select('action').where('token_id', 'is not', null).orderBy('id').execute();
    expect(audit.map((entry) => entry.action)).toEqual(['token.use', 'token.use', 'roster.import', 'token.use', 'token.use', 'export']);
  });

  it('stops at a refused file and shows the server’s reason', async () => {
    const file = join(folder, 'bad.csv');
    await writeFile(file, csvFile([RU_HEADERS, ['Другой регион', 'Район', 'EX-003', 'Школа', 1, 1, 1, 1]]));
    const failure = await runScript(file).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stdout).toContain('roster_invalid');
  });
});
