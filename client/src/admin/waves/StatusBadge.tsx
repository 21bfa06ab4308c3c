import type { Wave } from './api';
import { wavesStrings as s } from './strings';

export function StatusBadge({ status }: { status: Wave['status'] }) {
  return <span className={`badge wave-status-${status}`}>{s.status[status]}</span>;
}
