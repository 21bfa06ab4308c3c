import { type Static, type TSchema, Type } from '@fastify/type-provider-typebox';
import { type FactorResult, FactorView, ProfileRoles } from '../scoring/profile-schema.js';
import { Instant, ModelRef, Nullable, perRole, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

/**
 * Response shapes of the profile routes: the handlers' types, the API docs and (one profile) the serializer.
 * The same shapes hold a profile as computed (every `n`) and as shown (`n` hidden below the minimum group).
 */
function profileShapes<F extends TSchema>(factor: F) {
  // `roles` are measured against expected − refused; `refused` shows how many refused, beside them (docs/methodology.md §3).
  const scored = { roles: ProfileRoles, refused: perRole(Type.Integer()), factors: Type.Array(factor) };
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
/** The shapes as computed, for the engine's side: a type only, nothing is validated against it. */
type Computed = ReturnType<typeof profileShapes<typeof FactorResult>>;

/**
 * While the wave's figures are withheld from the caller (docs/methodology.md §6 rule 2), the school's profile still
 * comes with its live participation (`roles`), so the team sees how many answered, but with no factor and with
 * the instant the figures will appear; `releasesAt` is null once they are out.
 */
export const SchoolProfileBody = Type.Object({ ...shown.school.properties, releasesAt: Nullable(Instant) });
export const WaveProfilesBody = shown.wave;

export type SchoolProfileBody = Static<typeof SchoolProfileBody>;
export type WaveProfilesBody = Static<typeof WaveProfilesBody>;
export type SchoolProfile = Static<Computed['school']>;
export type WaveProfiles = Static<Computed['wave']>;
