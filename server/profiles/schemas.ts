import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';

/** Response shapes of the profile routes: the handlers' types, the API docs and (one profile) the serializer. */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

const Role = Type.Union([Type.Literal('principal'), Type.Literal('teacher'), Type.Literal('student'), Type.Literal('parent')]);

const RoleParticipation = Type.Object({
  expected: Type.Integer(),
  responses: Type.Integer(),
  /** responses / expected; null when nobody is expected. */
  rate: Nullable(Type.Number()),
  reportable: Type.Boolean(),
});

const IndicatorResult = Type.Object({
  id: Type.String(),
  role: Role,
  kind: Type.Union([Type.Literal('share'), Type.Literal('mean'), Type.Literal('choice'), Type.Literal('ratio')]),
  weight: Type.Number(),
  value: Nullable(Type.Number()),
  risk: Nullable(Type.Number()),
  n: Type.Integer(),
  missing: Nullable(Type.Union([Type.Literal('role-not-reportable'), Type.Literal('no-answers')])),
});

const FactorResult = Type.Object({
  id: Type.String(),
  title: Type.String(),
  score: Nullable(Type.Number()),
  level: Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('insufficient')]),
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
