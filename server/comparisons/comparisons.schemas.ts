import { Type, type Static } from '@fastify/type-provider-typebox';
import { IntegerIn, Level, Nullable, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

const Score = Nullable(Type.Number());

/** A factor's scores over a group of schools: quartiles (null from fewer than five schools) and the count. */
export const Distribution = Type.Object({ schools: Type.Integer(), q1: Score, median: Score, q3: Score });

/** How the similar schools were chosen (docs/methodology.md §13). */
export const SimilarRule = Type.Union([
  Type.Object({
    kind: Type.Literal('social-index'),
    /** The band of the region's social indices the school's index falls in, 1 the lowest, of `bands` equal ones. */
    band: IntegerIn(1, 4),
    /** 4 (quarters), or fewer where the region has fewer than 20 indices: ⌊indices / 5⌋, at least 1. */
    bands: IntegerIn(1, 4),
    /** The band's bounds: above `from` (none for the first), up to and including `to` (none for the last). */
    from: Score,
    to: Score,
  }),
  Type.Object({ kind: Type.Literal('size-settlement'), settlement: Type.Enum(['urban', 'rural']), size: Type.Enum(['small', 'medium', 'large']) }),
  Type.Object({ kind: Type.Literal('none') }),
]);

export const SchoolComparisons = Type.Object({
  wave: WaveTerms,
  school: SchoolInMunicipality,
  /** Schools of the wave's region. */
  regionSchools: Type.Integer(),
  similar: Type.Object({
    rule: SimilarRule,
    /** The year of the school's context data the rule read; null without any. */
    contextYear: Nullable(Type.Integer()),
    /** Schools of the group, the school itself included. */
    schools: Type.Integer(),
  }),
  factors: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      score: Score,
      level: Level,
      region: Distribution,
      /** Null when the school has no context to choose similar schools by. */
      similar: Nullable(Distribution),
    }),
  ),
});
export type SchoolComparisons = Static<typeof SchoolComparisons>;
