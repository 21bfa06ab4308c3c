import { Type, type Static } from '@fastify/type-provider-typebox';
import { Id, Level, Nullable, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

const Scored = Nullable(Type.Object({ score: Nullable(Type.Number()), level: Level }));

export const DynamicsQuery = Type.Object({ from: Id, to: Id });

export const FactorChange = Type.Object({
  id: Type.String(),
  title: Type.String(),
  earlier: Scored,
  later: Scored,
  /** score(later) − score(earlier); null when either has no score. */
  delta: Nullable(Type.Number()),
  /** Level steps with low < medium < high, negative when the level fell; null when a level is insufficient. */
  levelChange: Nullable(Type.Integer()),
  /** Of the score: down is less risk; same within ±0.005. */
  direction: Nullable(Type.Enum(['down', 'up', 'same'])),
  /** Among the priorities the school chose in the earlier wave: what it worked on since. */
  priority: Type.Boolean(),
});

export const SchoolDynamics = Type.Object({
  school: SchoolInMunicipality,
  /** The two waves ordered by when they opened, whatever order `from` and `to` came in. */
  earlier: WaveTerms,
  later: WaveTerms,
  factors: Type.Array(FactorChange),
  /** docs/methodology.md §4: a factor fell by a level or more and none rose by a level. */
  positiveChange: Type.Boolean(),
  priorities: Type.Object({ earlier: Type.Array(Type.String()), later: Type.Array(Type.String()) }),
});
export type SchoolDynamics = Static<typeof SchoolDynamics>;
