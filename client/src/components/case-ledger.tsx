/**
 * 执行款: what was recovered for the case's creditor (deductions, auction sale proceeds…), what was paid out to them
 * and what is still to pay out, with the ledger's transactions; a judge pays out (发放执行款) from here. The server
 * refuses a payout above what is available (PAYOUT_EXCEEDS_RECOVERED); its message is shown in the dialog.
 */
import { useRef, useState } from 'react';
import { add, compareMoney, displayMoney, formatMoney, sub } from '@shared/money';
import { PayoutBody } from '@shared/schemas/measures';
import { api, type CaseLedger } from '../api';
import { useAuth } from '../auth';
import { isMessageKey, useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { FormDialog } from './control/form-dialog';
import { Loading } from './layout';
import { LoadError } from './load-error';

type Transaction = CaseLedger['transactions'][number];

/** The case's recovered account, as the server names it (ledger.rules.ts caseRecoveredAccount). */
const recoveredAccount = (caseId: string) => `case:${caseId}:recovered`;

/**
 * What a transaction brought to the case (positive) or took from it (negative): its entries on the case's recovered
 * account, credit less debit. Null when it does not touch that account (a bidder's deposit, a refund).
 */
function caseAmount(tx: Transaction, caseId: string): string | null {
  const own = tx.entries.filter((e) => e.account === recoveredAccount(caseId));
  if (own.length === 0) return null;
  return formatMoney(sub(add(...own.map((e) => e.credit)), add(...own.map((e) => e.debit))));
}

/** The amount a transaction moves: the sum of its debits (= the sum of its credits). */
const grossAmount = (tx: Transaction) => formatMoney(add(...tx.entries.map((e) => e.debit)));

export function CaseLedgerCard({ caseId, onChanged }: { caseId: string; /** Called after a payout, to reload the case and its timeline. */ onChanged(): void }) {
  const { t, pick, formatDateTime } = useI18n();
  const { user } = useAuth();
  const ledger = useLoad(() => api.caseLedger(caseId), [caseId]);
  const [paying, setPaying] = useState(false);
  const [message, setMessage] = useState('');
  const messageRef = useRef<HTMLDivElement>(null);
  const data = ledger.data;
  const canPay = user?.role === 'judge' && data !== undefined && compareMoney(data.totals.available, '0') > 0;

  const kindLabel = (kind: string) => {
    const key = `ledger.kind.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };

  return (
    <section className="card ledger-card" id="ledger" aria-labelledby="case-ledger-title">
      <div className="section-head">
        <h2 id="case-ledger-title">{t('ledger.title')}</h2>
        {canPay ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setMessage('');
              setPaying(true);
            }}
          >
            {t('ledger.payOut')}
          </button>
        ) : null}
      </div>
      <p className="lead">{t('ledger.intro')}</p>
      <div className="live-slot" aria-live="polite" ref={messageRef} tabIndex={-1}>
        {message ? <p className="alert alert-success">{message}</p> : null}
      </div>
      {ledger.error ? <LoadError error={ledger.error} onRetry={ledger.reload} /> : null}
      {ledger.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <dl className="facts ledger-totals">
            <div>
              <dt>{t('ledger.recovered')}</dt>
              <dd className="money" data-total="recovered">
                {displayMoney(data.totals.recovered)}
              </dd>
            </div>
            <div>
              <dt>{t('ledger.paidOut')}</dt>
              <dd className="money" data-total="paidOut">
                {displayMoney(data.totals.paidOut)}
              </dd>
            </div>
            <div>
              <dt>{t('ledger.available')}</dt>
              <dd className="money" data-total="available">
                {displayMoney(data.totals.available)}
              </dd>
            </div>
          </dl>
          {data.transactions.length === 0 ? (
            <p className="empty">{t('ledger.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table stack-table ledger-table">
                <caption className="visually-hidden">{t('ledger.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('ledger.col.at')}</th>
                    <th scope="col">{t('ledger.col.kind')}</th>
                    <th scope="col">{t('ledger.col.memo')}</th>
                    <th scope="col" className="num">
                      {t('ledger.col.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {/* In the server's order: by time. */}
                  {data.transactions.map((tx) => {
                    const own = caseAmount(tx, caseId);
                    return (
                      <tr key={tx.id} data-kind={tx.kind}>
                        <td data-label={t('ledger.col.at')}>
                          <time dateTime={tx.at}>{formatDateTime(tx.at)}</time>
                        </td>
                        <th scope="row" data-label={t('ledger.col.kind')}>
                          {kindLabel(tx.kind)}
                        </th>
                        <td data-label={t('ledger.col.memo')} className="note-cell">
                          {pick(tx.memo)}
                        </td>
                        <td data-label={t('ledger.col.amount')} className="num">
                          {own !== null ? (
                            <span className={compareMoney(own, '0') < 0 ? 'ledger-out' : 'ledger-in'}>
                              {compareMoney(own, '0') > 0 ? '+' : ''}
                              {displayMoney(own)}
                            </span>
                          ) : (
                            <span className="stack">
                              <span>{displayMoney(grossAmount(tx))}</span>
                              <span className="small muted">{t('ledger.notCase')}</span>
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}

      {paying && data ? (
        <FormDialog
          title={t('payout.title')}
          subtitle={t('payout.subtitle', { available: displayMoney(data.totals.available) })}
          fields={[
            { name: 'amount', label: t('payout.amount'), hint: t('payout.amountHint'), kind: 'money', required: true, initial: data.totals.available },
            { name: 'payeeAccount', label: t('payout.payeeAccount'), hint: t('payout.payeeAccountHint'), required: true },
            { name: 'memo', label: t('payout.memo') },
          ]}
          toBody={(v) => ({
            amount: v.amount?.trim() ?? '',
            payeeAccount: v.payeeAccount?.trim() ?? '',
            ...(v.memo?.trim() ? { memo: v.memo.trim() } : {}),
          })}
          schema={PayoutBody}
          submitLabel={t('payout.submit')}
          onClose={() => setPaying(false)}
          onSubmit={async (body) => {
            const result = await api.payOut(caseId, body as PayoutBody);
            setPaying(false);
            setMessage(t('payout.done', { amount: displayMoney(result.amount), available: displayMoney(result.available) }));
            ledger.reload();
            onChanged();
            requestAnimationFrame(() => messageRef.current?.focus());
          }}
        />
      ) : null}
    </section>
  );
}
