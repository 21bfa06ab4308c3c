import { useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useUser, useSession } from '../shared/session';
import { sharedStrings } from '../shared/strings';
import { strings } from './strings';

const COORDINATORS: readonly string[] = ['admin', 'region', 'municipality'];

export function Layout() {
  const user = useUser();
  const { logout } = useSession();
  // On a phone the links fold behind one button, so that the header is a single line above the page.
  // It stays open on the page it was opened on: following a link closes it.
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  return (
    <>
      <header className={`topbar${menuOpen ? ' topbar-open' : ''}`}>
        <span className="brand">{strings.appTitle}</span>
        <button
          type="button"
          className="topbar-toggle"
          aria-expanded={menuOpen}
          aria-controls="topbar-menu"
          onClick={() => setOpenOn(menuOpen ? null : pathname)}
        >
          {strings.nav.menu}
        </button>
        <div className="topbar-menu" id="topbar-menu">
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
        </div>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </>
  );
}
