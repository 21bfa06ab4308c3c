export function RegionPicturePage() {
  return <p className="muted">Раздел в разработке.</p>;
}
