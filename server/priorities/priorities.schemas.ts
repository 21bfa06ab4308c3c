import { Type, type Static } from '@fastify/type-provider-typebox';
import { Instant, Nullable } from '../shared/vocabulary.js';

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
  chosenAt: Nullable(Instant),
  /** Whether the caller may change them: the school's own team, or an administrator. */
  editable: Type.Boolean(),
});
export type Priorities = Static<typeof Priorities>;
