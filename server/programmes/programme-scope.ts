import type { Db } from '../db/connect.js';
import { notFound } from '../shared/errors.js';
import { assertSchoolInScope, assertWaveVisible } from '../territory/assert.js';
import type { Caller } from '../territory/scope.js';
import { findProgramme, lockProgramme } from './programmes.repository.js';

/**
 * The programme and its wave, when the caller may see the programme's school: 404 for no such programme, 403 for
 * one of a school outside the caller's reach (a curator's other schools, another region). With `trx`, the row is
 * locked for the change that follows.
 */
export async function programmeInScope(db: Db, caller: Caller, programmeId: number, lock = false) {
  const programme = lock ? await lockProgramme(db, programmeId) : await findProgramme(db, programmeId);
  if (!programme) throw notFound('programme_not_found', `No programme ${programmeId}`);
  await assertSchoolInScope(db, caller, programme.school_id);
  const wave = await assertWaveVisible(db, caller, programme.wave_id);
  return { programme, wave };
}
