import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type AuditVerifyResult } from '../api';
import { useAuth } from '../auth';
import { Alert } from '../components/fields';
import { useI18n, type MessageKey } from '../i18n';
import { errorText } from '../lib/error-text';
import { usePageTitle } from '../lib/use-page-title';

function AuditVerifyPanel() {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.verifyAudit());
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p>{t('audit.explain')}</p>
      <button type="button" className="button button-primary" onClick={verify} disabled={busy}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div className="audit-result" aria-live="polite">
        {result ? (
          result.ok ? (
            <Alert kind="success">{t('audit.ok', { checked: result.checked })}</Alert>
          ) : (
            <Alert kind="error">
              {t('audit.broken', {
                seq: result.firstBroken?.seq ?? '?',
                reason: pick(result.firstBroken?.reason ?? ''),
                checked: result.checked,
              })}
            </Alert>
          )
        ) : null}
        {error ? <Alert kind="error">{errorText(error, i18n)}</Alert> : null}
      </div>
    </section>
  );
}

const UPCOMING: Partial<Record<string, MessageKey[]>> = {
  bidder: ['home.bidder.next1', 'home.bidder.next2', 'home.bidder.next3'],
  party: ['home.party.next1', 'home.party.next2'],
  admin: ['home.admin.next1', 'home.admin.next2'],
};

export function HomePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  usePageTitle(t('home.title'));
  if (!user) return null;
  const staff = user.role === 'judge' || user.role === 'clerk';
  const body: Record<typeof user.role, string> = {
    judge: t('home.judge.body'),
    clerk: t('home.judge.body'),
    bidder: t('home.bidder.body'),
    institution_operator: t('home.operator.body', { institution: user.institutionName ?? '' }),
    party: t('home.party.body'),
    admin: t('home.admin.body'),
  };
  const upcoming = UPCOMING[user.role] ?? [];

  return (
    <div className="page">
      <h1>{t('home.welcome', { name: user.displayName })}</h1>
      <p className="lead">{body[user.role]}</p>
      {staff ? (
        <p className="button-row">
          <Link to="/cases" className="button button-primary">
            {t('nav.cases')}
          </Link>
          <Link to="/cases/new" className="button">
            {t('nav.newCase')}
          </Link>
        </p>
      ) : null}
      {user.role === 'institution_operator' ? (
        <p className="button-row">
          <Link to="/inbox" className="button button-primary">
            {t('nav.inbox')}
          </Link>
        </p>
      ) : null}
      {user.role === 'bidder' ? (
        <p className="button-row">
          <Link to="/auctions" className="button button-primary">
            {t('nav.auctions')}
          </Link>
          <Link to="/my/auctions" className="button">
            {t('my.title')}
          </Link>
        </p>
      ) : null}
      {user.role === 'admin' ? <AuditVerifyPanel /> : null}
      {upcoming.length ? (
        <section className="card" aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">{t('home.next')}</h2>
          <ul className="check-list">
            {upcoming.map((k) => (
              <li key={k}>{t(k)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
