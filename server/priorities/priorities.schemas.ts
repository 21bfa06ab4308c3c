import { Type, type Static } from '@fastify/type-provider-typebox';

export const PrioritiesParams = Type.Object({ waveId: Type.Integer({ minimum: 1 }), schoolId: Type.Integer({ minimum: 1 }) });

/** At most three, each once: the migration holds the database to the same. */
export const MAX_PRIORITIES = 3;

export const PrioritiesBody = Type.Object(
  { factorIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: MAX_PRIORITIES, uniqueItems: true }) },
  { additionalProperties: false },
);

export const Priorities = Type.Object({
  waveId: Type.Integer(),
  schoolId: Type.Integer(),
  /** Factor ids of the wave's model, in the team's order. */
  factorIds: Type.Array(Type.String()),
  chosenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Whether the caller may change them: the school's own team, or an administrator. */
  editable: Type.Boolean(),
});
export type Priorities = Static<typeof Priorities>;
