export function AccountsPage() {
  return <p className="muted">Раздел в разработке.</p>;
}
