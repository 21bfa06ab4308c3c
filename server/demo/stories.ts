import { DEMO_TEAM_SCHOOL, type DemoSchool } from './roster.js';
import type { Propensity } from './simulate.js';

/**
 * How the demo's waves go for one school: risk propensity per factor and participation in the entry wave, the
 * repeat wave (both closed) and the current one, open for a week and answered by about half of those who will.
 */
export interface SchoolStory {
  propensity: [Propensity, Propensity, Propensity];
  participation: [number, number, number];
}

/**
 * The school team's school, factor by factor, in the entry and the repeat wave. A team opening the demo
 * sees a profile with something to explain: several factors high at entry (the e2e test picks the three
 * highest as priorities), some medium, the rest low. By the repeat wave R4 and R10 drop a level while R8
 * rises from low to high, so the dynamics show change both ways. R8 starts low because version 2 puts its
 * student shares at full risk from half of the answers (docs/methodology.md §10): a middling propensity
 * would already be high. Factors a model does not name here keep the base.
 */
const TEAM_SCHOOL_FACTORS: Record<string, [number, number]> = {
  R1: [0.55, 0.5],
  R2: [0.95, 0.8],
  R3: [0.2, 0.2],
  R4: [0.6, 0.2],
  R5: [0.15, 0.1],
  R6: [0.9, 0.9],
  R7: [0.1, 0.1],
  R8: [0.15, 0.95],
  R9: [0.25, 0.2],
  R10: [0.95, 0.5],
};

export function storyOf(school: DemoSchool, index: number, random: () => number): SchoolStory {
  const base = 0.25 + ((index * 37) % 12) / 20;
  // Most schools improve between the waves, a few do not, one gets worse: what a real programme sees.
  const change = index % 5 === 3 ? 0.08 : index % 4 === 1 ? 0 : -0.18 - random() * 0.1;
  const current = index % 3 === 0 ? 0.92 + random() * 0.06 : 0.45 + random() * 0.4;
  const participation: [number, number, number] = [0.9 + random() * 0.08, current, current / 2];
  const later = Math.max(0.05, base + change);
  if (school.code !== DEMO_TEAM_SCHOOL.code) return { propensity: [() => base, () => later, () => later], participation };
  const repeat = (id: string) => TEAM_SCHOOL_FACTORS[id]?.[1] ?? later;
  return { propensity: [(id) => TEAM_SCHOOL_FACTORS[id]?.[0] ?? base, repeat, repeat], participation };
}
