import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/connect.js';
import type { RiskModel } from '../../server/scoring/model.js';
import type { Role } from '../../server/shared/roles.js';
import { ensureQuestionnaires, newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { V1_DIR } from '../profiles/world.js';

/**
 * A small model over real questions of version 1 (surveys/archive/500plus-v1, the questionnaires the tests' server
 * is given), so every number of an explanation can be worked out by hand and the question texts come from them.
 *
 * F1: teacher share t_pc_access ∈ {no, no_internet} (w 1), teacher mean t_equipment 5 → 1 (w 1),
 *     principal choice p_internet (w 1), principal ratio p_vacancies / p_teachers_total 0 → 0.1 (w 2).
 * F2: student share s_safe ∈ {sometimes, never} (w 1), teacher share t_discipline = often (w 1).
 * F3: parent share pa_meetings ∈ {rarely, never} (w 1).
 */
export const HAND_MODEL: RiskModel = {
  id: 'hand-model',
  title: 'Модель для расчёта вручную',
  levels: { medium: 0.34, high: 0.67 },
  minRate: { principal: 1, teacher: 0.5, student: 0.5, parent: 0.3 },
  factors: [
    {
      id: 'F1',
      title: 'Оснащение',
      indicators: [
        { id: 'F1.pc', role: 'teacher', kind: 'share', question: 't_pc_access', values: ['no', 'no_internet'], best: 0, worst: 1, weight: 1 },
        { id: 'F1.equipment', role: 'teacher', kind: 'mean', question: 't_equipment', best: 5, worst: 1, weight: 1 },
        { id: 'F1.internet', role: 'principal', kind: 'choice', question: 'p_internet', risk: { none: 1, slow: 0.6, medium: 0.2, fast: 0 }, weight: 1 },
        { id: 'F1.vacancies', role: 'principal', kind: 'ratio', numerator: 'p_vacancies', denominator: 'p_teachers_total', best: 0, worst: 0.1, weight: 2 },
      ],
    },
    {
      id: 'F2',
      title: 'Среда',
      indicators: [
        { id: 'F2.unsafe', role: 'student', kind: 'share', question: 's_safe', values: ['sometimes', 'never'], best: 0, worst: 1, weight: 1 },
        { id: 'F2.discipline', role: 'teacher', kind: 'share', question: 't_discipline', values: ['often'], best: 0, worst: 1, weight: 1 },
      ],
    },
    {
      id: 'F3',
      title: 'Родители',
      indicators: [{ id: 'F3.meetings', role: 'parent', kind: 'share', question: 'pa_meetings', values: ['rarely', 'never'], best: 0, worst: 1, weight: 1 }],
    },
  ],
};

export async function storeHandModel(db: Db) {
  await db
    .insertInto('risk_models')
    .values({ id: HAND_MODEL.id, title: HAND_MODEL.title, definition: JSON.stringify(HAND_MODEL), questionnaires_id: await ensureQuestionnaires(db, V1_DIR) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function addAnswers(db: Db, waveId: number, schoolId: number, role: Role, answers: Array<Record<string, unknown>>) {
  if (answers.length === 0) return;
  const link = await newLink(db, waveId, schoolId, role);
  await db
    .insertInto('responses')
    .values(answers.map((a) => ({ wave_id: waveId, school_id: schoolId, role, link_id: link.id, client_key: randomUUID(), answers: JSON.stringify(a) })))
    .execute();
}

const EXPECTED = { principal: 1, teacher: 8, student: 100, parent: 90 };

/**
 * Two waves of one region. School A (the one most tests look at), B next door in the same
 * municipality, C in another municipality. Each comment gives the numbers the tests expect.
 */
export async function handWorld(db: Db) {
  await storeHandModel(db);
  const region = await newRegion(db);
  const municipality = await newMunicipality(db, region.id);
  const otherMunicipality = await newMunicipality(db, region.id);
  const a = await newSchool(db, municipality.id, EXPECTED, 'Школа А');
  const b = await newSchool(db, municipality.id, EXPECTED, 'Школа Б');
  const c = await newSchool(db, otherMunicipality.id, EXPECTED, 'Школа В');
  const earlier = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: -120, closesInDays: -90, title: 'Весна' });
  // Both waves have closed, so their figures are released to every reader (docs/methodology.md §6 rule 2).
  const later = await newWave(db, region.id, { modelId: HAND_MODEL.id, opensInDays: -30, closesInDays: -1, title: 'Осень' });

  // Later wave, school A. Teachers 5 of 8 (0.625 ≥ 0.5, and 5 of them: reportable), principal 1 of 1.
  //   F1.pc: 5 answered, 3 of them no/no_internet → value 3/5 = 0.6, risk 0.6, n 5 (distribution shown)
  //   F1.equipment: 4 answered (2, 1, 4, 3) → fewer than 5: missing (too-few-answers), n hidden from all but the admin
  //   F1.internet: slow → 0.6, n 1
  //   F1.vacancies: 3 / 20 = 0.15 → risk min(1, 0.15 / 0.1) = 1, n 1
  //   F1 score = (0.6 + 0.6 + 2·1) / (1 + 1 + 2) = 3.2 / 4 = 0.8, coverage 4/5 → high
  //   F2: students 0 of 100 → role-not-reportable; t_discipline nobody answered → no-answers; coverage 0 → insufficient
  await addAnswers(db, later.id, a.id, 'teacher', [
    { t_pc_access: 'no', t_equipment: 2 },
    { t_pc_access: 'no_internet', t_equipment: 1 },
    { t_pc_access: 'yes', t_equipment: 4 },
    { t_pc_access: 'yes' },
    { t_pc_access: 'no', t_equipment: 3 },
  ]);
  await addAnswers(db, later.id, a.id, 'principal', [{ p_internet: 'slow', p_vacancies: 3, p_teachers_total: 20 }]);

  // Later wave, school B: 4 teachers of 8 (rate 0.5, but fewer than 5: not reportable), all "no" → F1.pc missing, n 4.
  await addAnswers(db, later.id, b.id, 'teacher', [{ t_pc_access: 'no' }, { t_pc_access: 'no' }, { t_pc_access: 'no' }, { t_pc_access: 'no' }]);

  // Earlier wave, school A: internet none (1), vacancies 3/20 (1), 5 teachers all "no" (1) with equipment 1 (1):
  //   F1 = (1 + 1 + 1 + 2) / 5 = 1 → high. Later 0.8, still high: delta −0.2, no level change.
  await addAnswers(db, earlier.id, a.id, 'principal', [{ p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 }]);
  await addAnswers(
    db,
    earlier.id,
    a.id,
    'teacher',
    Array.from({ length: 5 }, () => ({ t_pc_access: 'no', t_equipment: 1 })),
  );

  // School C, principal only (teachers not reportable: coverage (1 + 2) / 5 = 0.6 ≥ 0.5).
  //   Earlier: none (1), 3/20 (1) → F1 = (1 + 2) / 3 = 1, high. Later: fast (0), 0/20 (0) → F1 = 0, low.
  //   Level change −2: positive change.
  await addAnswers(db, earlier.id, c.id, 'principal', [{ p_internet: 'none', p_vacancies: 3, p_teachers_total: 20 }]);
  await addAnswers(db, later.id, c.id, 'principal', [{ p_internet: 'fast', p_vacancies: 0, p_teachers_total: 20 }]);

  return { region, municipality, otherMunicipality, a, b, c, earlier, later };
}

export type HandWorld = Awaited<ReturnType<typeof handWorld>>;
