/**
 * 控制措施 and 扣划审批: the case's freezes and seizures with status, rank, amounts and expiry, and the actions renew
 * (续行), release (解除, with the reason) and deduct (扣划, an amount); deductions wait for a second approver — another
 * judge of the court with approval rights — who approves or declines them here.
 */
import { useRef, useState } from 'react';
import { compareMoney, displayMoney, formatMoney } from '@shared/money';
import { PositiveMoneyString, } from '@shared/schemas/common';
import { ReleaseMeasureBody } from '@shared/schemas/measures';
import type { UserView } from '@shared/schemas/auth';
import { api, type CaseMeasures, type DeductionView, type MeasureView } from '../../api';
import { useI18n } from '../../i18n';
import { errorText } from '../../lib/error-text';
import { Badge, type Tone } from '../badge';
import { Alert } from '../fields';
import { assetKindLabel, dayToInstant, rankLabel } from './labels';
import { FieldDialog } from './field-dialog';

export function measureStatusTone(status: MeasureView['status']): Tone {
  switch (status) {
    case 'in_force':
      return 'success';
    case 'queued':
      return 'warning';
    case 'pending':
      return 'waiting';
    case 'rejected':
      return 'danger';
    default:
      return 'neutral';
  }
}

function deductionTone(status: DeductionView['status']): Tone {
  switch (status) {
    case 'awaiting_approval':
      return 'warning';
    case 'approved':
      return 'waiting';
    case 'completed':
      return 'success';
    case 'rejected_by_institution':
      return 'danger';
    default:
      return 'neutral';
  }
}

type Action = { kind: 'renew' | 'release' | 'deduct'; measure: MeasureView } | { kind: 'decline' | 'withdraw'; deduction: DeductionView };

const OPEN_DEDUCTION: DeductionView['status'][] = ['awaiting_approval', 'approved'];

function useMoneyCheck() {
  const { pick } = useI18n();
  return (value: string) => {
    const parsed = PositiveMoneyString.safeParse(value);
    return parsed.success ? null : pick(parsed.error.issues[0]?.message ?? '');
  };
}

