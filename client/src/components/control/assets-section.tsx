/**
 * 被执行人财产: what the inquiries found, each asset with its encumbrances (首封 / 轮候第n位), and the control actions:
 * freeze funds (an amount, by default the balance within what the over-seizure limit leaves) or seize property. An
 * OVER_SEIZURE refusal is shown with its figures; property can then be recorded as indivisible, with the reason.
 */
import { useRef, useState, type FormEvent } from 'react';
import { compareMoney, displayMoney, formatMoney, isMoney, minMoney, sub } from '@shared/money';
import { PositiveMoneyString } from '@shared/schemas/common';
import { api, ApiError, type AssetView, type CaseMeasures, type MeasureView, type OrderMeasureInput } from '../../api';
import { useI18n } from '../../i18n';
import { errorText } from '../../lib/error-text';
import { Badge } from '../badge';
import { Dialog } from '../dialog';
import { Alert, TextField } from '../fields';
import { assetKindLabel, dayToInstant, FUND_KINDS, isSeizedKind, rankLabel } from './labels';
import { measureStatusTone } from './measures-section';

const ACTIVE = ['pending', 'in_force', 'queued'];

interface OverSeizure {
  outstanding: string;
  costs: string;
  limit: string;
  committed: string;
  requested: string;
  excess: string;
}

function overSeizureOf(err: unknown): OverSeizure | null {
  if (!(err instanceof ApiError) || err.code !== 'OVER_SEIZURE') return null;
  const d = err.details as Partial<OverSeizure> | undefined;
  const keys = ['outstanding', 'costs', 'limit', 'committed', 'requested', 'excess'] as const;
  return d && keys.every((k) => isMoney(d[k])) ? (d as OverSeizure) : null;
}

function Encumbrances({ asset }: { asset: AssetView }) {
  const { t, formatDate } = useI18n();
  if (asset.encumbrances.length === 0) return <span className="muted">{t('enc.none')}</span>;
  return (
    <ul className="encumbrances">
      {[...asset.encumbrances]
        .sort((a, b) => a.rank - b.rank)
        .map((e) => (
          <li key={e.measureRef}>
            <Badge tone={e.rank === 1 ? 'danger' : 'warning'}>{rankLabel(t, e.rank)}</Badge>{' '}
            <span className="enc-court">{e.courtName}</span> <span className="case-no-inline">{e.caseNo}</span>
            <span className="enc-detail">
              {t(e.kind === 'freeze' ? 'enc.freeze' : 'enc.seizure')}
              {e.amount ? ` · ${t('enc.amount', { amount: displayMoney(e.amount) })}` : ''}
              {` · ${t('enc.until', { date: formatDate(e.until) })}`}
            </span>
          </li>
        ))}
    </ul>
  );
}

