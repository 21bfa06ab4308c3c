import type { Level } from '../api/profile';
import { schoolStrings as s } from '../strings';

export function LevelBadge({ level }: { level: Level }) {
  return <span className={`badge level-${level}`}>{s.levels[level]}</span>;
}
