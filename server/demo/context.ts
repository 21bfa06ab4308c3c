import type { Kysely, Insertable } from 'kysely';
import type { AssessmentResultTable, Database, SchoolContextTable } from '../db/schema.js';
import { DEMO_MUNICIPALITIES, type DemoSchool } from './roster.js';
import { rng } from './simulate.js';

/** The two calendar years of the demo's context: the screens show a year and its change from the one before. */
export const DEMO_CONTEXT_YEARS = [2025, 2026] as const;

const tenth = (x: number) => Math.round(x * 10) / 10;
const hundredth = (x: number) => Math.round(x * 100) / 100;

/** The city's schools are urban; the districts' rural. */
const URBAN = new Set(DEMO_MUNICIPALITIES.filter((m) => m.name.startsWith('Город')).flatMap((m) => m.schools.map((s) => s.code)));
/** Basic schools (ООШ, «Основная») end at the 9th grade: no ЕГЭ. */
const hasUpperGrades = (school: DemoSchool) => !/ООШ|Основная/.test(school.name);

const VPR = (['Математика', 'Русский язык'] as const).flatMap((subject) => [5, 6, 7, 8].map((grade) => ({ procedure: 'vpr' as const, subject, grade })));
const OGE = ['Математика', 'Русский язык'].map((subject) => ({ procedure: 'oge' as const, subject, grade: 9 }));
const EGE = ['Русский язык', 'Математика (профильная)'].map((subject) => ({ procedure: 'ege' as const, subject, grade: 11 }));

/** Shares of «2»…«5» that add up to 100, and the mean mark they make. */
function marks(random: () => number, weakness: number) {
  const share2 = tenth(8 + weakness * 22 + random() * 6);
  const share5 = tenth(Math.max(1, 14 - weakness * 10 + random() * 4));
  const share4 = tenth(22 + random() * 12 - weakness * 6);
  const share3 = tenth(100 - share2 - share4 - share5);
  return {
    share_2: share2,
    share_3: share3,
    share_4: share4,
    share_5: share5,
    mean_score: hundredth((2 * share2 + 3 * share3 + 4 * share4 + 5 * share5) / 100),
  };
}

/**
 * The demo schools' context for two years (docs/methodology.md §12): the social index, urban or rural, students, and
 * ВПР (mathematics and Russian, grades 5–8), ОГЭ and ЕГЭ results. Deterministic: its own random sequence, so the
 * answers of the waves are the same with it or without it.
 */
export async function seedContext(trx: Kysely<Database>, schools: Array<{ id: number; school: DemoSchool }>) {
  const random = rng(502);
  const context: Array<Insertable<SchoolContextTable>> = [];
  const results: Array<Insertable<AssessmentResultTable>> = [];
  for (const { id, school } of schools) {
    const urban = URBAN.has(school.code);
    // A weaker school (0…1) has a lower social index and more «2»; the second year is a little better on average.
    const weakness = urban ? 0.2 + random() * 0.4 : 0.4 + random() * 0.6;
    for (const [y, year] of DEMO_CONTEXT_YEARS.entries()) {
      const lateness = y === 0 ? 0 : 0.08 * random();
      context.push({
        school_id: id,
        year,
        social_index: hundredth(0.6 - weakness * 1.4 + (y === 0 ? 0 : random() * 0.1)),
        settlement: urban ? 'urban' : 'rural',
        students: school.students - (y === 0 ? Math.round(random() * 30) - 10 : 0),
      });
      const perGrade = Math.max(4, Math.round(school.students / 8));
      const procedures = [...VPR, ...OGE, ...(hasUpperGrades(school) ? EGE : [])];
      for (const { procedure, subject, grade } of procedures) {
        const participants = Math.max(3, perGrade - Math.round(random() * perGrade * 0.15) - (procedure === 'ege' ? Math.round(perGrade / 2) : 0));
        if (procedure === 'ege') {
          results.push({
            school_id: id,
            year,
            procedure,
            subject,
            grade,
            participants,
            mean_score: tenth(70 - weakness * 25 + random() * 6 + y * 2),
            share_2: tenth(Math.max(0, weakness * 14 - random() * 4 - y * 2)),
          });
        } else {
          results.push({ school_id: id, year, procedure, subject, grade, participants, ...marks(random, Math.max(0, weakness - lateness)) });
        }
      }
    }
  }
  await trx.insertInto('school_context').values(context).execute();
  for (let i = 0; i < results.length; i += 500)
    await trx
      .insertInto('assessment_results')
      .values(results.slice(i, i + 500))
      .execute();
}
