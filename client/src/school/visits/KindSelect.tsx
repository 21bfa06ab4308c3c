import type { VisitKind } from './api';
import { visitStrings as s } from './strings';

const KINDS = Object.keys(s.kinds) as VisitKind[];

export function KindSelect({ value, onChange }: { value: VisitKind; onChange(kind: VisitKind): void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as VisitKind)}>
      {KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {s.kinds[kind]}
        </option>
      ))}
    </select>
  );
}
