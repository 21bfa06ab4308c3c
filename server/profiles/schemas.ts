import { type Static, type TSchema, Type } from '@fastify/type-provider-typebox';
import { FactorResult, FactorView, ProfileRoles } from '../scoring/profile-schema.js';
import { ModelRef, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

/**
 * Response shapes of the profile routes: the handlers' types, the API docs and (one profile) the serializer.
 * The same shapes hold a profile as computed (every `n`) and as shown (`n` hidden below the minimum group).
 */
function profileShapes<F extends TSchema>(factor: F) {
  const scored = { roles: ProfileRoles, factors: Type.Array(factor) };
  return {
    school: Type.Object({ school: SchoolInMunicipality, wave: WaveTerms, model: ModelRef, ...scored }),
    wave: Type.Object({
      wave: WaveTerms,
      model: ModelRef,
      /** One per school of the wave's region in the caller's territory, schools without responses included. */
      profiles: Type.Array(Type.Object({ school: SchoolInMunicipality, ...scored })),
    }),
  };
}

const shown = profileShapes(FactorView);
const computed = profileShapes(FactorResult);

export const SchoolProfileBody = shown.school;
export const WaveProfilesBody = shown.wave;

export type SchoolProfileBody = Static<typeof SchoolProfileBody>;
export type WaveProfilesBody = Static<typeof WaveProfilesBody>;
export type SchoolProfile = Static<typeof computed.school>;
export type WaveProfiles = Static<typeof computed.wave>;
