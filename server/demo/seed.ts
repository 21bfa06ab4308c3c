import { randomUUID } from 'node:crypto';
import type { Db, DatabaseKind } from '../db/connect.js';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import type { Insertable } from 'kysely';
import type { RiskModel } from '../scoring/model.js';
import type { Questionnaires } from '../surveys/questionnaires.js';
import { ROLES, type Role } from '../shared/roles.js';
import { newLinkToken } from '../shared/tokens.js';
import { dayOf, DEFAULT_TIME_ZONE, waveInstants } from '../shared/rules/zoned-days.js';
import { createAccount } from '../auth/accounts.js';
import { createServiceToken } from '../service-tokens/tokens.repository.js';
import { DEMO_MUNICIPALITIES, DEMO_REGION, DEMO_TEAM_SCHOOL, type DemoSchool } from './roster.js';
import { DEMO_CURATOR, seedProgrammes } from './programmes.js';
import { seedContext } from './context.js';
import { DEMO_SECURITY, seedAuditHistory } from './audit.js';
import { seedDemoOperator } from './operator.js';
import { seedPaperAnswers } from './paper.js';
import { indicatorsOf, rng, simulateAnswers, type Propensity } from './simulate.js';
import { seedRefusals } from './refusals.js';
import { storyOf } from './stories.js';

const DAY = 24 * 3600 * 1000;

/** Printed at every start of the demo, so it is no secret: the demo is for looking around, not for real data. */
export const DEMO_PASSWORD = 'demo-500plus';

export const DEMO_ACCOUNTS = ['admin@demo.local', 'region@demo.local', 'municipality@demo.local', 'school@demo.local', DEMO_CURATOR, DEMO_SECURITY];

/** The links of the demo's first school in the open wave, printed at every start of the demo. */
export async function findDemoLinks(db: Db) {
  return db
    .selectFrom('links')
    .innerJoin('schools', 'schools.id', 'links.school_id')
    .innerJoin('waves', 'waves.id', 'links.wave_id')
    .select(['schools.name as school', 'links.role', 'links.token'])
    .where('schools.code', '=', DEMO_TEAM_SCHOOL.code)
    .where('links.kind', '=', 'open')
    .where('links.revoked_at', 'is', null)
    .where('waves.closes_at', '>', new Date())
    .orderBy('waves.opens_at', 'desc')
    .limit(ROLES.length)
    .execute();
}

/**
 * Whether a start creates the demo region: only on an empty embedded database, and never in production, where
 * its accounts with a published password would be a way in (the demo flag is off there whatever DEMO says).
 */