function OrderDialog({
  caseId,
  asset,
  room,
  onDone,
  onClose,
}: {
  caseId: string;
  asset: AssetView;
  room: string | null;
  onDone(measure: MeasureView): void;
  onClose(): void;
}) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const seize = isSeizedKind(asset.kind);
  const funds = FUND_KINDS.includes(asset.kind);
  const holding = asset.balance ?? asset.indicativeValue;
  const initialAmount =
    seize || holding === null ? '' : room !== null && compareMoney(room, '0') > 0 ? formatMoney(minMoney(holding, room)) : formatMoney(holding);
  const [amount, setAmount] = useState(initialAmount);
  const [until, setUntil] = useState('');
  const [indivisible, setIndivisible] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [over, setOver] = useState<OverSeizure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!seize && amount.trim()) {
      const parsed = PositiveMoneyString.safeParse(amount);
      if (!parsed.success) problems.amount = pick(parsed.error.issues[0]?.message ?? '');
    }
    if (indivisible && reason.trim().length < 2) problems.indivisibleReason = t('errors.required');
    setErrors(problems);
    setFormError(null);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`order-${first}`)?.focus();
      return;
    }
    const body: OrderMeasureInput = { assetId: asset.id };
    if (!seize && amount.trim()) body.amount = amount.trim();
    if (until) body.until = dayToInstant(until);
    if (indivisible) {
      body.indivisible = true;
      body.indivisibleReason = reason.trim();
    }
    setBusy(true);
    try {
      const measure = await api.orderMeasure(caseId, body);
      onDone(measure);
    } catch (err) {
      const figures = overSeizureOf(err);
      setOver(figures);
      if (!figures) {
        const fieldIssues = err instanceof ApiError ? err.issues.filter((i) => ['amount', 'until', 'indivisibleReason'].includes(String(i.path[0]))) : [];
        if (fieldIssues.length) setErrors(Object.fromEntries(fieldIssues.map((i) => [String(i.path[0]), pick(i.message)])));
        else setFormError(errorText(err, i18n));
      }
      setBusy(false);
    }
  }

  const roomLeft = over ? sub(over.limit, over.committed) : null;
  // What may still be frozen: the room left, and never more than the account holds.
  const reduceTo = roomLeft === null ? null : holding !== null ? minMoney(roomLeft, holding) : roomLeft;
  const canReduce = over && funds && reduceTo !== null && reduceTo.greaterThan(0);

  return (
    <Dialog
      title={t(seize ? 'order.seizeTitle' : 'order.freezeTitle')}
      subtitle={`${asset.institutionName} · ${assetKindLabel(t, asset.kind)} ${asset.identifier}`}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="order-form">
        <p className="dialog-asset">{asset.description}</p>
        {formError ? <Alert kind="error">{formError}</Alert> : null}
        {over ? (
          <div className="alert alert-error over-seizure" role="alert">
            <p className="alert-title">{t('over.title')}</p>
            <p>
              {t('over.body', {
                committed: displayMoney(over.committed),
                requested: displayMoney(over.requested),
                limit: displayMoney(over.limit),
                outstanding: displayMoney(over.outstanding),
                costs: displayMoney(over.costs),
                excess: displayMoney(over.excess),
              })}
            </p>
            <dl className="figures">
              <div>
                <dt>{t('limit.limit')}</dt>
                <dd>{displayMoney(over.limit)}</dd>
              </div>
              <div>
                <dt>{t('limit.committed')}</dt>
                <dd>{displayMoney(over.committed)}</dd>
              </div>
              <div>
                <dt>{t('data.requestedAmount')}</dt>
                <dd>{displayMoney(over.requested)}</dd>
              </div>
              <div className="excess">
                <dt>{t('limit.room')}</dt>
                <dd>{displayMoney(roomLeft ?? '0')}</dd>
              </div>
            </dl>
            {funds ? <p>{t('over.fundsDivisible')}</p> : null}
            {canReduce ? (
              <button type="button" className="button button-small" onClick={() => setAmount(formatMoney(reduceTo!))}>
                {t('over.reduce', { room: displayMoney(reduceTo!) })}
              </button>
            ) : null}
          </div>
        ) : null}
        {!seize ? (
          <TextField
            id="order-amount"
            label={t('order.amount')}
            hint={
              holding === null
                ? undefined
                : room !== null
                  ? t('order.amountHint', { balance: displayMoney(holding), room: displayMoney(room) })
                  : t('order.amountHintNoRoom', { balance: displayMoney(holding) })
            }
            error={errors.amount}
            className="money-input"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        ) : null}
        <TextField
          id="order-until"
          label={t('order.until')}
          hint={t('order.untilHint')}
          optional
          error={errors.until}
          type="date"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
        {over && !funds ? (
          <div className="indivisible">
            <label className="check" htmlFor="order-indivisible">
              <input type="checkbox" id="order-indivisible" checked={indivisible} onChange={(e) => setIndivisible(e.target.checked)} />
              <span>{t('over.indivisible')}</span>
            </label>
            {indivisible ? (
              <TextField
                id="order-indivisibleReason"
                label={t('over.reason')}
                hint={t('over.reasonHint')}
                required
                error={errors.indivisibleReason}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            ) : null}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy || (Boolean(over) && !funds && !indivisible)}>
            {busy ? t('order.sending') : t(seize ? 'order.submitSeize' : 'order.submitFreeze')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function AssetsSection({
  caseId,
  canOrder,
  assets,
  measures,
  onOrdered,
}: {
  caseId: string;
  canOrder: boolean;
  assets: AssetView[];
  measures: CaseMeasures | undefined;
  onOrdered(measure: MeasureView): void;
}) {
  const { t } = useI18n();
  const [ordering, setOrdering] = useState<AssetView | null>(null);
  const [message, setMessage] = useState('');
  const messageRef = useRef<HTMLDivElement>(null);
  const ours = new Map<string, MeasureView>();
  for (const m of measures?.items ?? []) if (ACTIVE.includes(m.status) && !ours.has(m.assetId)) ours.set(m.assetId, m);
  const multipleDebtors = new Set(assets.map((a) => a.debtorIdNumber)).size > 1;

  return (
    <section className="card" id="assets" aria-labelledby="assets-title">
      <h2 id="assets-title">{t('assets.title')}</h2>
      {measures ? (
        <>
        <p className="limit-caption" id="limit-title">
          {t('limit.title')}
        </p>
        <dl className="limit-figures" aria-labelledby="limit-title">
          <div>
            <dt>{t('limit.outstanding')}</dt>
            <dd>{displayMoney(measures.limit.outstanding)}</dd>
          </div>
          <div>
            <dt>{t('limit.costs')}</dt>
            <dd>{displayMoney(measures.limit.costs)}</dd>
          </div>
          <div>
            <dt>{t('limit.limit')}</dt>
            <dd>{displayMoney(measures.limit.limit)}</dd>
          </div>
          <div>
            <dt>{t('limit.committed')}</dt>
            <dd>{displayMoney(measures.limit.committed)}</dd>
          </div>
          <div className="room">
            <dt>{t('limit.room')}</dt>
            <dd>{displayMoney(measures.limit.room)}</dd>
          </div>
        </dl>
        </>
      ) : null}
      <div className="live-slot" aria-live="polite" ref={messageRef} tabIndex={-1}>
        {message ? <p className="alert alert-success">{message}</p> : null}
      </div>
      {assets.length === 0 ? (
        <p className="empty">{t('assets.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table stack-table asset-table">
            <caption className="visually-hidden">{t('assets.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assets.col.asset')}</th>
                <th scope="col">{t('assets.col.institution')}</th>
                <th scope="col" className="num">
                  {t('assets.col.value')}
                </th>
                <th scope="col">{t('assets.col.encumbrances')}</th>
                <th scope="col">{t('assets.col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {assets.map((a) => {
                const mine = ours.get(a.id);
                const seize = isSeizedKind(a.kind);
                const name = `${assetKindLabel(t, a.kind)} ${a.identifier}`;
                return (
                  <tr key={a.id} data-asset={a.identifier} data-kind={a.kind}>
                    <th scope="row" data-label={t('assets.col.asset')}>
                      <div className="asset-cell">
                        <span className="asset-kind">{assetKindLabel(t, a.kind)}</span>
                        <span className="asset-id">{a.identifier}</span>
                        <span className="asset-desc">{a.description}</span>
                        {multipleDebtors ? <span className="asset-desc">{t('assets.debtor', { name: a.debtorName })}</span> : null}
                      </div>
                    </th>
                    <td data-label={t('assets.col.institution')}>{a.institutionName}</td>
                    <td data-label={t('assets.col.value')} className="num">
                      {a.balance !== null ? (
                        displayMoney(a.balance)
                      ) : a.indicativeValue !== null ? (
                        <span>
                          {displayMoney(a.indicativeValue)} <span className="muted small">{t('assets.indicative')}</span>
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label={t('assets.col.encumbrances')}>
                      <Encumbrances asset={a} />
                    </td>
                    <td data-label={t('assets.col.action')}>
                      {mine ? (
                        <Badge tone={measureStatusTone(mine.status)}>{t('assets.ours', { status: t(`measure.status.${mine.status}`) })}</Badge>
                      ) : canOrder ? (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t(seize ? 'assets.seizeLabel' : 'assets.freezeLabel', { asset: name })}
                          onClick={() => {
                            setMessage('');
                            setOrdering(a);
                          }}
                        >
                          {t(seize ? 'assets.seize' : 'assets.freeze')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {ordering ? (
        <OrderDialog
          caseId={caseId}
          asset={ordering}
          room={measures?.limit.room ?? null}
          onClose={() => setOrdering(null)}
          onDone={(m) => {
            setOrdering(null);
            setMessage(t('order.sent', { institution: m.institutionName, kind: t(m.kind === 'freeze' ? 'measure.freeze' : 'measure.seizure') }));
            onOrdered(m);
            // The button that opened the dialog gives way to the measure's status: keep the focus on the news.
            requestAnimationFrame(() => messageRef.current?.focus());
          }}
        />
      ) : null}
    </section>
  );
}
