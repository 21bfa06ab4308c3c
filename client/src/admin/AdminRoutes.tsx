import { NavLink, Route, Routes, useLocation } from 'react-router';
import { adminStrings } from './strings';
import { RosterPage } from './roster/RosterPage';
import { ContextImportPage } from './context/ContextImportPage';
import { WavesPage } from './waves/WavesPage';
import { AccountsPage } from './accounts/AccountsPage';
import { AuditPage } from './audit/AuditPage';
import { MethodologyPage } from './methodology/MethodologyPage';
import { TokensPage } from './tokens/TokensPage';
import { TranslationsPage } from './translations/TranslationsPage';
import { RetentionPage } from './retention/RetentionPage';
import { OperatorPage } from './operator/OperatorPage';

export default function AdminRoutes() {
  const { pathname } = useLocation();
  // The waves section is the admin's home and has nested pages, so `end` alone would not keep it highlighted.
  const inWaves = pathname === '/admin' || pathname.startsWith('/admin/waves');
  return (
    <>
      <nav className="subnav no-print">
        <NavLink to="/admin" className={inWaves ? 'active' : ''} end>
          {adminStrings.nav.waves}
        </NavLink>
        <NavLink to="/admin/roster">{adminStrings.nav.roster}</NavLink>
        <NavLink to="/admin/context">{adminStrings.nav.context}</NavLink>
        <NavLink to="/admin/accounts">{adminStrings.nav.accounts}</NavLink>
        <NavLink to="/admin/tokens">{adminStrings.nav.tokens}</NavLink>
        <NavLink to="/admin/methodology">{adminStrings.nav.methodology}</NavLink>
        <NavLink to="/admin/translations">{adminStrings.nav.translations}</NavLink>
        <NavLink to="/admin/retention">{adminStrings.nav.retention}</NavLink>
        <NavLink to="/admin/operator">{adminStrings.nav.operator}</NavLink>
        <NavLink to="/admin/audit">{adminStrings.nav.audit}</NavLink>
      </nav>
      <Routes>
        <Route path="/*" element={<WavesPage />} />
        <Route path="roster" element={<RosterPage />} />
        <Route path="context" element={<ContextImportPage />} />
        <Route path="accounts" element={<AccountsPage />} />
        <Route path="tokens" element={<TokensPage />} />
        <Route path="methodology" element={<MethodologyPage />} />
        <Route path="translations" element={<TranslationsPage />} />
        <Route path="retention" element={<RetentionPage />} />
        <Route path="operator" element={<OperatorPage />} />
        <Route path="audit" element={<AuditPage />} />
      </Routes>
    </>
  );
}
