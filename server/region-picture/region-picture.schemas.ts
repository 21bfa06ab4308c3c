import { Type, type Static } from '@fastify/type-provider-typebox';
import { Id, Level, ModelRef, Nullable, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

/** The screen's municipality filter: the schools, the summary cards and the export follow it. */
const MunicipalityFilter = { municipalityId: Type.Optional(Id) };

export const RegionPictureQuery = Type.Object({ compareTo: Type.Optional(Id), ...MunicipalityFilter }, { additionalProperties: false });

export const ProfilesExportQuery = Type.Object(MunicipalityFilter, { additionalProperties: false });

/** The road maps' target: no less than 70% of schools with confirmed positive change. */
export const POSITIVE_CHANGE_TARGET = 0.7;

export const FactorSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** Schools at each level on this factor. */
  low: Type.Integer(),
  medium: Type.Integer(),
  high: Type.Integer(),
  insufficient: Type.Integer(),
  /** Schools that chose the factor as a priority in this wave. */
  prioritised: Type.Integer(),
});

export const SchoolRow = Type.Object({
  school: SchoolInMunicipality,
  /** One cell per factor, in the order of `factors`. */
  cells: Type.Array(Type.Object({ factorId: Type.String(), score: Nullable(Type.Number()), level: Level })),
  priorities: Type.Array(Type.String()),
  /** Against the compared wave; null when no wave is compared. */
  positiveChange: Nullable(Type.Boolean()),
});

export const RegionPicture = Type.Object({
  wave: WaveTerms,
  model: ModelRef,
  factors: Type.Array(FactorSummary),
  schools: Type.Array(SchoolRow),
  dynamics: Nullable(
    Type.Object({
      earlier: WaveTerms,
      later: WaveTerms,
      schools: Type.Integer(),
      positive: Type.Integer(),
      /** positive / schools; null with no schools. */
      share: Nullable(Type.Number()),
      target: Type.Number(),
    }),
  ),
});
export type RegionPicture = Static<typeof RegionPicture>;