export async function shouldCreateDemo(db: Db, kind: DatabaseKind, config: Pick<Config, 'demo' | 'production'>): Promise<boolean> {
  return kind === 'pglite' && config.demo && !config.production && (await isDatabaseEmpty(db));
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

interface DemoWave {
  id: number;
  opens: Date;
  until: Date;
  closed: boolean;
}

/** A wave of whole days of the demo region (Moscow time), counted from today: as an administrator would plan it. */
function demoDays(now: Date, first: number, last: number) {
  const day = (offset: number) => dayOf(new Date(now.getTime() + offset * DAY), DEFAULT_TIME_ZONE);
  const { opensAt, closesAt } = waveInstants(day(first), day(last), DEFAULT_TIME_ZONE);
  return { opens: opensAt, closes: closesAt };
}

/**
 * The demo region of the first start: three municipalities, twelve schools, two closed waves whose profiles are
 * released (entry and repeat) and a current open one whose figures wait for its close (docs/methodology.md §6),
 * links for every school × role, simulated responses, a demo account for each role, and what followed the entry
 * wave: priorities, antirisk programmes in every state, curators and their visits (programmes.ts), and each school's
 * context for 2025 and 2026 (context.ts).
 */
export async function seedDemo(db: Db, model: RiskModel, questionnaires: Questionnaires, now = new Date()): Promise<void> {
  const random = rng(500);
  // The open wave draws from its own sequence, so the closed waves' answers are the same as without it.
  const currentRandom = rng(501);
  return db.transaction().execute(async (trx) => {
    await seedDemoOperator(trx);
    const region = await trx.insertInto('regions').values({ name: DEMO_REGION }).returning('id').executeTakeFirstOrThrow();
    const ids: { firstMunicipality?: number; teamSchool?: number } = {};
    // The schools come before the waves: a school added after a wave opened is not part of it (migration 0013).
    const schools: { id: number; school: DemoSchool }[] = [];
    for (const municipality of DEMO_MUNICIPALITIES) {
      const m = await trx.insertInto('municipalities').values({ region_id: region.id, name: municipality.name }).returning('id').executeTakeFirstOrThrow();
      ids.firstMunicipality ??= m.id;
      for (const school of municipality.schools) {
        const row = await trx.insertInto('schools').values(schoolRow(m.id, school)).returning('id').executeTakeFirstOrThrow();
        if (school.code === DEMO_TEAM_SCHOOL.code) ids.teamSchool = row.id;
        schools.push({ id: row.id, school });
      }
    }

    await seedContext(trx, schools);

    const waveRows = [
      { title: 'Входное анкетирование', ...demoDays(now, -120, -91) },
      { title: 'Повторное анкетирование', ...demoDays(now, -40, -11) },
      { title: 'Итоговое анкетирование', ...demoDays(now, -7, 20) },
    ];
    const waves: DemoWave[] = [];
    for (const w of waveRows) {
      const row = await trx
        .insertInto('waves')
        .values({ region_id: region.id, title: w.title, opens_at: w.opens, closes_at: w.closes, target: 0.9, model_id: model.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      waves.push({ id: row.id, opens: w.opens, until: w.closes < now ? w.closes : now, closed: w.closes < now });
    }

    for (const [index, { id, school }] of schools.entries()) {
      const story = storyOf(school, index, random);
      for (const [w, wave] of waves.entries()) {
        const links = await trx
          .insertInto('links')
          .values(ROLES.map((role) => ({ wave_id: wave.id, school_id: id, role, token: newLinkToken() })))
          .returning(['id', 'role', 'token'])
          .execute();
        const responses = links.flatMap((link) =>
          simulateRole(link, id, wave, school, story.propensity[w], story.participation[w], model, questionnaires, w < 2 ? random : currentRandom),
        );
        for (let i = 0; i < responses.length; i += 500)
          await trx
            .insertInto('responses')
            .values(responses.slice(i, i + 500))
            .execute();
      }
    }

    const open = waves.find((w) => !w.closed);
    if (open)
      await seedRefusals(
        trx,
        open.id,
        schools.map((s) => s.id),
        ids.teamSchool,
      );

    const [admin, regional, municipal, school] = DEMO_ACCOUNTS;
    const accounts = [
      { email: admin, role: 'admin' as const, name: 'Администратор (демо)' },
      { email: regional, role: 'region' as const, name: 'Региональный координатор (демо)', regionId: region.id },
      { email: municipal, role: 'municipality' as const, name: 'Муниципальный координатор (демо)', municipalityId: ids.firstMunicipality },
      { email: school, role: 'school' as const, name: 'Команда школы (демо)', schoolId: ids.teamSchool },
      { email: DEMO_SECURITY, role: 'security' as const, name: 'Администратор безопасности (демо)' },
    ];
    const created = [];
    for (const account of accounts) created.push(await createAccount(trx, { ...account, password: DEMO_PASSWORD }));
    await seedPaperAnswers(trx, waves[2].id, created[0].id);
    // The tokens screen shows a token in use; its secret is thrown away, so nobody can call the API with it.
    await createServiceToken(trx, {
      name: 'Региональная система мониторинга (пример)',
      regionId: region.id,
      municipalityId: null,
      permissions: ['participation:read', 'profiles:read'],
      requestsPerMinute: 120,
      expiresAt: new Date(now.getTime() + 365 * DAY),
      createdBy: created[0].id,
    });
    await seedAuditHistory(trx, now, {
      adminId: created[0].id,
      regionalId: created[1].id,
      teamId: created[3].id,
      waveId: waves[waves.length - 1]!.id,
      schoolId: ids.teamSchool!,
    });
    await seedProgrammes(trx, {
      now,
      password: DEMO_PASSWORD,
      regionId: region.id,
      entryWaveId: waves[0].id,
      schools,
      coordinatorId: created[1].id,
      teamAccountId: created[3].id,
    });
  });
}

function schoolRow(municipalityId: number, s: DemoSchool) {
  return {
    municipality_id: municipalityId,
    code: s.code,
    name: s.name,
    expected_principal: 1,
    expected_teacher: s.teachers,
    expected_student: s.students,
    expected_parent: s.parents,
  };
}

const EXPECTED: Record<Role, (s: DemoSchool) => number> = {
  principal: () => 1,
  teacher: (s) => s.teachers,
  student: (s) => s.students,
  parent: (s) => s.parents,
};

function simulateRole(
  link: { id: number; role: Role },
  schoolId: number,
  wave: DemoWave,
  school: DemoSchool,
  propensity: Propensity,
  participation: number,
  model: RiskModel,
  questionnaires: Questionnaires,
  random: () => number,
): Array<Insertable<Database['responses']>> {
  const expected = EXPECTED[link.role](school);
  // Principals nearly always answer; a school short of the target is short of parents and students first.
  const rate = link.role === 'principal' ? (participation > 0.5 ? 1 : 0) : link.role === 'teacher' ? Math.min(1, participation + 0.1) : participation;
  const count = Math.round(expected * rate);
  const indicators = indicatorsOf(model, link.role, propensity);
  const facts = { students: school.students, teachers: school.teachers };
  const span = wave.until.getTime() - wave.opens.getTime();
  const { minSeconds } = questionnaires[link.role].counting;
  return Array.from({ length: count }, () => {
    const answers = JSON.stringify(simulateAnswers(questionnaires[link.role], indicators, facts, random));
    const submittedAt = new Date(wave.opens.getTime() + random() * span);
    // A few implausibly fast answers, as real waves have: a closed wave's were accepted by its coordinator, the open
    // wave's wait for a decision, so the coordinator's screen has something to show (docs/methodology.md §7).
    const duration = random() < 0.01 ? 20 + Math.floor(random() * 30) : 90 + Math.floor(random() * 360);
    const fast = duration < minSeconds;
    return {
      wave_id: wave.id,
      school_id: schoolId,
      role: link.role,
      link_id: link.id,
      client_key: randomUUID(),
      answers,
      submitted_at: submittedAt,
      duration_seconds: duration,
      marks: fast ? ['too_fast' as const] : [],
      review: fast && wave.closed ? ('accepted' as const) : null,
      counted: !fast || wave.closed,
    };
  });
}
