import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import type { Db } from '../server/db/connect.js';
import { createAccount } from '../server/auth/accounts.js';
import { storeMethodology } from '../server/risk-models/versions.js';
import { SURVEYS_DIR } from '../server/surveys/questionnaires.js';
import type { BenchRow } from './support.js';
import { timed, withBenchSchema } from './support.js';

const SCHOOLS = 3000;
const MEASURES = 5;
const PASSWORD = 'bench-password-1';

/**
 * A region of 3,000 schools in 30 municipalities after its entry wave: three priorities each, a programme per
 * priority in every state, five measures each (some overdue), a remark on every third programme, 30 curators of
 * 100 schools with four visits a school. Made in SQL; the overview reads only these tables and the wave's model.
 */
async function seed(db: Db) {
  const { model } = await storeMethodology(db, SURVEYS_DIR);
  await sql`insert into regions (name) values ('Бенчмарк')`.execute(db);
  await sql`insert into municipalities (region_id, name) select r.id, 'Район ' || g from regions r, generate_series(1, 30) g`.execute(db);
  await sql`
    insert into schools (municipality_id, code, name, expected_principal, expected_teacher, expected_student, expected_parent)
    select m.id, 'B-' || g, 'Школа № ' || g, 1, 30, 400, 350
    from generate_series(1, ${SCHOOLS}) g join municipalities m on m.name = 'Район ' || (1 + g % 30)`.execute(db);
  await sql`
    insert into waves (region_id, title, opens_at, closes_at, target, model_id)
    select id, 'Входное анкетирование', now() - interval '60 days', now() - interval '30 days', 0.9, ${model.id} from regions`.execute(db);
  await sql`
    insert into school_priorities (wave_id, school_id, position, factor_id)
    select w.id, s.id, p, 'R' || (1 + (s.id + p * 3) % 10) from waves w, schools s, generate_series(1, 3) p`.execute(db);
  await sql`
    insert into programmes (wave_id, school_id, factor_id, state, goal, tasks)
    select wave_id, school_id, factor_id, (array['draft','submitted','returned','approved'])[1 + (school_id + position) % 4], 'Цель', array['Задача']
    from school_priorities where (school_id + position) % 7 <> 0`.execute(db);
  await sql`
    insert into programme_measures (programme_id, position, action, deadline, responsible, expected_result, target_kind, target_ref, status)
    select p.id, m, 'Мероприятие ' || m, current_date + (m * 30 - 90), 'Заместитель директора', 'Результат', 'factor', p.factor_id,
      (array['planned','in_progress','done'])[1 + (p.id + m) % 3]
    from programmes p, generate_series(1, ${MEASURES}) m`.execute(db);
  await sql`insert into programme_remarks (programme_id, body) select id, 'Уточните сроки' from programmes where id % 3 = 0`.execute(db);
  await sql`
    insert into users (email, name, role, region_id)
    select 'curator-' || g || '@bench.local', 'Куратор ' || g, 'curator', r.id from regions r, generate_series(1, 30) g`.execute(db);
  await sql`
    insert into curator_schools (curator_id, school_id)
    select u.id, s.id from schools s join users u on u.email = 'curator-' || (1 + s.id % 30) || '@bench.local'`.execute(db);
  await sql`
    insert into curator_visits (school_id, curator_id, planned_on, made_on, kind, purpose)
    select c.school_id, c.curator_id, current_date + (v * 10 - 25), case when v <= 2 then current_date + (v * 10 - 25) end, 'consultation', 'Визит'
    from curator_schools c, generate_series(1, 4) v`.execute(db);
  await sql`vacuum analyze`.execute(db);
}

/**
 * The coordinator's «Программы школ» for a 3,000-school region, against the participation page of the same region in
 * the same run: the two screens a coordinator opens, served through the whole app as a regional account.
 */
export async function run(): Promise<BenchRow[]> {
  return withBenchSchema('programmes', undefined, async (db) => {
    await seed(db);
    const wave = await db.selectFrom('waves').select(['id', 'region_id']).executeTakeFirstOrThrow();
    await createAccount(db, { email: 'region@bench.local', password: PASSWORD, role: 'region', regionId: wave.region_id });
    const app = await buildApp({ db, dbKind: 'postgresql' });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'region@bench.local', password: PASSWORD } });
      const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
      const get = async (url: string) => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return res;
      };
      const schools = (await get(`/api/waves/${wave.id}/programmes/overview`)).json().schools.length;
      const overview = await timed(15, () => get(`/api/waves/${wave.id}/programmes/overview`));
      const participation = await timed(15, () => get(`/api/waves/${wave.id}/participation`));
      return [
        {
          name: `programmes overview, ${schools} schools`,
          value: overview,
          unit: 'ms',
          baseline: participation,
          note: 'median of 15, server time through the app; baseline: the participation page of the same region; no goal set yet',
        },
      ];
    } finally {
      await app.close();
    }
  });
}
