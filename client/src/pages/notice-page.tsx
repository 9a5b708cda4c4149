/**
 * /inbox/:id: one assistance notice — what the court asks (type, court, case, debtor, asset, amount, term) — with
 * what the institution's own records hold for the debtor, used to prefill the answer: for an inquiry, the records to
 * report (or "nothing held"); for a freeze or seizure, the rank and the amount actually frozen; for a deduction, the
 * amount transferred. Or the operator refuses, with the reason the court will see.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { displayMoney, formatMoney, isMoney, minMoney } from '@shared/money';
import { ExecuteNoticeBody, RejectNoticeBody } from '@shared/schemas/inbox';
import { api, ApiError, type InstitutionRecord, type NoticeView } from '../api';
import { Badge } from '../components/badge';
import { assetKindLabel, messageTypeLabel, rankLabel } from '../components/control/labels';
import { Alert, RadioGroup, TextAreaField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n, type I18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { NOTICE_TONE, noticeDebtor } from './inbox-page';

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);

function NoticeFacts({ notice, records }: { notice: NoticeView; records: InstitutionRecord[] | undefined }) {
  const { t, pick, formatDate, formatDateTime } = useI18n();
  const debtor = noticeDebtor(notice);
  const body = notice.body;
  const assetRef = str(body.assetRef);
  const record = assetRef ? records?.find((r) => r.assetRef === assetRef) : undefined;
  const amount = str(body.amount);
  const until = str(body.until);
  const rows: [string, string][] = [
    [t('notice.court'), notice.courtName],
    [t('notice.caseNo'), notice.caseNo],
    [t('notice.official'), notice.officialName],
  ];
  if (debtor?.name) rows.push([t('notice.debtor'), debtor.name]);
  if (debtor?.idNumber) rows.push([t('notice.idNumber'), debtor.idNumber]);
  if (assetRef) rows.push([t('notice.asset'), record ? `${assetKindLabel(t, record.kind)} ${record.identifier}（${assetRef}）` : assetRef]);
  if (amount && isMoney(amount)) rows.push([t('notice.amount'), displayMoney(amount)]);
  if (until) rows.push([t('notice.until'), formatDate(until)]);
  const measureRef = str(body.measureRef);
  if (measureRef) rows.push([t('notice.measureRef'), measureRef]);
  const reason = str(body.reason);
  if (reason) rows.push([t('notice.reason'), pick(reason)]);
  const account = str(body.courtAccount);
  if (account) rows.push([t('notice.courtAccount'), account]);
  rows.push([t('notice.received'), formatDateTime(notice.receivedAt)]);
  if (notice.answeredAt) rows.push([t('notice.answered'), formatDateTime(notice.answeredAt)]);
  return (
    <dl className="facts notice-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RecordsList({ records }: { records: InstitutionRecord[] }) {
  const { t } = useI18n();
  if (records.length === 0) return <p className="empty">{t('notice.recordsEmpty')}</p>;
  return (
    <ul className="record-list">
      {records.map((r) => (
        <li key={r.assetRef}>
          <RecordText record={r} />
        </li>
      ))}
    </ul>
  );
}

function RecordText({ record: r }: { record: InstitutionRecord }) {
  const { t, formatDate } = useI18n();
  return (
    <span className="record">
      <span className="asset-id">
        {assetKindLabel(t, r.kind)} {r.identifier}
      </span>
      <span className="asset-desc">{r.description}</span>
      <span className="small">
        {r.balance !== null ? displayMoney(r.balance) : r.indicativeValue !== null ? `${displayMoney(r.indicativeValue)} ${t('assets.indicative')}` : ''}
      </span>
      {r.encumbrances.length ? (
        <span className="small muted">
          {t('notice.encumbered', {
            list: r.encumbrances.map((e) => `${rankLabel(t, e.rank)} ${e.courtName} ${formatDate(e.until)}`).join('；'),
          })}
        </span>
      ) : null}
    </span>
  );
}

function ResultView({ notice }: { notice: NoticeView }) {
  const { t, pick } = useI18n();
  if (notice.status === 'rejected') {
    return <p>{t('notice.refusedReason', { reason: pick(notice.reason ?? '') })}</p>;
  }
  const r = notice.result ?? {};
  const parts: string[] = [];
  if (Array.isArray(r.assets)) parts.push(r.assets.length ? t('notice.resultAssets', { n: r.assets.length }) : t('notice.resultNothing'));
  if (typeof r.rank === 'number') parts.push(t('notice.resultRank', { rank: rankLabel(t, r.rank) }));
  const frozen = str(r.frozenAmount);
  if (frozen && isMoney(frozen)) parts.push(t('notice.resultFrozen', { amount: displayMoney(frozen) }));
  const deducted = str(r.deductedAmount);
  if (deducted && isMoney(deducted)) parts.push(t('notice.resultDeducted', { amount: displayMoney(deducted) }));
  const assets = Array.isArray(r.assets) ? (r.assets as { kind?: string; identifier?: string; description?: string }[]) : [];
  return (
    <>
      <p>{parts.join('；') || t('notice.status.executed')}</p>
      {assets.length ? (
        <ul className="record-list">
          {assets.map((a, i) => (
            <li key={`${a.identifier}-${i}`}>
              <span className="record">
                <span className="asset-id">
                  {assetKindLabel(t, a.kind ?? '')} {a.identifier}
                </span>
                <span className="asset-desc">{a.description}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

type Outcome = 'execute' | 'reject';

/** The rank to suggest for a freeze or seizure: after the measures the asset already carries. */
function suggestedRank(record: InstitutionRecord | undefined): number {
  return record ? record.encumbrances.length + 1 : 1;
}

