import type { Db } from '../../server/db/connect.js';
import { wavesInRegion } from '../../server/db/waves-in-region.js';
import { DEMO_TEAM_SCHOOL } from '../../server/demo/roster.js';
import { schoolProfile } from '../../server/profiles/profiles.js';
import { findWaveSchool } from '../../server/territory/wave-roster.js';

/** The demo school team's profile in each wave, earliest first, scored the way the profile API scores it. */
export async function teamSchoolProfiles(db: Db) {
  const { id } = await db.selectFrom('schools').select('id').where('code', '=', DEMO_TEAM_SCHOOL.code).executeTakeFirstOrThrow();
  const waves = await wavesInRegion(db).orderBy('waves.opens_at').execute();
  return Promise.all(
    waves.map(async (wave) => {
      const school = await findWaveSchool(db, wave, id);
      if (!school) throw new Error(`${DEMO_TEAM_SCHOOL.code} is not part of wave ${wave.id}`);
      return schoolProfile(db, wave, school);
    }),
  );
}
