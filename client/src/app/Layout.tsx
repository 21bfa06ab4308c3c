import { NavLink, Outlet } from 'react-router';
import { useUser, useSession } from '../shared/session';
import { sharedStrings } from '../shared/strings';
import { strings } from './strings';

const COORDINATORS: readonly string[] = ['admin', 'region', 'municipality'];

export function Layout() {
  const user = useUser();
  const { logout } = useSession();
  return (
    <>
      <header className="topbar">
        <span className="brand">{strings.appTitle}</span>
        <nav>
          {user.role === 'admin' && <NavLink to="/admin">{strings.nav.admin}</NavLink>}
          {COORDINATORS.includes(user.role) && <NavLink to="/coordinator">{strings.nav.coordinator}</NavLink>}
          {user.role === 'school' && <NavLink to="/school">{strings.nav.school}</NavLink>}
          {user.role === 'curator' && <NavLink to="/curator">{strings.nav.curator}</NavLink>}
          {user.role !== 'curator' && <NavLink to="/paper">{strings.nav.paper}</NavLink>}
          <NavLink to="/password">{strings.nav.password}</NavLink>
        </nav>
        <span className="who" title={user.email}>
          {user.name || user.email} · {sharedStrings.accountRoles[user.role]}
        </span>
        <button type="button" className="link" onClick={() => void logout()}>
          {strings.nav.logout}
        </button>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
