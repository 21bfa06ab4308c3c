import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { SessionProvider, useSession, type AccountRole } from '../shared/session';
import { InvitePage } from './InvitePage';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import { PasswordPage } from './PasswordPage';
import { ConsentPage } from './ConsentPage';
import { MyDataPage } from './MyDataPage';
import { homePath } from './home';
import { strings } from './strings';
import './app.css';

// Each feature is its own chunk: a school team never downloads the admin screens, nobody downloads what they can't open.
const AdminRoutes = lazy(() => import('../admin/AdminRoutes'));
const CoordinatorRoutes = lazy(() => import('../coordinator/CoordinatorRoutes'));
const SchoolRoutes = lazy(() => import('../school/SchoolRoutes'));
const CuratorRoutes = lazy(() => import('../curator/CuratorRoutes'));
const PaperRoutes = lazy(() => import('../paper/PaperRoutes'));
const AuditPage = lazy(() => import('../admin/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const PrivacyPage = lazy(() => import('../privacy/PrivacyPage'));
const TwoFactorPage = lazy(() => import('../account/TwoFactorPage'));

/** Mirrors the server's access rules so people are not shown screens the API would refuse anyway. */
function RequireRole({ roles, children }: { roles: AccountRole[]; children: ReactNode }) {
  const { user, loading, consentRequired } = useSession();
  if (loading) return <p className="muted">{strings.loading}</p>;
  if (!user) return <Navigate to="/login" replace />;
  if (consentRequired) return <Navigate to="/consent" replace />;
  if (!roles.includes(user.role)) return <Navigate to={homePath(user.role)} replace />;
  return <>{children}</>;
}

function Home() {
  const { user, loading } = useSession();
  if (loading) return <p className="muted">{strings.loading}</p>;
  return <Navigate to={user ? homePath(user.role) : '/login'} replace />;
}

const STAFF: AccountRole[] = ['admin', 'region', 'municipality', 'school', 'curator'];
const EVERYONE: AccountRole[] = [...STAFF, 'security'];

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Suspense fallback={<p className="muted">{strings.loading}</p>}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/invite/:token" element={<InvitePage />} />
            <Route path="/consent" element={<ConsentPage />} />
            <Route path="/privacy" element={<PrivacyPage />} />
            <Route
              element={
                <RequireRole roles={EVERYONE}>
                  <Layout />
                </RequireRole>
              }
            >
              <Route
                path="/admin/*"
                element={
                  <RequireRole roles={['admin']}>
                    <AdminRoutes />
                  </RequireRole>
                }
              />
              <Route
                path="/coordinator/*"
                element={
                  <RequireRole roles={['admin', 'region', 'municipality']}>
                    <CoordinatorRoutes />
                  </RequireRole>
                }
              />
              <Route
                path="/curator/*"
                element={
                  <RequireRole roles={['curator']}>
                    <CuratorRoutes />
                  </RequireRole>
                }
              />
              <Route
                path="/paper/*"
                element={
                  <RequireRole roles={['admin', 'region', 'municipality', 'school']}>
                    <PaperRoutes />
                  </RequireRole>
                }
              />
              <Route
                path="/school/*"
                element={
                  <RequireRole roles={STAFF}>
                    <SchoolRoutes />
                  </RequireRole>
                }
              />
              {/* The security administrator's home: the audit log alone, without the administration's other screens. */}
              <Route
                path="/audit"
                element={
                  <RequireRole roles={['security']}>
                    <AuditPage />
                  </RequireRole>
                }
              />
              <Route path="/password" element={<PasswordPage />} />
              <Route path="/my-data" element={<MyDataPage />} />
              <Route path="/account/two-factor" element={<TwoFactorPage />} />
            </Route>
            <Route path="*" element={<p className="narrow">{strings.notFound}</p>} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
  );
}
