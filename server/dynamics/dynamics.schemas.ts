import { Type, type Static } from '@fastify/type-provider-typebox';
import { Id, Level, ModelRef, Nullable, SchoolInMunicipality, WaveTerms } from '../shared/vocabulary.js';

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
  /**
   * Both waves' models measure the factor alike (docs/methodology.md §4): always with the same model. When false,
   * `earlier` and `later` are each wave's own figure and there is no delta, level change or direction.
   */
  comparable: Type.Boolean(),
  /** z · sqrt(se₁² + se₂²) of the two scores (docs/methodology.md §8): a smaller |delta| is within the noise. Null with no delta. */
  noise: Nullable(Type.Number()),
  /** |delta| > noise: only such a change of level counts toward positive change. */
  beyondNoise: Type.Boolean(),
  /** Among the priorities the school chose in the earlier wave: what it worked on since. */
  priority: Type.Boolean(),
});

export const SchoolDynamics = Type.Object({
  school: SchoolInMunicipality,
  /** The two waves ordered by when they opened, whatever order `from` and `to` came in. */
  earlier: WaveTerms,
  later: WaveTerms,
  /** The models the two waves were pinned to; `sameModel` false means only the factors marked comparable are compared. */
  models: Type.Object({ earlier: ModelRef, later: ModelRef }),
  sameModel: Type.Boolean(),
  factors: Type.Array(FactorChange),
  /** docs/methodology.md §4: a comparable factor fell by a level or more beyond its noise and none rose by a level beyond it. */
  positiveChange: Type.Boolean(),
  priorities: Type.Object({ earlier: Type.Array(Type.String()), later: Type.Array(Type.String()) }),
});
export type SchoolDynamics = Static<typeof SchoolDynamics>;
