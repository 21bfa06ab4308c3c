import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { SchoolRef, WaveRef } from '../profiles/schemas.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Level = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('insufficient')]);

export const RegionPictureParams = Type.Object({ waveId: Type.Integer({ minimum: 1 }) });
export const RegionPictureQuery = Type.Object({ compareTo: Type.Optional(Type.Integer({ minimum: 1 })) });

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
  school: SchoolRef,
  /** One cell per factor, in the order of `factors`. */
  cells: Type.Array(Type.Object({ factorId: Type.String(), score: Nullable(Type.Number()), level: Level })),
  priorities: Type.Array(Type.String()),
  /** Against the compared wave; null when no wave is compared. */
  positiveChange: Nullable(Type.Boolean()),
});

export const RegionPicture = Type.Object({
  wave: WaveRef,
  model: Type.Object({ id: Type.String(), title: Type.String() }),
  factors: Type.Array(FactorSummary),
  schools: Type.Array(SchoolRow),
  dynamics: Nullable(
    Type.Object({
      earlier: WaveRef,
      later: WaveRef,
      schools: Type.Integer(),
      positive: Type.Integer(),
      /** positive / schools; null with no schools. */
      share: Nullable(Type.Number()),
      target: Type.Number(),
    }),
  ),
});
export type RegionPicture = Static<typeof RegionPicture>;
