import { type Static, Type } from '@fastify/type-provider-typebox';
import { FactorResult, ProfileRoles } from '../scoring/profile-schema.js';
import { ModelRef, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

/** Response shapes of the profile routes: the handlers' types, the API docs and (one profile) the serializer. */

const Scored = { roles: ProfileRoles, factors: Type.Array(FactorResult) };

export const SchoolProfileBody = Type.Object({ school: SchoolInMunicipality, wave: WaveTerms, model: ModelRef, ...Scored });
export const WaveProfilesBody = Type.Object({
  wave: WaveTerms,
  model: ModelRef,
  /** One per school of the wave's region in the caller's territory, schools without responses included. */
  profiles: Type.Array(Type.Object({ school: SchoolInMunicipality, ...Scored })),
});

export type SchoolProfileBody = Static<typeof SchoolProfileBody>;
export type WaveProfilesBody = Static<typeof WaveProfilesBody>;
