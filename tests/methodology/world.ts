import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../../server/db/connect.js';
import type { ResponseTable } from '../../server/db/schema.js';
import type { Role } from '../../server/shared/roles.js';
import type { AnswerMark } from '../../server/shared/rules/answer-marks.js';
import { ensureModel, newLink, newMunicipality, newRegion, newSchool, newWave } from '../helpers/fixtures.js';
import { V1_DIR } from '../profiles/world.js';

/**
 * A wave of the real default model whose answers are chosen so that every figure of the workbench can be worked
 * out by hand. 30 schools j = 0..29 with 11 students each (expected 11), and a 31st school with 6 students:
 * - student r = 0..9 of school j: s_bullying `often` for r < ⌊j/3⌋, else `no`; s_safe `sometimes` when
 *   (r + j) % 8 = 0, else `always`; s_like_school 1 + (j % 5) + (r % 3) − 1, bounded to 1..5;
 * - the 11th student of school j: s_bullying `dont_know`, s_safe `mostly`, s_like_school left empty;
 * - the 31st school's 6 students: `often`, `never`, 1 (a value on fewer than 10 answers: outside the percentiles);
 * - every principal: p_students_failing = j, p_students_total = 300; p_internet `fast`, `dont_know` for j < 10;
 * - 5 students of school 0 held back (not counted), answering the opposite of the others.
 */
export const SCHOOLS = 31;

export interface Seeded {
  regionId: number;
  waveId: number;
  modelId: string;
  schoolIds: number[];
  /** Per school, the student answers as stored (counted ones only). */
  students: Array<Array<Record<string, unknown>>>;
}

export function studentAnswers(j: number): Array<Record<string, unknown>> {
  if (j === 30) return Array.from({ length: 6 }, () => ({ s_bullying: 'often', s_safe: 'never', s_like_school: 1 }));
  const answers: Array<Record<string, unknown>> = Array.from({ length: 10 }, (_, r) => ({
    s_bullying: r < Math.floor(j / 3) ? 'often' : 'no',
    s_safe: (r + j) % 8 === 0 ? 'sometimes' : 'always',
    s_like_school: Math.min(5, Math.max(1, 1 + (j % 5) + (r % 3) - 1)),
  }));
  answers.push({ s_bullying: 'dont_know', s_safe: 'mostly' });
  return answers;
}

export async function seedWorld(db: Db, modelId = 'methodology-model'): Promise<Seeded> {
  const region = await newRegion(db);
  const municipality = await newMunicipality(db, region.id);
  // Worked out by hand with version 1 of the content, whose waves keep scoring so.
  await ensureModel(db, modelId, V1_DIR);
  const schoolIds: number[] = [];
  const students: Seeded['students'] = [];
  for (let j = 0; j < SCHOOLS; j++) {
    students.push(studentAnswers(j));
    schoolIds.push((await newSchool(db, municipality.id, { principal: 1, teacher: 10, student: students[j]!.length, parent: 90 })).id);
  }
  const wave = await newWave(db, region.id, { modelId });
  const rows: Insertable<ResponseTable>[] = [];
  for (let j = 0; j < SCHOOLS; j++) {
    const add = async (role: Role, answers: Array<Record<string, unknown>>, counted = true) => {
      const link = await newLink(db, wave.id, schoolIds[j]!, role);
      rows.push(
        ...answers.map((a) => ({
          wave_id: wave.id,
          school_id: schoolIds[j]!,
          role,
          link_id: link.id,
          client_key: randomUUID(),
          answers: JSON.stringify(a),
          counted,
          marks: counted ? [] : ['too_fast' as AnswerMark],
        })),
      );
    };
    await add('student', students[j]!);
    await add('principal', [{ p_students_failing: j, p_students_total: 300, p_internet: j < 10 ? 'dont_know' : 'fast' }]);
    if (j === 0)
      await add(
        'student',
        Array.from({ length: 5 }, () => ({ s_bullying: 'often', s_safe: 'never', s_like_school: 1 })),
        false,
      );
  }
  await db.insertInto('responses').values(rows).execute();
  return { regionId: region.id, waveId: wave.id, modelId, schoolIds, students };
}
