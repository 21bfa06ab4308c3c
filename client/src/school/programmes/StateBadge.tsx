import type { ProgrammeState } from './api';
import { programmeStrings as s } from './strings';

export function StateBadge({ state }: { state: ProgrammeState }) {
  return <span className={`badge pg-state pg-state-${state}`}>{s.states[state]}</span>;
}
