import { Type, type Static } from '@fastify/type-provider-typebox';
import { INDICATOR_KINDS } from '../scoring/model.js';
import { ROLES } from '../shared/roles.js';

/**
 * Response shapes of the profile routes: they drive the serializer, the handlers' types and the API
 * docs. Nullable numbers and enums are written as `{ type, nullable }` and `{ type, enum }` rather
 * than unions: fast-json-stringify tries each branch of a union per value, which made 3,000 profiles
 * (24 MB) take 2 s to serialize instead of a fraction of that.
 */
const NullableNumber = Type.Unsafe<number | null>({ type: 'number', nullable: true });
const OneOf = <const T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const NullableOneOf = <const T extends string>(values: readonly T[]) =>
  Type.Unsafe<T | null>({ type: 'string', nullable: true, enum: [...values, null] });
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

const Role = OneOf(ROLES);

const RoleParticipation = Type.Object({
  expected: Type.Integer(),
  responses: Type.Integer(),
  /** responses / expected; null when nobody is expected. */
  rate: NullableNumber,
  reportable: Type.Boolean(),
});

const IndicatorResult = Type.Object({
  id: Type.String(),
  role: Role,
  kind: OneOf(INDICATOR_KINDS),
  weight: Type.Number(),
  value: NullableNumber,
  risk: NullableNumber,
  n: Type.Integer(),
  missing: NullableOneOf(['role-not-reportable', 'no-answers']),
});

const FactorResult = Type.Object({
  id: Type.String(),
  title: Type.String(),
  score: NullableNumber,
  level: OneOf(['low', 'medium', 'high', 'insufficient']),
  coverage: Type.Number(),
  indicators: Type.Array(IndicatorResult),
});

export const SchoolRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  municipality: Type.Object({ id: Type.Integer(), name: Type.String() }),
});

export const WaveRef = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  target: Type.Number(),
});

const ModelRef = Type.Object({ id: Type.String(), title: Type.String() });

const Scored = {
  roles: Type.Object({ principal: RoleParticipation, teacher: RoleParticipation, student: RoleParticipation, parent: RoleParticipation }),
  factors: Type.Array(FactorResult),
};

export const SchoolProfileBody = Type.Object({ school: SchoolRef, wave: WaveRef, model: ModelRef, ...Scored });
export const WaveProfilesBody = Type.Object({
  wave: WaveRef,
  model: ModelRef,
  /** One per school of the wave's region in the caller's territory, schools without responses included. */
  profiles: Type.Array(Type.Object({ school: SchoolRef, ...Scored })),
});

export const SchoolProfileParams = Type.Object({ waveId: Id, schoolId: Id });
export const WaveParams = Type.Object({ waveId: Id });

export type SchoolRef = Static<typeof SchoolRef>;
export type WaveRef = Static<typeof WaveRef>;
export type SchoolProfileBody = Static<typeof SchoolProfileBody>;
export type WaveProfilesBody = Static<typeof WaveProfilesBody>;
