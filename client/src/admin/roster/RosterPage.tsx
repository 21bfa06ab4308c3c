export function RosterPage() {
  return <p className="muted">Раздел в разработке.</p>;
}