function AnswerForm({ notice, records, onAnswered }: { notice: NoticeView; records: InstitutionRecord[] | undefined; onAnswered(n: NoticeView, message: string): void }) {
  const i18n: I18n = useI18n();
  const { t, pick } = i18n;
  const body = notice.body;
  const assetRef = str(body.assetRef);
  const record = assetRef ? records?.find((r) => r.assetRef === assetRef) : undefined;
  const ordered = str(body.amount);
  const [outcome, setOutcome] = useState<Outcome>('execute');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [nothingHeld, setNothingHeld] = useState(false);
  const [rank, setRank] = useState('1');
  const [frozenAmount, setFrozenAmount] = useState(ordered && isMoney(ordered) ? formatMoney(ordered) : '');
  const [measureRef, setMeasureRef] = useState('');
  const [deductedAmount, setDeductedAmount] = useState(ordered && isMoney(ordered) ? formatMoney(ordered) : '');
  const [transferRef, setTransferRef] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefilled = useRef(false);

  // Prefill from the institution's records once they arrive.
  useEffect(() => {
    if (!records || prefilled.current) return;
    prefilled.current = true;
    if (notice.type === 'inquiry') {
      setPicked(new Set(records.map((r) => r.assetRef)));
      setNothingHeld(records.length === 0);
    }
    if (notice.type === 'freeze' || notice.type === 'seize') setRank(String(suggestedRank(record)));
    if (notice.type === 'freeze' && record?.balance && ordered && isMoney(ordered)) setFrozenAmount(formatMoney(minMoney(ordered, record.balance)));
  }, [records, record, notice.type, ordered]);

  function toBody(): unknown {
    switch (notice.type) {
      case 'inquiry':
        return {
          assets: (records ?? [])
            .filter((r) => picked.has(r.assetRef))
            .map((r) => ({
              kind: r.kind,
              identifier: r.identifier,
              description: r.description,
              ...(r.balance !== null ? { balance: r.balance } : {}),
              ...(r.indicativeValue !== null ? { indicativeValue: r.indicativeValue } : {}),
            })),
        };
      case 'freeze':
        return {
          rank: Number(rank),
          ...(frozenAmount.trim() ? { frozenAmount: frozenAmount.trim() } : {}),
          ...(measureRef.trim() ? { measureRef: measureRef.trim() } : {}),
        };
      case 'seize':
        return { rank: Number(rank), ...(measureRef.trim() ? { measureRef: measureRef.trim() } : {}) };
      case 'deduct':
        return {
          ...(deductedAmount.trim() ? { deductedAmount: deductedAmount.trim() } : {}),
          ...(transferRef.trim() ? { transferRef: transferRef.trim() } : {}),
        };
      default:
        return {};
    }
  }

  function showErrors(problems: Record<string, string>) {
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) document.getElementById(`answer-${first}`)?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (outcome === 'reject') {
      const parsed = RejectNoticeBody.safeParse({ reason });
      if (!parsed.success) return showErrors({ reason: reason.trim() ? pick(parsed.error.issues[0]?.message ?? '') : t('errors.required') });
    } else if (notice.type === 'inquiry' && picked.size === 0 && !nothingHeld) {
      return showErrors({ assets: t('notice.pickOrNothing') });
    }
    const payload = outcome === 'execute' ? toBody() : null;
    if (payload) {
      const parsed = ExecuteNoticeBody.safeParse(payload);
      if (!parsed.success) {
        const out: Record<string, string> = {};
        for (const issue of parsed.error.issues) out[String(issue.path[0] ?? '')] ??= pick(issue.message);
        return showErrors(out);
      }
    }
    setErrors({});
    setBusy(true);
    try {
      const answered =
        outcome === 'reject' ? await api.rejectNotice(notice.id, reason.trim()) : await api.executeNotice(notice.id, ExecuteNoticeBody.parse(payload));
      onAnswered(answered, t(outcome === 'reject' ? 'notice.rejectedDone' : 'notice.executedDone'));
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues : [];
      if (issues.length) showErrors(Object.fromEntries(issues.map((i) => [String(i.path[0] ?? ''), pick(i.message)])));
      else setFormError(errorText(err, i18n));
      setBusy(false);
    }
  }

  return (
    <form className="answer-form" onSubmit={submit} noValidate aria-labelledby="answer-title">
      <h2 id="answer-title">{t('notice.answer')}</h2>
      {formError ? <Alert kind="error">{formError}</Alert> : null}
      <RadioGroup<Outcome>
        id="answer-outcome"
        legend={t('notice.outcome')}
        value={outcome}
        onChange={setOutcome}
        options={[
          { value: 'execute', label: t('notice.outcome.execute') },
          { value: 'reject', label: t('notice.outcome.reject') },
        ]}
      />
      {outcome === 'execute' && notice.type === 'inquiry' ? (
        <fieldset className={`record-picks${errors.assets ? ' has-error' : ''}`} aria-describedby="answer-assets-hint">
          <legend className="field-label">{t('notice.report')}</legend>
          <p id="answer-assets-hint" className="field-hint">
            {t('notice.reportHint')}
          </p>
          {errors.assets ? (
            <p className="field-error" id="answer-assets-error">
              {errors.assets}
            </p>
          ) : null}
          {records === undefined ? <Loading /> : null}
          {(records ?? []).map((r, i) => (
            <label key={r.assetRef} className="check record-check" htmlFor={i === 0 ? 'answer-assets' : `answer-asset-${i}`}>
              <input
                type="checkbox"
                id={i === 0 ? 'answer-assets' : `answer-asset-${i}`}
                checked={picked.has(r.assetRef)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(r.assetRef);
                  else next.delete(r.assetRef);
                  setPicked(next);
                  if (e.target.checked) setNothingHeld(false);
                }}
              />
              <RecordText record={r} />
            </label>
          ))}
          <label className="check" htmlFor={records?.length ? 'answer-nothing' : 'answer-assets'}>
            <input
              type="checkbox"
              id={records?.length ? 'answer-nothing' : 'answer-assets'}
              checked={nothingHeld}
              onChange={(e) => {
                setNothingHeld(e.target.checked);
                if (e.target.checked) setPicked(new Set());
              }}
            />
            <span>{t('notice.nothingHeld')}</span>
          </label>
        </fieldset>
      ) : null}
      {outcome === 'execute' && (notice.type === 'freeze' || notice.type === 'seize') ? (
        <div className="field-row">
          <TextField
            id="answer-rank"
            label={t('notice.rank')}
            hint={t('notice.rankHint', { n: suggestedRank(record) })}
            error={errors.rank}
            type="number"
            min={1}
            max={99}
            inputMode="numeric"
            value={rank}
            onChange={(e) => setRank(e.target.value)}
          />
          {notice.type === 'freeze' ? (
            <TextField
              id="answer-frozenAmount"
              label={t('notice.frozenAmount')}
              hint={ordered && isMoney(ordered) ? t('notice.frozenHint', { amount: displayMoney(ordered) }) : undefined}
              error={errors.frozenAmount}
              className="money-input"
              inputMode="decimal"
              autoComplete="off"
              value={frozenAmount}
              onChange={(e) => setFrozenAmount(e.target.value)}
            />
          ) : null}
          <TextField
            id="answer-measureRef"
            label={t('notice.measureRefInput')}
            optional
            error={errors.measureRef}
            autoComplete="off"
            value={measureRef}
            onChange={(e) => setMeasureRef(e.target.value)}
          />
        </div>
      ) : null}
      {outcome === 'execute' && notice.type === 'deduct' ? (
        <div className="field-row">
          <TextField
            id="answer-deductedAmount"
            label={t('notice.deductedAmount')}
            error={errors.deductedAmount}
            className="money-input"
            inputMode="decimal"
            autoComplete="off"
            value={deductedAmount}
            onChange={(e) => setDeductedAmount(e.target.value)}
          />
          <TextField
            id="answer-transferRef"
            label={t('notice.transferRef')}
            optional
            error={errors.transferRef}
            autoComplete="off"
            value={transferRef}
            onChange={(e) => setTransferRef(e.target.value)}
          />
        </div>
      ) : null}
      {outcome === 'reject' ? (
        <TextAreaField
          id="answer-reason"
          label={t('notice.rejectReason')}
          hint={t('notice.rejectHint')}
          required
          error={errors.reason}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('notice.submitting') : outcome === 'reject' ? t('notice.submitReject') : t('notice.submitExecute')}
        </button>
      </div>
    </form>
  );
}

