/** Two waves as [earlier, later] by when they opened (then by id), whichever order they came in. */
export function earlierFirst<W extends { id: number; opens_at: Date }>(a: W, b: W): [W, W] {
  const ta = new Date(a.opens_at).getTime();
  const tb = new Date(b.opens_at).getTime();
  return ta < tb || (ta === tb && a.id < b.id) ? [a, b] : [b, a];
}
