import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LoginBody } from '@shared/schemas/auth';
import { ApiError } from '../api';
import { homePathFor, useAuth } from '../auth';
import { Alert, ErrorSummary, TextField, type SummaryItem } from '../components/fields';
import { useI18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { fieldId, issuesToErrors, type FieldErrors } from '../lib/form-errors';
import { usePageTitle } from '../lib/use-page-title';

/** Only same-site paths are followed after login, never an absolute URL from the query string. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginPage() {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { user, login, sessionEnded } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const next = safeNext(new URLSearchParams(location.search).get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  usePageTitle(t('login.title'));

  if (user) return <Navigate to={next ?? homePathFor(user)} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = LoginBody.safeParse({ username, password });
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const u = await login(parsed.data.username, parsed.data.password);
      navigate(next ?? homePathFor(u), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') setFormError(t('login.invalid'));
      else if (err instanceof ApiError && err.code === 'TOO_MANY_ATTEMPTS') {
        const seconds = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
        setFormError(typeof seconds === 'number' ? t('login.tooMany', { seconds }) : t('login.tooManyNoTime'));
      } else if (err instanceof ApiError && err.issues.length) setErrors(issuesToErrors(err.issues));
      else setFormError(errorText(err, i18n));
      queueMicrotask(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const items: SummaryItem[] = [
    ...(formError ? [{ fieldId: null, message: formError }] : []),
    ...Object.entries(errors).map(([k, m]) => ({ fieldId: k ? fieldId(k) : null, message: pick(m) })),
  ];

  return (
    <div className="narrow-page">
      <section className="card login-card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="lead">{t('login.intro')}</p>
        {sessionEnded && items.length === 0 ? <Alert kind="info">{t('common.sessionExpired')}</Alert> : null}
        <ErrorSummary ref={summaryRef} items={items} />
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id={fieldId('username')}
            label={t('login.username')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            error={errors.username ? pick(errors.username) : undefined}
          />
          <TextField
            id={fieldId('password')}
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password ? pick(errors.password) : undefined}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary button-wide" disabled={busy}>
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
          </div>
        </form>
        <p className="aside-link">
          {t('login.bidderPrompt')} <Link to="/register">{t('login.register')}</Link>
        </p>
      </section>
    </div>
  );
}
