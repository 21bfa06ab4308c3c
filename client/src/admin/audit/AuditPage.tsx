export function AuditPage() {
  return <p className="muted">Раздел в разработке.</p>;
}
