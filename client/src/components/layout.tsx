/** The page frame: skip link, header (brand, navigation, user, language, logout) and the main region. */
import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <button
      type="button"
      className="button button-quiet lang-switch"
      lang={other === 'zh' ? 'zh-CN' : 'en'}
      aria-label={t('lang.switchLabel')}
      onClick={() => setLang(other)}
    >
      {t('lang.switch')}
    </button>
  );
}

function Brand() {
  const { t } = useI18n();
  return (
    <span className="brand">
      <span className="brand-mark" aria-hidden="true">
        执
      </span>
      <span className="brand-text">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-sub">{t('app.subtitle')}</span>
      </span>
    </span>
  );
}

/** Moves focus to <main> after a client-side navigation, so screen readers start at the new page. */
function useFocusOnNavigate() {
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);
  return mainRef;
}

export function AppLayout() {
  const { user, logout } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useFocusOnNavigate();
  const staff = user?.role === 'judge' || user?.role === 'clerk';
  const roleLabel = user ? t(`role.${user.role}`) : '';
  // Role, then court or institution; the role is left out when it is the display name (e.g. 系统管理员).
  const userMeta = user
    ? [roleLabel !== user.displayName ? roleLabel : null, user.courtName, user.institutionName].filter(Boolean).join(' · ')
    : '';

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <NavLink to="/" className="brand-link">
            <Brand />
          </NavLink>
          <nav aria-label={t('nav.main')} className="main-nav">
            <ul>
              {staff ? (
                <>
                  <li>
                    <NavLink to="/cases" end>
                      {t('nav.cases')}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/cases/new">{t('nav.newCase')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/measures/expiring">{t('nav.expiring')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/court/auctions">{t('nav.courtAuctions')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/petitions">{t('nav.petitions')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/figures">{t('nav.figures')}</NavLink>
                  </li>
                </>
              ) : user?.role === 'institution_operator' ? (
                <>
                  <li>
                    <NavLink to="/inbox">{t('nav.inbox')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/home">{t('nav.home')}</NavLink>
                  </li>
                </>
              ) : user?.role === 'bidder' ? (
                <>
                  <li>
                    <NavLink to="/my/auctions">{t('my.title')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/home">{t('nav.home')}</NavLink>
                  </li>
                </>
              ) : user?.role === 'admin' ? (
                <>
                  <li>
                    <NavLink to="/home">{t('nav.home')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/figures">{t('nav.figures')}</NavLink>
                  </li>
                </>
              ) : user ? (
                <li>
                  <NavLink to="/home">{t('nav.home')}</NavLink>
                </li>
              ) : null}
              {/* The published auctions are for everyone, signed in or not. */}
              <li>
                <NavLink to="/auctions">{t('nav.auctions')}</NavLink>
              </li>
              <li>
                <NavLink to="/credit">{t('nav.credit')}</NavLink>
              </li>
              {staff ? null : (
                <li>
                  <NavLink to="/query">{t('nav.partyQuery')}</NavLink>
                </li>
              )}
            </ul>
          </nav>
          {user ? (
            <div className="user-box" aria-label={t('header.user')} role="group">
              <span className="user-name" data-testid="user-name">
                {user.displayName}
              </span>
              {userMeta ? <span className="user-meta">{userMeta}</span> : null}
            </div>
          ) : null}
          <div className="header-tools">
            <LanguageSwitch />
            {!user && location.pathname !== '/login' ? (
              <NavLink to={location.pathname.startsWith('/auctions') ? `/login?next=${encodeURIComponent(location.pathname + location.search)}` : '/login'} className="button button-quiet">
                {t('login.title')}
              </NavLink>
            ) : null}
            {user ? (
              <button
                type="button"
                className="button button-quiet"
                onClick={async () => {
                  await logout().catch(() => undefined);
                  navigate('/login', { replace: true });
                }}
              >
                {t('header.logout')}
              </button>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {/* Pages load on first visit (their code is split from the shell). */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
