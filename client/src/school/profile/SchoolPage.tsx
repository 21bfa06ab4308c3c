export function SchoolPage() {
  return <p className="muted">Раздел в разработке.</p>;
}
