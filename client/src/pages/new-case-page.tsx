import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { displayMoney, isMoney } from '@shared/money';
import { CreateCaseBody, type PartyInput } from '@shared/schemas/cases';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { ErrorSummary, RadioGroup, SelectField, TextField } from '../components/fields';
import { useI18n, type I18n, type MessageKey } from '../i18n';
import { errorText } from '../lib/error-text';
import { blankRequired, fieldId, issuesToErrors, summaryItems, type FieldErrors } from '../lib/form-errors';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';

type PartyRole = 'creditors' | 'debtors';
type PartyKind = PartyInput['kind'];

interface PartyDraft {
  /** Stable React key; indexes shift when a party is removed. */
  key: number;
  kind: PartyKind;
  name: string;
  idNumber: string;
  creditCode: string;
}

interface Draft {
  caseNo: string;
  judgeId: string;
  cause: string;
  basis: string;
  claimAmount: string;
  creditors: PartyDraft[];
  debtors: PartyDraft[];
}

let nextKey = 1;
const newParty = (kind: PartyKind): PartyDraft => ({ key: nextKey++, kind, name: '', idNumber: '', creditCode: '' });

function toBody(d: Draft): unknown {
  const party = (p: PartyDraft) =>
    p.kind === 'person'
      ? { kind: 'person', name: p.name, idNumber: p.idNumber }
      : { kind: 'organisation', name: p.name, creditCode: p.creditCode };
  return {
    ...(d.caseNo.trim() ? { caseNo: d.caseNo.trim() } : {}),
    judgeId: d.judgeId,
    cause: d.cause,
    basis: d.basis,
    claimAmount: d.claimAmount.trim(),
    creditors: d.creditors.map(party),
    debtors: d.debtors.map(party),
  };
}

/** Field keys in the order they appear on the page, so the error summary reads top to bottom. */
function fieldOrder(d: Draft): string[] {
  const parties = (role: PartyRole) =>
    d[role].flatMap((_, i) => [`${role}.${i}.kind`, `${role}.${i}.name`, `${role}.${i}.idNumber`, `${role}.${i}.creditCode`, `${role}.${i}`]);
  return ['caseNo', 'judgeId', 'cause', 'claimAmount', 'basis', ...parties('creditors'), 'creditors', ...parties('debtors'), 'debtors'];
}

const TOP_LABELS: Record<string, MessageKey> = {
  caseNo: 'newCase.caseNo',
  judgeId: 'newCase.judge',
  cause: 'newCase.cause',
  claimAmount: 'newCase.claimAmount',
  basis: 'newCase.basis',
  creditors: 'case.creditors',
  debtors: 'case.debtors',
};

/** How the error summary names a field, e.g. "申请执行人 1 · 公民身份号码". */
function fieldLabel(key: string, d: Draft, t: I18n['t']): string | null {
  const top = TOP_LABELS[key];
  if (top) return t(top);
  const m = /^(creditors|debtors)\.(\d+)(?:\.(\w+))?$/.exec(key);
  if (!m) return null;
  const role = m[1] as PartyRole;
  const index = Number(m[2]);
  const party = t('party.numbered', { role: t(role === 'creditors' ? 'party.creditor' : 'party.debtor'), n: index + 1 });
  const field = m[3];
  const kind = d[role][index]?.kind ?? 'person';
  const fieldKey: MessageKey | null =
    field === 'name'
      ? kind === 'person'
        ? 'party.personName'
        : 'party.orgName'
      : field === 'idNumber'
        ? 'party.idNumber'
        : field === 'creditCode'
          ? 'party.creditCode'
          : field === 'kind'
            ? 'party.kind'
            : null;
  return fieldKey ? t('errors.party', { party, field: t(fieldKey) }) : party;
}

