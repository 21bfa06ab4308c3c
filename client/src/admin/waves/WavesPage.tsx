export function WavesPage() {
  return <p className="muted">Раздел в разработке.</p>;
}