export function MeasuresSection({
  measures,
  deductions,
  user,
  canAct,
  onChanged,
}: {
  measures: CaseMeasures;
  deductions: DeductionView[];
  user: UserView;
  /** Judges and clerks of the court act; others only read. */
  canAct: boolean;
  onChanged(): void;
}) {
  const i18n = useI18n();
  const { t, pick, formatDate, formatDateTime } = i18n;
  const checkMoney = useMoneyCheck();
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const byMeasure = new Map(measures.items.map((m) => [m.id, m]));
  const openDeduction = new Set(deductions.filter((d) => OPEN_DEDUCTION.includes(d.status)).map((d) => d.measureId));
  const assetName = (m: MeasureView) => `${assetKindLabel(t, m.assetKind)} ${m.assetIdentifier}`;

  function done(text: string) {
    setAction(null);
    setError(null);
    setMessage(text);
    onChanged();
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  async function approve(d: DeductionView) {
    setBusyId(d.id);
    setError(null);
    try {
      await api.approveDeduction(d.id);
      done(t('deduction.approved'));
    } catch (err) {
      setError(errorText(err, i18n));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <>
      <section className="card" id="measures" aria-labelledby="measures-title">
        <h2 id="measures-title">{t('measures.title')}</h2>
        <div className="live-slot" aria-live="polite" ref={messageRef} tabIndex={-1}>
          {message ? <p className="alert alert-success">{message}</p> : null}
        </div>
        {measures.items.length === 0 ? (
          <p className="empty">{t('measures.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-table measure-table">
              <caption className="visually-hidden">{t('measures.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('measures.col.asset')}</th>
                  <th scope="col">{t('measures.col.measure')}</th>
                  <th scope="col">{t('measures.col.status')}</th>
                  <th scope="col" className="num">
                    {t('measures.col.amount')}
                  </th>
                  <th scope="col">{t('measures.col.expiry')}</th>
                  {canAct ? <th scope="col">{t('measures.col.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {measures.items.map((m) => {
                  const live = m.status === 'in_force' || m.status === 'queued';
                  const free = live && !m.pendingOrder;
                  const canDeduct =
                    free && m.kind === 'freeze' && m.status === 'in_force' && compareMoney(m.availableAmount, '0') > 0 && !openDeduction.has(m.id);
                  const name = assetName(m);
                  return (
                    <tr key={m.id} data-measure={m.id} data-asset={m.assetIdentifier} data-status={m.status}>
                      <th scope="row" data-label={t('measures.col.asset')}>
                        <div className="asset-cell">
                          <span className="asset-kind">{m.institutionName}</span>
                          <span className="asset-id">{name}</span>
                          {m.indivisible && m.indivisibleReason ? (
                            <span className="asset-desc">{t('measure.indivisible', { reason: m.indivisibleReason })}</span>
                          ) : null}
                        </div>
                      </th>
                      <td data-label={t('measures.col.measure')}>
                        <span className="stack">
                          <span>{t(m.kind === 'freeze' ? 'measure.freeze' : 'measure.seizure')}</span>
                          {m.rank !== null ? <span className="rank">{rankLabel(t, m.rank)}</span> : null}
                        </span>
                      </td>
                      <td data-label={t('measures.col.status')}>
                        <span className="stack">
                          <Badge tone={measureStatusTone(m.status)}>{t(`measure.status.${m.status}`)}</Badge>
                          {m.pendingOrder ? <Badge tone="waiting">{t(`measure.order.${m.pendingOrder}`)}</Badge> : null}
                          {m.endReason && !live ? <span className="small muted">{t('measure.endReason', { reason: pick(m.endReason) })}</span> : null}
                        </span>
                      </td>
                      <td data-label={t('measures.col.amount')} className="num">
                        <span className="stack">
                          {m.kind === 'freeze' ? (
                            <>
                              {m.requestedAmount ? <span>{t('measure.requested', { amount: displayMoney(m.requestedAmount) })}</span> : null}
                              {m.frozenAmount ? <strong>{t('measure.frozen', { amount: displayMoney(m.frozenAmount) })}</strong> : null}
                              {compareMoney(m.deductedAmount, '0') > 0 ? <span>{t('measure.deducted', { amount: displayMoney(m.deductedAmount) })}</span> : null}
                            </>
                          ) : m.requestedAmount ? (
                            <span>{t('measure.value', { amount: displayMoney(m.requestedAmount) })}</span>
                          ) : (
                            '—'
                          )}
                        </span>
                      </td>
                      <td data-label={t('measures.col.expiry')}>
                        <span className="stack">
                          <time dateTime={m.expiresAt}>{formatDate(m.expiresAt)}</time>
                          {live ? (
                            <span className={`small${m.daysLeft <= 7 ? ' urgent' : ' muted'}`}>{t('measure.daysLeft', { n: m.daysLeft })}</span>
                          ) : null}
                        </span>
                      </td>
                      {canAct ? (
                        <td data-label={t('measures.col.actions')}>
                          {free ? (
                            <span className="row-actions">
                              <RowAction label={t('measure.renew')} aria={t('measure.actionLabel', { action: t('measure.renew'), asset: name })} onClick={() => setAction({ kind: 'renew', measure: m })} />
                              <RowAction label={t('measure.release')} aria={t('measure.actionLabel', { action: t('measure.release'), asset: name })} onClick={() => setAction({ kind: 'release', measure: m })} />
                              {canDeduct ? (
                                <RowAction label={t('measure.deduct')} aria={t('measure.actionLabel', { action: t('measure.deduct'), asset: name })} onClick={() => setAction({ kind: 'deduct', measure: m })} />
                              ) : null}
                            </span>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" id="deductions" aria-labelledby="deductions-title">
        <h2 id="deductions-title">{t('deductions.title')}</h2>
        {error ? <Alert kind="error">{error}</Alert> : null}
        {deductions.length === 0 ? (
          <p className="empty">{t('deductions.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-table deduction-table">
              <caption className="visually-hidden">{t('deductions.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('deductions.col.measure')}</th>
                  <th scope="col" className="num">
                    {t('deductions.col.amount')}
                  </th>
                  <th scope="col">{t('deductions.col.status')}</th>
                  <th scope="col">{t('deductions.col.people')}</th>
                  {canAct ? <th scope="col">{t('deductions.col.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {deductions.map((d) => {
                  const m = byMeasure.get(d.measureId);
                  const mine = d.requestedBy.id === user.id;
                  const waiting = d.status === 'awaiting_approval';
                  const amount = displayMoney(d.amount);
                  return (
                    <tr key={d.id} data-deduction={d.id} data-status={d.status}>
                      <th scope="row" data-label={t('deductions.col.measure')}>
                        {m ? (
                          <div className="asset-cell">
                            <span className="asset-kind">{m.institutionName}</span>
                            <span className="asset-id">{assetName(m)}</span>
                          </div>
                        ) : (
                          d.measureId.slice(0, 8)
                        )}
                      </th>
                      <td data-label={t('deductions.col.amount')} className="num">
                        {amount}
                      </td>
                      <td data-label={t('deductions.col.status')}>
                        <Badge tone={deductionTone(d.status)}>{t(`deduction.status.${d.status}`)}</Badge>
                      </td>
                      <td data-label={t('deductions.col.people')}>
                        <span className="stack small">
                          <span>{t('deduction.requestedBy', { name: d.requestedBy.displayName, time: formatDateTime(d.requestedAt) })}</span>
                          {d.approvedBy && d.approvedAt ? (
                            <span>{t('deduction.approvedBy', { name: d.approvedBy.displayName, time: formatDateTime(d.approvedAt) })}</span>
                          ) : null}
                          {d.declinedBy ? (
                            <span>{t('deduction.declinedBy', { name: d.declinedBy.displayName, reason: d.declinedReason ?? '' })}</span>
                          ) : null}
                          {d.deductedAmount && d.transferRef ? (
                            <span>{t('deduction.transfer', { amount: displayMoney(d.deductedAmount), ref: d.transferRef })}</span>
                          ) : null}
                          {d.rejectionReason ? <span>{t('deduction.refused', { reason: pick(d.rejectionReason) })}</span> : null}
                        </span>
                      </td>
                      {canAct ? (
                        <td data-label={t('deductions.col.actions')}>
                          {waiting ? (
                            <span className="row-actions">
                              {mine ? (
                                <>
                                  <span className="small muted">{t('deduction.ownNote')}</span>
                                  <RowAction label={t('deduction.withdraw')} aria={t('deduction.actionLabel', { action: t('deduction.withdraw'), amount })} onClick={() => setAction({ kind: 'withdraw', deduction: d })} />
                                </>
                              ) : user.canApprove ? (
                                <>
                                  <RowAction label={t('deduction.approve')} aria={t('deduction.actionLabel', { action: t('deduction.approve'), amount })} primary disabled={busyId === d.id} onClick={() => void approve(d)} />
                                  <RowAction label={t('deduction.decline')} aria={t('deduction.actionLabel', { action: t('deduction.decline'), amount })} onClick={() => setAction({ kind: 'decline', deduction: d })} />
                                </>
                              ) : null}
                            </span>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {action?.kind === 'renew' ? (
        <FieldDialog
          title={t('renew.title')}
          subtitle={`${action.measure.institutionName} · ${assetName(action.measure)}`}
          name="until"
          label={t('renew.until')}
          hint={t('renew.hint')}
          input={{ type: 'date' }}
          submitLabel={t('renew.submit')}
          onClose={() => setAction(null)}
          onSubmit={async (day) => {
            await api.renewMeasure(action.measure.id, day ? { until: dayToInstant(day) } : {});
            done(t('renew.sent'));
          }}
        />
      ) : null}
      {action?.kind === 'release' ? (
        <FieldDialog
          title={t('release.title')}
          subtitle={`${action.measure.institutionName} · ${assetName(action.measure)}`}
          name="reason"
          label={t('release.reason')}
          hint={t('release.reasonHint')}
          required
          validate={(v) => {
            const r = ReleaseMeasureBody.safeParse({ reason: v });
            return r.success ? null : pick(r.error.issues[0]?.message ?? '');
          }}
          submitLabel={t('release.submit')}
          onClose={() => setAction(null)}
          onSubmit={async (reason) => {
            await api.releaseMeasure(action.measure.id, reason);
            done(t('release.sent'));
          }}
        />
      ) : null}
      {action?.kind === 'deduct' ? (
        <FieldDialog
          title={t('deduct.title')}
          subtitle={`${action.measure.institutionName} · ${assetName(action.measure)}`}
          name="amount"
          label={t('deduct.amount')}
          hint={t('deduct.hint', { available: displayMoney(action.measure.availableAmount) })}
          required
          initial={formatMoney(action.measure.availableAmount)}
          input={{ inputMode: 'decimal', autoComplete: 'off', className: 'money-input' }}
          validate={checkMoney}
          submitLabel={t('deduct.submit')}
          onClose={() => setAction(null)}
          onSubmit={async (amount) => {
            await api.requestDeduction(action.measure.id, amount);
            done(t('deduct.sent'));
          }}
        />
      ) : null}
      {action?.kind === 'decline' || action?.kind === 'withdraw' ? (
        <FieldDialog
          title={t(action.kind === 'decline' ? 'decline.title' : 'withdraw.title')}
          subtitle={displayMoney(action.deduction.amount)}
          name="reason"
          label={t('decline.reason')}
          required
          validate={(v) => (v.trim().length < 2 ? t('errors.required') : null)}
          submitLabel={t('decline.submit')}
          onClose={() => setAction(null)}
          onSubmit={async (reason) => {
            await api.declineDeduction(action.deduction.id, reason);
            done(t('decline.done'));
          }}
        />
      ) : null}
    </>
  );
}

/** A small button in a table row, read out with what it acts on. */
function RowAction({ label, aria, primary, disabled, onClick }: { label: string; aria: string; primary?: boolean; disabled?: boolean; onClick: () => void }) {
  return (
    <button type="button" className={`button button-small${primary ? ' button-primary' : ''}`} disabled={disabled} aria-label={aria} onClick={onClick}>
      {label}
    </button>
  );
}