export function NewCasePage() {
  const i18n = useI18n();
  const { t, pick, lang } = i18n;
  const { user } = useAuth();
  const navigate = useNavigate();
  usePageTitle(t('newCase.title'));

  const [draft, setDraft] = useState<Draft>(() => ({
    caseNo: '',
    judgeId: '',
    cause: '',
    basis: '',
    claimAmount: '',
    creditors: [newParty('person')],
    debtors: [newParty('person')],
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [errorSource, setErrorSource] = useState<'client' | 'server' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusField, setFocusField] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const staff = useLoad(() => (user?.courtId ? api.courtStaff(user.courtId) : Promise.resolve([])), [user?.courtId]);
  const judges = (staff.data ?? []).filter((s) => s.role === 'judge');

  // A judge filing a case usually handles it: preselect them.
  useEffect(() => {
    if (user?.role === 'judge' && judges.some((j) => j.id === user.id)) {
      setDraft((d) => (d.judgeId ? d : { ...d, judgeId: user.id }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [staff.data, user?.id]);

  useEffect(() => {
    if (!focusField) return;
    document.getElementById(focusField)?.focus();
    setFocusField(null);
  }, [focusField]);

  function validate(d: Draft): FieldErrors {
    const parsed = CreateCaseBody.safeParse(toBody(d));
    if (parsed.success) return {};
    const required: Record<string, string> = { cause: d.cause, claimAmount: d.claimAmount, basis: d.basis };
    for (const role of ['creditors', 'debtors'] as const) {
      d[role].forEach((p, i) => {
        required[`${role}.${i}.name`] = p.name;
        required[`${role}.${i}.${p.kind === 'person' ? 'idNumber' : 'creditCode'}`] = p.kind === 'person' ? p.idNumber : p.creditCode;
      });
    }
    const errs = blankRequired(issuesToErrors(parsed.error.issues), required, t('errors.required'));
    if (!d.judgeId && 'judgeId' in errs) errs.judgeId = t('newCase.chooseJudge');
    return errs;
  }

  // Client messages follow a language switch (zod's own messages are produced in the current language).
  useEffect(() => {
    if (errorSource === 'client') setErrors(validate(draft));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  function showErrors() {
    queueMicrotask(() => summaryRef.current?.focus());
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const errs = validate(draft);
    if (Object.keys(errs).length) {
      setErrors(errs);
      setErrorSource('client');
      showErrors();
      return;
    }
    setErrors({});
    setErrorSource(null);
    setBusy(true);
    try {
      const created = await api.createCase(CreateCaseBody.parse(toBody(draft)));
      navigate(`/cases/${created.id}`, { state: { created: true } });
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        setErrors(issuesToErrors(err.issues));
        setErrorSource('server');
        if (err.issues.every((i) => i.path.length === 0)) setFormError(pick(err.message));
      } else {
        setFormError(errorText(err, i18n));
      }
      showErrors();
    } finally {
      setBusy(false);
    }
  }

  const set = (k: 'caseNo' | 'judgeId' | 'cause' | 'basis' | 'claimAmount') => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  function setParty(role: PartyRole, index: number, patch: Partial<PartyDraft>) {
    setDraft((d) => ({ ...d, [role]: d[role].map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
  }

  function addParty(role: PartyRole) {
    const index = draft[role].length;
    setDraft((d) => ({ ...d, [role]: [...d[role], newParty(role === 'creditors' ? 'person' : 'organisation')] }));
    setFocusField(fieldId(`${role}.${index}.name`));
  }

  function removeParty(role: PartyRole, index: number) {
    setDraft((d) => ({ ...d, [role]: d[role].filter((_, i) => i !== index) }));
    // Messages are keyed by index, which has just shifted: drop this list's messages.
    setErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !k.startsWith(`${role}.`))));
    setFocusField(`add-${role}`);
  }

  const err = (key: string) => (errors[key] ? pick(errors[key]) : undefined);

  const summary = summaryItems({
    errors,
    formError,
    order: fieldOrder(draft),
    target: (k) => (k === 'creditors' || k === 'debtors' ? `add-${k}` : fieldOrder(draft).includes(k) ? fieldId(k) : null),
    label: (k) => fieldLabel(k, draft, t),
    pick,
    join: (field, message) => t('errors.item', { field, message }),
  });

  const claimOk = isMoney(draft.claimAmount) && !draft.claimAmount.trim().startsWith('-');

  function partyList(role: PartyRole) {
    const roleLabel = t(role === 'creditors' ? 'party.creditor' : 'party.debtor');
    return (
      <section className="card party-section" aria-labelledby={`${role}-title`}>
        <h2 id={`${role}-title`}>{t(role === 'creditors' ? 'case.creditors' : 'case.debtors')}</h2>
        {err(role) ? (
          <p className="field-error" id={`${role}-error`}>
            {err(role)}
          </p>
        ) : null}
        {draft[role].map((p, i) => {
          const base = `${role}.${i}`;
          const n = i + 1;
          return (
            <fieldset key={p.key} className="party-entry">
              <legend>{t('party.numbered', { role: roleLabel, n })}</legend>
              <RadioGroup<PartyKind>
                id={fieldId(`${base}.kind`)}
                legend={t('party.kind')}
                value={p.kind}
                options={[
                  { value: 'person', label: t('party.person') },
                  { value: 'organisation', label: t('party.organisation') },
                ]}
                onChange={(kind) => setParty(role, i, { kind })}
                error={err(`${base}.kind`)}
              />
              <div className="field-row">
                <TextField
                  id={fieldId(`${base}.name`)}
                  label={t(p.kind === 'person' ? 'party.personName' : 'party.orgName')}
                  required
                  autoComplete="off"
                  value={p.name}
                  onChange={(e) => setParty(role, i, { name: e.target.value })}
                  error={err(`${base}.name`)}
                />
                {p.kind === 'person' ? (
                  <TextField
                    id={fieldId(`${base}.idNumber`)}
                    label={t('party.idNumber')}
                    required
                    autoComplete="off"
                    spellCheck={false}
                    autoCapitalize="characters"
                    maxLength={18}
                    className="mono-input"
                    value={p.idNumber}
                    onChange={(e) => setParty(role, i, { idNumber: e.target.value })}
                    error={err(`${base}.idNumber`)}
                  />
                ) : (
                  <TextField
                    id={fieldId(`${base}.creditCode`)}
                    label={t('party.creditCode')}
                    required
                    autoComplete="off"
                    spellCheck={false}
                    autoCapitalize="characters"
                    maxLength={18}
                    className="mono-input"
                    value={p.creditCode}
                    onChange={(e) => setParty(role, i, { creditCode: e.target.value })}
                    error={err(`${base}.creditCode`)}
                  />
                )}
              </div>
              {err(base) ? <p className="field-error">{err(base)}</p> : null}
              {draft[role].length > 1 ? (
                <button type="button" className="button button-quiet button-small" onClick={() => removeParty(role, i)}>
                  {t('party.remove', { role: roleLabel, n })}
                </button>
              ) : null}
            </fieldset>
          );
        })}
        <button type="button" id={`add-${role}`} className="button" onClick={() => addParty(role)}>
          + {t(role === 'creditors' ? 'party.addCreditor' : 'party.addDebtor')}
        </button>
      </section>
    );
  }

  return (
    <div className="page form-page">
      <p className="back-link">
        <Link to="/cases">← {t('case.back')}</Link>
      </p>
      <h1>{t('newCase.title')}</h1>
      <p className="lead">{t('newCase.intro')}</p>
      <ErrorSummary ref={summaryRef} items={summary} />
      <form onSubmit={onSubmit} noValidate>
        <section className="card" aria-labelledby="new-case-basics">
          <h2 id="new-case-basics">{t('newCase.basics')}</h2>
          <div className="field-row">
            <TextField
              id={fieldId('caseNo')}
              label={t('newCase.caseNo')}
              optional
              hint={t('newCase.caseNoHint')}
              placeholder="（2026）京0105执1234号"
              autoComplete="off"
              value={draft.caseNo}
              onChange={set('caseNo')}
              error={err('caseNo')}
            />
            <SelectField
              id={fieldId('judgeId')}
              label={t('newCase.judge')}
              required
              value={draft.judgeId}
              onChange={set('judgeId')}
              error={err('judgeId')}
              hint={staff.data && judges.length === 0 ? t('newCase.noJudges') : t('newCase.judgeHint')}
            >
              <option value="">{t('newCase.chooseJudge')}</option>
              {judges.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.displayName}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="field-row">
            <TextField
              id={fieldId('cause')}
              label={t('newCase.cause')}
              required
              hint={t('newCase.causeHint')}
              value={draft.cause}
              onChange={set('cause')}
              error={err('cause')}
            />
            <TextField
              id={fieldId('claimAmount')}
              label={t('newCase.claimAmount')}
              required
              inputMode="decimal"
              autoComplete="off"
              hint={t('newCase.claimHint')}
              className="money-input"
              value={draft.claimAmount}
              onChange={set('claimAmount')}
              error={err('claimAmount')}
              after={
                claimOk ? (
                  <p className="field-preview" aria-live="polite">
                    {t('newCase.claimPreview', { amount: displayMoney(draft.claimAmount.trim()) })}
                  </p>
                ) : null
              }
            />
          </div>
          <TextField
            id={fieldId('basis')}
            label={t('newCase.basis')}
            required
            hint={t('newCase.basisHint')}
            value={draft.basis}
            onChange={set('basis')}
            error={err('basis')}
          />
        </section>
        {partyList('creditors')}
        {partyList('debtors')}
        <div className="form-actions sticky-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('newCase.submitting') : t('newCase.submit')}
          </button>
          <Link to="/cases" className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
