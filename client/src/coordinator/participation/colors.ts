/** Bars and marks by how far a rate is from the target: reached, close, far. */
export function rateColor(rate: number | null, target: number): string {
  if (rate === null) return '#9aa3b2';
  if (rate >= target) return '#2e8b57';
  if (rate >= target * 0.75) return '#e0a100';
  return '#c62828';
}

export function rateTone(rate: number | null, target: number): 'ok' | 'close' | 'far' | 'none' {
  if (rate === null) return 'none';
  if (rate >= target) return 'ok';
  return rate >= target * 0.75 ? 'close' : 'far';
}
