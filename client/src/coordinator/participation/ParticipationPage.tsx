export function ParticipationPage() {
  return <p className="muted">Раздел в разработке.</p>;
}
