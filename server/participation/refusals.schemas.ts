import { Type, type Static } from '@fastify/type-provider-typebox';
import { Id, IntegerIn, Role, WaveSchoolParams } from '../shared/vocabulary.js';
import { MAX_COUNT } from '../admin/roster/cell-values.js';

export { WaveSchoolParams };

/**
 * The number of one role's respondents at one school who refused the survey in the wave: the whole count, not a
 * difference, so a repeated request sets the same value. Bounds wider than any school so the rules, not the schema,
 * answer a wrong count with their own codes.
 */
export const RefusalsBody = Type.Object({ role: Role, refused: IntegerIn(-MAX_COUNT, MAX_COUNT) }, { additionalProperties: false });
export type RefusalsBody = Static<typeof RefusalsBody>;

export const RefusalsRecorded = Type.Object({
  waveId: Id,
  schoolId: Id,
  role: Role,
  previous: Type.Integer(),
  refused: Type.Integer(),
  /** The most this role may record now: expected less those who answered (docs/methodology.md §3). */
  max: Type.Integer(),
});
export type RefusalsRecorded = Static<typeof RefusalsRecorded>;
