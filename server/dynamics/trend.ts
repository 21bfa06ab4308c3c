import type { Level, RiskModel } from '../scoring/model.js';
import type { TrendPoint } from './trend.schemas.js';

/** One wave of a school's trend as the caller may see it. */
export interface WaveSeen {
  model: RiskModel;
  /** The school's factors as the wave's profile shows them; null while the wave's figures are withheld from the caller. */
  factors: Array<{ id: string; score: number | null; level: Level }> | null;
}

const ABSENT: TrendPoint = { shown: 'absent', score: null, level: null, thresholds: null, alikeWithPrevious: false };

/**
 * Every factor of a school across its waves (docs/methodology.md §4, all waves): per wave its released score and
 * level, and whether the previous wave measures it alike, so a reader never joins two points that mean different
 * things. `alike[i]` holds the factors waves i and i + 1 measure alike (waves-alike.ts). The latest model's factors
 * lead in its order, as its profile lists them; a factor later models dropped follows, titled as it last was.
 */
export function trendFactors(waves: WaveSeen[], alike: Array<Set<string>>) {
  const titles = new Map<string, string>();
  for (const wave of [...waves].reverse()) for (const f of wave.model.factors) if (!titles.has(f.id)) titles.set(f.id, f.title);
  const seen = waves.map((wave) => ({
    defined: new Map(wave.model.factors.map((f) => [f.id, f])),
    shown: wave.factors && new Map(wave.factors.map((f) => [f.id, f])),
    levels: wave.model.levels,
  }));
  return [...titles].map(([id, title]) => ({
    id,
    title,
    points: seen.map(({ defined, shown, levels }, i): TrendPoint => {
      const factor = defined.get(id);
      if (!factor) return ABSENT;
      const common = { thresholds: factor.levels ?? levels, alikeWithPrevious: i > 0 && alike[i - 1]!.has(id) };
      if (!shown) return { shown: 'withheld', score: null, level: null, ...common };
      // The profile scores every factor of its model; one it left out would have no score to show.
      const scored = shown.get(id);
      return { shown: 'scored', score: scored?.score ?? null, level: scored?.level ?? 'insufficient', ...common };
    }),
  }));
}
