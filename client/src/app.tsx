import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import type { Role } from '@shared/schemas/auth';
import { homePathFor, useAuth } from './auth';
import { AppLayout, Loading } from './components/layout';
import { LoadError } from './components/load-error';
import { CaseListPage } from './pages/case-list-page';
import { CaseControlPage } from './pages/case-control-page';
import { CasePage } from './pages/case-page';
import { ExpiringPage } from './pages/expiring-page';
import { InboxPage } from './pages/inbox-page';
import { NoticePage } from './pages/notice-page';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NewCasePage } from './pages/new-case-page';
import { NotFoundPage } from './pages/not-found-page';
import { RegisterPage } from './pages/register-page';

const COURT_STAFF: Role[] = ['judge', 'clerk'];
const OPERATORS: Role[] = ['institution_operator'];

/** Sends signed-out visitors to the login page (and back afterwards); other roles to their own home. */
function RequireUser({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { status, user, loadError, reload } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (loadError) return <LoadError error={loadError} onRetry={() => void reload()} />;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (roles && !roles.includes(user.role)) return <Navigate to={homePathFor(user)} replace />;
  return <>{children}</>;
}

function Root() {
  const { user } = useAuth();
  return user ? <Navigate to={homePathFor(user)} replace /> : null;
}

export function App() {
  const { status } = useAuth();
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route path="/login" element={status === 'loading' ? <Loading /> : <LoginPage />} />
        <Route path="/register" element={status === 'loading' ? <Loading /> : <RegisterPage />} />
        <Route
          path="/"
          element={
            <RequireUser>
              <Root />
            </RequireUser>
          }
        />
        <Route
          path="/home"
          element={
            <RequireUser>
              <HomePage />
            </RequireUser>
          }
        />
        <Route
          path="/cases"
          element={
            <RequireUser roles={COURT_STAFF}>
              <CaseListPage />
            </RequireUser>
          }
        />
        <Route
          path="/cases/new"
          element={
            <RequireUser roles={COURT_STAFF}>
              <NewCasePage />
            </RequireUser>
          }
        />
        <Route
          path="/cases/:id"
          element={
            <RequireUser roles={COURT_STAFF}>
              <CasePage />
            </RequireUser>
          }
        />
        <Route
          path="/cases/:id/assets"
          element={
            <RequireUser roles={COURT_STAFF}>
              <CaseControlPage />
            </RequireUser>
          }
        />
        <Route
          path="/measures/expiring"
          element={
            <RequireUser roles={COURT_STAFF}>
              <ExpiringPage />
            </RequireUser>
          }
        />
        <Route
          path="/inbox"
          element={
            <RequireUser roles={OPERATORS}>
              <InboxPage />
            </RequireUser>
          }
        />
        <Route
          path="/inbox/:id"
          element={
            <RequireUser roles={OPERATORS}>
              <NoticePage />
            </RequireUser>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
