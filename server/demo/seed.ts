import type { Db } from '../db/connect.js';
import { ROLES } from '../shared/roles.js';
import { newLinkToken } from '../shared/tokens.js';
import { createAccount } from '../auth/accounts.js';
import { DEMO_MUNICIPALITIES, DEMO_REGION } from './roster.js';

const DAY = 24 * 3600 * 1000;

export interface DemoSummary {
  regionId: number;
  waveId: number;
  /** A few links to print at start: school name, role and token. */
  sampleLinks: Array<{ school: string; role: string; token: string }>;
  accounts: Array<{ email: string; role: string; password: string }>;
}

/** Printed at every start of the demo, so it is no secret: the demo is for looking around, not for real data. */
export const DEMO_PASSWORD = 'demo-500plus';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Creates the demo region with an open wave and a link for every school × role, in one transaction. */
export async function seedDemo(db: Db, modelId: string, now = new Date()): Promise<DemoSummary> {
  return db.transaction().execute(async (trx) => {
    const region = await trx.insertInto('regions').values({ name: DEMO_REGION }).returning('id').executeTakeFirstOrThrow();
    const wave = await trx
      .insertInto('waves')
      .values({
        region_id: region.id,
        title: 'Входное анкетирование, весна',
        opens_at: new Date(now.getTime() - 7 * DAY),
        closes_at: new Date(now.getTime() + 21 * DAY),
        target: 0.9,
        model_id: modelId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const sampleLinks: DemoSummary['sampleLinks'] = [];
    const firstIds: { municipalityId?: number; schoolId?: number } = {};
    for (const municipality of DEMO_MUNICIPALITIES) {
      const m = await trx
        .insertInto('municipalities')
        .values({ region_id: region.id, name: municipality.name })
        .returning('id')
        .executeTakeFirstOrThrow();
      const schools = await trx
        .insertInto('schools')
        .values(
          municipality.schools.map((s) => ({
            municipality_id: m.id,
            code: s.code,
            name: s.name,
            expected_principal: 1,
            expected_teacher: s.teachers,
            expected_student: s.students,
            expected_parent: s.parents,
          })),
        )
        .returning(['id', 'name'])
        .execute();
      const links = schools.flatMap((school) =>
        ROLES.map((role) => ({ wave_id: wave.id, school_id: school.id, role, token: newLinkToken(), school: school.name })),
      );
      await trx.insertInto('links').values(links.map(({ school: _school, ...link }) => link)).execute();
      if (sampleLinks.length === 0) sampleLinks.push(...links.map((l) => ({ school: l.school, role: l.role, token: l.token })));
      firstIds.municipalityId ??= m.id;
      firstIds.schoolId ??= schools[0].id;
    }
    const accounts = [
      { email: 'admin@demo.local', role: 'admin' as const, name: 'Администратор (демо)' },
      { email: 'region@demo.local', role: 'region' as const, name: 'Региональный координатор (демо)', regionId: region.id },
      { email: 'municipality@demo.local', role: 'municipality' as const, name: 'Муниципальный координатор (демо)', municipalityId: firstIds.municipalityId },
      { email: 'school@demo.local', role: 'school' as const, name: 'Команда школы (демо)', schoolId: firstIds.schoolId },
    ];
    for (const account of accounts) await createAccount(trx, { ...account, password: DEMO_PASSWORD });
    return {
      regionId: region.id,
      waveId: wave.id,
      sampleLinks,
      accounts: accounts.map((a) => ({ email: a.email, role: a.role, password: DEMO_PASSWORD })),
    };
  });
}