export function NoticePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const loaded = useLoad(() => api.notice(id), [id]);
  const [notice, setNotice] = useState<NoticeView | null>(null);
  const [message, setMessage] = useState('');
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (loaded.data) setNotice(loaded.data);
  }, [loaded.data]);
  const n = notice ?? loaded.data ?? null;
  const hasDebtor = Boolean(n && noticeDebtor(n)?.idNumber);
  const records = useLoad(() => (hasDebtor ? api.noticeRecords(id) : Promise.resolve(null)), [id, hasDebtor]);
  // What the answer form may prefill from: undefined while the records are still on their way.
  const recordsReady: InstitutionRecord[] | undefined = !n ? undefined : !hasDebtor || records.error ? [] : records.loading ? undefined : (records.data ?? undefined);
  const typeLabel = n ? messageTypeLabel(t, n.type) : '';
  // An open inquiry lists the records in its answer form; other notices show them beside the notice.
  const showRecords = hasDebtor && !(n?.type === 'inquiry' && n.status === 'new');
  usePageTitle(n ? `${t('notice.typeTitle', { type: typeLabel })} · ${n.caseNo}` : t('inbox.title'));

  return (
    <div className="page notice-page">
      <p className="back-link">
        {/* Back to the tab the notice was opened from: the to-do list, or the history. */}
        <Link to={loaded.data && loaded.data.status !== 'new' ? `/inbox?status=${loaded.data.status}` : '/inbox'}>← {t('notice.back')}</Link>
      </p>
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.loading && !n ? <Loading /> : null}
      {n ? (
        <>
          <div className="page-head">
            <div>
              <h1>{t('notice.typeTitle', { type: typeLabel })}</h1>
              <p className="page-sub">
                <span className="case-no-inline">{n.caseNo}</span> · {n.courtName}
              </p>
            </div>
            <Badge tone={NOTICE_TONE[n.status]}>{t(`notice.status.${n.status}`)}</Badge>
          </div>
          <div className="live-slot" aria-live="polite" ref={messageRef} tabIndex={-1}>
            {message ? <p className="alert alert-success">{message}</p> : null}
          </div>
          <div className={`notice-grid${showRecords ? '' : ' single'}`}>
            <section className="card" aria-labelledby="notice-details-title">
              <h2 id="notice-details-title">{t('notice.details')}</h2>
              <NoticeFacts notice={n} records={records.data ?? undefined} />
            </section>
            {showRecords ? (
              <section className="card" aria-labelledby="notice-records-title">
                <h2 id="notice-records-title">{t('notice.records')}</h2>
                <p className="lead">{t('notice.recordsIntro')}</p>
                {records.error ? <Alert kind="info">{t('notice.recordsUnavailable')}</Alert> : null}
                {records.loading && !records.data ? <Loading /> : null}
                {records.data ? <RecordsList records={records.data} /> : null}
              </section>
            ) : null}
          </div>
          {n.status === 'new' ? (
            <section className="card">
              <AnswerForm
                notice={n}
                records={recordsReady}
                onAnswered={(answered, text) => {
                  setNotice(answered);
                  setMessage(text);
                  requestAnimationFrame(() => messageRef.current?.focus());
                }}
              />
            </section>
          ) : (
            <section className="card" aria-labelledby="notice-result-title">
              <h2 id="notice-result-title">{t('notice.result')}</h2>
              <ResultView notice={n} />
            </section>
          )}
        </>
      ) : null}
    </div>
  );
}
