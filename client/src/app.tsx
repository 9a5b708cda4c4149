import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { lazy, useEffect, type ReactNode } from 'react';
import type { Role } from '@shared/schemas/auth';
import { homePathFor, useAuth } from './auth';
import { AppLayout, Loading } from './components/layout';
import { LoadError } from './components/load-error';
import { HomePage } from './pages/home-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { RegisterPage } from './pages/register-page';


// The court's and the institutions' pages are split from the shell and fetched once the shell is idle, so the first
// paint of the public pages does not wait for the judge's console, and a page is there by the time it is opened.
const pages = {
  caseList: () => import('./pages/case-list-page'),
  caseControl: () => import('./pages/case-control-page'),
  case: () => import('./pages/case-page'),
  caseClosing: () => import('./pages/case-closing-page'),
  expiring: () => import('./pages/expiring-page'),
  newCase: () => import('./pages/new-case-page'),
  inbox: () => import('./pages/inbox-page'),
  notice: () => import('./pages/notice-page'),
  auctionBuilder: () => import('./pages/auction-builder-page'),
  courtAuction: () => import('./pages/court-auction-page'),
  courtAuctions: () => import('./pages/court-auctions-page'),
  publicAuctions: () => import('./pages/public-auctions-page'),
  publicAuction: () => import('./pages/public-auction-page'),
  myAuctions: () => import('./pages/my-auctions-page'),
  caseCredit: () => import('./pages/case-credit-page'),
  creditSearch: () => import('./pages/credit-search-page'),
  partyCase: () => import('./pages/party-case-page'),
  petitions: () => import('./pages/petitions-page'),
};
const CaseListPage = lazy(() => pages.caseList().then((m) => ({ default: m.CaseListPage })));
const CaseControlPage = lazy(() => pages.caseControl().then((m) => ({ default: m.CaseControlPage })));
const CasePage = lazy(() => pages.case().then((m) => ({ default: m.CasePage })));
const CaseClosingPage = lazy(() => pages.caseClosing().then((m) => ({ default: m.CaseClosingPage })));
const ExpiringPage = lazy(() => pages.expiring().then((m) => ({ default: m.ExpiringPage })));
const NewCasePage = lazy(() => pages.newCase().then((m) => ({ default: m.NewCasePage })));
const InboxPage = lazy(() => pages.inbox().then((m) => ({ default: m.InboxPage })));
const NoticePage = lazy(() => pages.notice().then((m) => ({ default: m.NoticePage })));
const AuctionBuilderPage = lazy(() => pages.auctionBuilder().then((m) => ({ default: m.AuctionBuilderPage })));
const CourtAuctionPage = lazy(() => pages.courtAuction().then((m) => ({ default: m.CourtAuctionPage })));
const CourtAuctionsPage = lazy(() => pages.courtAuctions().then((m) => ({ default: m.CourtAuctionsPage })));
const PartyCasePage = lazy(() => pages.partyCase().then((m) => ({ default: m.PartyCasePage })));
const PetitionsPage = lazy(() => pages.petitions().then((m) => ({ default: m.PetitionsPage })));
const PublicAuctionsPage = lazy(() => pages.publicAuctions().then((m) => ({ default: m.PublicAuctionsPage })));
const MyAuctionsPage = lazy(() => pages.myAuctions().then((m) => ({ default: m.MyAuctionsPage })));
const CaseCreditPage = lazy(() => pages.caseCredit().then((m) => ({ default: m.CaseCreditPage })));
const CreditSearchPage = lazy(() => pages.creditSearch().then((m) => ({ default: m.CreditSearchPage })));
// Not prefetched with the others: it carries the charting library, and only court staff open it.
const FiguresPage = lazy(() => import('./pages/figures-page').then((m) => ({ default: m.FiguresPage })));
const PublicAuctionPage = lazy(() => pages.publicAuction().then((m) => ({ default: m.PublicAuctionPage })));

function usePrefetchPages() {
  useEffect(() => {
    const load = () => Object.values(pages).forEach((page) => void page().catch(() => undefined));
    if ('requestIdleCallback' in window) {
      const id = window.requestIdleCallback(load, { timeout: 2000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(load, 500);
    return () => clearTimeout(timer);
  }, []);
}

const COURT_STAFF: Role[] = ['judge', 'clerk'];
const OPERATORS: Role[] = ['institution_operator'];
const FIGURES_READERS: Role[] = ['judge', 'clerk', 'admin'];
const BIDDERS: Role[] = ['bidder'];

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
  usePrefetchPages();
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
          path="/cases/:id/closing"
          element={
            <RequireUser roles={COURT_STAFF}>
              <CaseClosingPage />
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
          path="/cases/:id/credit"
          element={
            <RequireUser roles={COURT_STAFF}>
              <CaseCreditPage />
            </RequireUser>
          }
        />
        <Route path="/credit" element={<CreditSearchPage />} />
        <Route
          path="/figures"
          element={
            <RequireUser roles={FIGURES_READERS}>
              <FiguresPage />
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
        {/* 网络司法拍卖: the public pages need no login; the court's pages are for its judges and clerks. */}
        {/* 执行公开 and 信访: the parties' page needs no login (case number + query code); petitions are the court's. */}
        <Route path="/query" element={<PartyCasePage />} />
        <Route
          path="/petitions"
          element={
            <RequireUser roles={COURT_STAFF}>
              <PetitionsPage />
            </RequireUser>
          }
        />
        <Route path="/auctions" element={<PublicAuctionsPage />} />
        <Route path="/auctions/:id" element={<PublicAuctionPage />} />
        <Route
          path="/my/auctions"
          element={
            <RequireUser roles={BIDDERS}>
              <MyAuctionsPage />
            </RequireUser>
          }
        />
        <Route
          path="/court/auctions"
          element={
            <RequireUser roles={COURT_STAFF}>
              <CourtAuctionsPage />
            </RequireUser>
          }
        />
        <Route
          path="/court/auctions/:id"
          element={
            <RequireUser roles={COURT_STAFF}>
              <CourtAuctionPage />
            </RequireUser>
          }
        />
        <Route
          path="/court/auctions/:id/edit"
          element={
            <RequireUser roles={COURT_STAFF}>
              <AuctionBuilderPage mode="edit" />
            </RequireUser>
          }
        />
        <Route
          path="/court/auctions/:id/relist"
          element={
            <RequireUser roles={COURT_STAFF}>
              <AuctionBuilderPage mode="relist" />
            </RequireUser>
          }
        />
        <Route
          path="/cases/:caseId/measures/:measureId/auction/new"
          element={
            <RequireUser roles={COURT_STAFF}>
              <AuctionBuilderPage mode="new" />
            </RequireUser>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
