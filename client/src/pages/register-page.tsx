import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { RegisterBidderBody } from '@shared/schemas/auth';
import { api, ApiError } from '../api';
import { homePathFor, useAuth } from '../auth';
import { Alert, ErrorSummary, RadioGroup, TextField } from '../components/fields';
import { useI18n, type MessageKey } from '../i18n';
import { errorText } from '../lib/error-text';
import { blankRequired, fieldId, issuesToErrors, summaryItems, type FieldErrors } from '../lib/form-errors';
import { usePageTitle } from '../lib/use-page-title';

type Kind = 'person' | 'organisation';

interface Draft {
  username: string;
  password: string;
  passwordConfirm: string;
  phone: string;
  kind: Kind;
  name: string;
  idNumber: string;
  creditCode: string;
  legalRepresentative: string;
}

function toBody(d: Draft): unknown {
  return {
    username: d.username,
    password: d.password,
    phone: d.phone,
    identity:
      d.kind === 'person'
        ? { kind: 'person', name: d.name, idNumber: d.idNumber }
        : { kind: 'organisation', name: d.name, creditCode: d.creditCode, legalRepresentative: d.legalRepresentative },
  };
}

const ORDER = [
  'username',
  'password',
  'passwordConfirm',
  'phone',
  'identity.kind',
  'identity.name',
  'identity.idNumber',
  'identity.creditCode',
  'identity.legalRepresentative',
];

export function RegisterPage() {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { user, login } = useAuth();
  const navigate = useNavigate();
  usePageTitle(t('register.title'));
  const [d, setD] = useState<Draft>({
    username: '',
    password: '',
    passwordConfirm: '',
    phone: '',
    kind: 'person',
    name: '',
    idNumber: '',
    creditCode: '',
    legalRepresentative: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  if (user && !done) return <Navigate to={homePathFor(user)} replace />;

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD((x) => ({ ...x, [k]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = RegisterBidderBody.safeParse(toBody(d));
    const errs: FieldErrors = parsed.success
      ? {}
      : blankRequired(
          issuesToErrors(parsed.error.issues),
          {
            username: d.username,
            password: d.password,
            phone: d.phone,
            'identity.name': d.name,
            'identity.idNumber': d.idNumber,
            'identity.creditCode': d.creditCode,
            'identity.legalRepresentative': d.legalRepresentative,
          },
          t('errors.required'),
        );
    if (d.password && d.password !== d.passwordConfirm) errs.passwordConfirm = t('register.passwordMismatch');
    if (!parsed.success || Object.keys(errs).length) {
      setErrors(errs);
      queueMicrotask(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.registerBidder(parsed.data);
      setDone(true);
      try {
        const u = await login(parsed.data.username, d.password);
        navigate(homePathFor(u), { replace: true });
      } catch {
        navigate('/login', { replace: true });
      }
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(issuesToErrors(err.issues));
      else if (err instanceof ApiError && err.code === 'USERNAME_TAKEN') setErrors({ username: err.message });
      else setFormError(errorText(err, i18n));
      queueMicrotask(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) => (errors[k] ? pick(errors[k]) : undefined);
  const labels: Record<string, MessageKey> = {
    username: 'register.username',
    password: 'register.password',
    passwordConfirm: 'register.passwordConfirm',
    phone: 'register.phone',
    'identity.kind': 'register.kind',
    'identity.name': d.kind === 'person' ? 'register.personName' : 'register.orgName',
    'identity.idNumber': 'register.idNumber',
    'identity.creditCode': 'register.creditCode',
    'identity.legalRepresentative': 'register.legalRep',
  };
  const items = summaryItems({
    errors,
    formError,
    order: ORDER,
    label: (k) => (labels[k] ? t(labels[k]) : null),
    pick,
    join: (field, message) => t('errors.item', { field, message }),
  });

  return (
    <div className="narrow-page wide">
      <section className="card" aria-labelledby="register-title">
        <h1 id="register-title">{t('register.title')}</h1>
        <p className="lead">{t('register.intro')}</p>
        {done ? <Alert kind="success">{t('register.done')}</Alert> : null}
        <ErrorSummary ref={summaryRef} items={items} />
        <form onSubmit={onSubmit} noValidate>
          <fieldset className="group">
            <legend>{t('register.account')}</legend>
            <TextField
              id={fieldId('username')}
              label={t('register.username')}
              hint={t('register.usernameHint')}
              required
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={d.username}
              onChange={set('username')}
              error={err('username')}
            />
            <TextField
                id={fieldId('password')}
                label={t('register.password')}
                hint={t('register.passwordHint')}
                type="password"
                required
                autoComplete="new-password"
                value={d.password}
                onChange={set('password')}
                error={err('password')}
              />
              <TextField
                id={fieldId('passwordConfirm')}
                label={t('register.passwordConfirm')}
                type="password"
                required
                autoComplete="new-password"
                value={d.passwordConfirm}
                onChange={set('passwordConfirm')}
                error={err('passwordConfirm')}
              />
            <TextField
              id={fieldId('phone')}
              label={t('register.phone')}
              type="tel"
              inputMode="numeric"
              required
              autoComplete="tel-national"
              maxLength={11}
              value={d.phone}
              onChange={set('phone')}
              error={err('phone')}
            />
          </fieldset>
          <fieldset className="group">
            <legend>{t('register.identity')}</legend>
            <RadioGroup<Kind>
              id={fieldId('identity.kind')}
              legend={t('register.kind')}
              value={d.kind}
              options={[
                { value: 'person', label: t('register.person') },
                { value: 'organisation', label: t('register.organisation') },
              ]}
              onChange={(kind) => setD((x) => ({ ...x, kind }))}
              error={err('identity.kind')}
            />
            <TextField
              id={fieldId('identity.name')}
              label={t(d.kind === 'person' ? 'register.personName' : 'register.orgName')}
              required
              autoComplete={d.kind === 'person' ? 'name' : 'organization'}
              value={d.name}
              onChange={set('name')}
              error={err('identity.name')}
            />
            {d.kind === 'person' ? (
              <TextField
                id={fieldId('identity.idNumber')}
                label={t('register.idNumber')}
                required
                autoComplete="off"
                spellCheck={false}
                maxLength={18}
                className="mono-input"
                value={d.idNumber}
                onChange={set('idNumber')}
                error={err('identity.idNumber')}
              />
            ) : (
              <>
                <TextField
                  id={fieldId('identity.creditCode')}
                  label={t('register.creditCode')}
                  required
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={18}
                  className="mono-input"
                  value={d.creditCode}
                  onChange={set('creditCode')}
                  error={err('identity.creditCode')}
                />
                <TextField
                  id={fieldId('identity.legalRepresentative')}
                  label={t('register.legalRep')}
                  required
                  autoComplete="off"
                  value={d.legalRepresentative}
                  onChange={set('legalRepresentative')}
                  error={err('identity.legalRepresentative')}
                />
              </>
            )}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || done}>
              {busy ? t('register.submitting') : t('register.submit')}
            </button>
          </div>
        </form>
        <p className="aside-link">
          {t('register.haveAccount')} <Link to="/login">{t('register.login')}</Link>
        </p>
      </section>
    </div>
  );
}
