/**
 * The bidder's side of an auction page (网拍 Art. 17–26): register (with the purchase-qualification pledge for real
 * estate, 竞买资格 Art. 2), pay the deposit at the bank and come back, the bidder code, the deposit and its refund;
 * for the buyer, the confirmation letter, the balance with its deadline and its payment; in a fixed-price sale, buying
 * at the fixed price. Signed out: how to take part.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { displayMoney } from '@shared/money';
import { biddingApi, goToBank, type PaymentView, type PublicAuctionView, type RegistrationView, type SaleView } from '../../auction-api';
import { useAuth } from '../../auth';
import { useI18n, type MessageKey } from '../../i18n';
import { errorText } from '../../lib/error-text';
import { useLoad } from '../../lib/use-load';
import { Alert } from '../fields';
import { Loading } from '../layout';
import { LoadError } from '../load-error';

const OPEN_FOR_REGISTRATION: readonly string[] = ['announced', 'live'];

/**
 * The words for a deposit's state. The server marks a deposit refunded when it asks the bank for the refund; until the
 * bank confirms it the bidder reads "being refunded", not "refunded" beside a refund still on its way.
 */
export function depositStateKey(deposit: RegistrationView['deposit']): MessageKey {
  if (deposit.state === 'refunded' && deposit.payment?.refund?.status !== 'completed') return 'bidder.deposit.refunding';
  return `bidder.deposit.${deposit.state}` as MessageKey;
}

/** The deposit and, once asked for, its refund (网拍 Art. 23). */
export function DepositState({ registration }: { registration: RegistrationView }) {
  const { t, formatDateTime } = useI18n();
  const { deposit } = registration;
  const payment = deposit.payment;
  const refund = payment?.refund ?? null;
  return (
    <dl className="facts deposit-facts">
      <div>
        <dt>{t('bidder.depositAmount')}</dt>
        <dd>{displayMoney(deposit.amount)}</dd>
      </div>
      <div>
        <dt>{t('bidder.depositState')}</dt>
        <dd data-testid="deposit-state">
          {t(depositStateKey(deposit))}
          {/* The receipt time belongs to the deposit held: after "refunded" or "applied" it would read as that move's time. */}
          {payment?.paidAt && deposit.state === 'held' ? ` · ${t('bidder.paidAt', { time: formatDateTime(payment.paidAt) })}` : ''}
        </dd>
      </div>
      {refund ? (
        <div>
          <dt>{t('bidder.refund')}</dt>
          <dd data-testid="refund-state">
            {refund.status === 'completed' && refund.completedAt
              ? t('bidder.refundDone', { amount: displayMoney(refund.amount), time: formatDateTime(refund.completedAt) })
              : t('bidder.refundRequested', { amount: displayMoney(refund.amount), due: formatDateTime(refund.dueBy) })}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Opens a payment at the bank and sends the browser there; the bank brings it back to `returnPath`. */
function usePay(open: () => Promise<PaymentView>, returnPath: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const payment = await open();
      if (payment.status === 'paid' || !payment.payUrl) {
        setBusy(false);
        return payment;
      }
      goToBank(payment, returnPath);
      return payment;
    } catch (e) {
      setError(e);
      setBusy(false);
      return null;
    }
  };
  return { pay, busy, error };
}

/** The sale for its buyer: the letter, the balance and its deadline, its payment (网拍 Art. 22, 25). */
export function SaleForBuyer({ auctionId, sale, onChanged, returnPath }: { auctionId: string; sale: SaleView; onChanged(): void; returnPath: string }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { pay, busy, error } = usePay(() => biddingApi.payBalance(auctionId), returnPath);
  const due = Number(sale.balance) > 0 && sale.status === 'awaiting_balance';
  const paidAt = sale.status === 'paid' ? (sale.payment?.paidAt ?? null) : null;
  return (
    <div className="sale-for-buyer">
      <p className="alert-title">{t(sale.kind === 'fixed_price' ? 'bidder.boughtFixed' : 'bidder.won', { price: displayMoney(sale.price) })}</p>
      <dl className="facts">
        <div>
          <dt>{t('bidder.depositApplied')}</dt>
          <dd>{displayMoney(sale.depositApplied)}</dd>
        </div>
        <div>
          <dt>{t(sale.status === 'paid' ? 'bidder.balancePaid' : 'bidder.balance')}</dt>
          <dd data-testid="balance">{displayMoney(sale.balance)}</dd>
        </div>
        {paidAt ? (
          <div>
            <dt>{t('bidder.balancePaidAt')}</dt>
            <dd data-testid="balance-paid-at">{formatDateTime(paidAt)}</dd>
          </div>
        ) : sale.balanceDueAt ? (
          <div>
            <dt>{t('bidder.balanceDue')}</dt>
            <dd data-testid="balance-due">{t('bidder.balanceDueBy', { time: formatDateTime(sale.balanceDueAt) })}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('bidder.saleState')}</dt>
          <dd data-testid="sale-state">{t(`bidder.sale.${sale.status}` as MessageKey)}</dd>
        </div>
      </dl>
      {sale.ruling ? <p className="small" data-testid="ruling">{t('bidder.ruling', { no: sale.ruling.no, time: formatDateTime(sale.ruling.at) })}</p> : null}
      <p className="button-row">
        <a className="button" href={sale.confirmationLetterUrl} target="_blank" rel="noopener noreferrer">
          {t('bidder.letter')}
        </a>
        {due ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={async () => {
              const p = await pay();
              if (p && p.status === 'paid') onChanged();
            }}
          >
            {busy ? t('bidder.toBank') : t('bidder.payBalance', { amount: displayMoney(sale.balance) })}
          </button>
        ) : null}
      </p>
      {error ? <Alert kind="error">{errorText(error, i18n)}</Alert> : null}
    </div>
  );
}

function SignedOut({ returnPath }: { returnPath: string }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('bidder.signedOut')}</p>
      <p className="button-row">
        <Link className="button button-primary" to={`/login?next=${encodeURIComponent(returnPath)}`}>
          {t('bidder.signIn')}
        </Link>
        <Link className="button" to="/register">
          {t('bidder.signUp')}
        </Link>
      </p>
    </>
  );
}

function RegisterForm({ auction, onRegistered }: { auction: PublicAuctionView; onRegistered(r: RegistrationView): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const realEstate = auction.assetKind === 'real_estate';
  const [pledge, setPledge] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onRegistered(await biddingApi.register(auction.id, realEstate ? { qualificationPledge: pledge } : {}));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="bidder-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p>{t('bidder.registerExplain', { deposit: displayMoney(auction.deposit) })}</p>
      {realEstate ? (
        <label className="check">
          <input type="checkbox" checked={pledge} onChange={(e) => setPledge(e.target.checked)} />
          <span>{t('bidder.pledge')}</span>
        </label>
      ) : null}
      <p className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('bidder.registering') : t('bidder.register')}
        </button>
      </p>
      {error ? <Alert kind="error">{errorText(error, i18n)}</Alert> : null}
    </form>
  );
}

function FixedPriceBuy({ auction, onPaid }: { auction: PublicAuctionView; onPaid(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const realEstate = auction.assetKind === 'real_estate';
  const [pledge, setPledge] = useState(false);
  const { pay, busy, error } = usePay(() => biddingApi.purchase(auction.id, realEstate ? { qualificationPledge: pledge } : {}), `/auctions/${auction.id}`);
  if (!auction.fixedPriceSale) return null;
  return (
    <div className="fixed-price-buy">
      <p>{t('bidder.fixedExplain', { price: displayMoney(auction.fixedPriceSale.price) })}</p>
      {realEstate ? (
        <label className="check">
          <input type="checkbox" checked={pledge} onChange={(e) => setPledge(e.target.checked)} />
          <span>{t('bidder.pledge')}</span>
        </label>
      ) : null}
      <p className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={async () => {
            const p = await pay();
            if (p && p.status === 'paid') onPaid();
          }}
        >
          {busy ? t('bidder.toBank') : t('bidder.buyFixed', { price: displayMoney(auction.fixedPriceSale.price) })}
        </button>
      </p>
      {error ? <Alert kind="error">{errorText(error, i18n)}</Alert> : null}
    </div>
  );
}

function BidderSide({ auction }: { auction: PublicAuctionView }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const returnPath = `/auctions/${auction.id}`;
  const loaded = useLoad(() => biddingApi.registration(auction.id), [auction.id, auction.status]);
  const [fresh, setFresh] = useState<RegistrationView | null>(null);
  const reg = fresh && fresh.auctionId === auction.id ? fresh : (loaded.data ?? null);
  // The buyer: the winner (whose deposit went to the price) or, in a fixed-price sale, one who paid without registering.
  const isBuyer = reg?.deposit.state === 'applied' || (auction.status === 'sold' && !reg && !loaded.loading);
  const sale = useLoad(
    () => (isBuyer ? biddingApi.sale(auction.id).catch(() => null) : Promise.resolve(null)),
    [auction.id, auction.status, isBuyer],
  );
  const deposit = usePay(() => biddingApi.deposit(auction.id), returnPath);

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.loading && !reg) return <Loading />;

  if (!reg) {
    if (sale.data) return <SaleForBuyer auctionId={auction.id} sale={sale.data} onChanged={sale.reload} returnPath={returnPath} />;
    if (auction.status === 'fixed_price_sale') return <FixedPriceBuy auction={auction} onPaid={loaded.reload} />;
    if (!OPEN_FOR_REGISTRATION.includes(auction.status)) return <p className="muted">{t('bidder.closed')}</p>;
    return <RegisterForm auction={auction} onRegistered={setFresh} />;
  }

  return (
    <div className="bidder-registration">
      <p className="small muted">{t('bidder.registeredAt', { time: formatDateTime(reg.registeredAt) })}</p>
      {reg.bidderCode ? (
        <div className="bidder-code-box">
          <span className="bidder-code-label">{t(reg.priorityRank !== null ? 'bidder.priorityCode' : 'bidder.code')}</span>
          <span className="bidder-code" data-testid="bidder-code">
            {reg.bidderCode}
          </span>
          {reg.qualifiedAt ? <span className="small muted">{t('bidder.qualifiedAt', { time: formatDateTime(reg.qualifiedAt) })}</span> : null}
        </div>
      ) : (
        <Alert kind="info">
          <p className="alert-title">{t('bidder.awaitingDeposit')}</p>
          <p>{t('bidder.awaitingDepositExplain', { deposit: displayMoney(reg.deposit.amount) })}</p>
        </Alert>
      )}
      <DepositState registration={reg} />
      {reg.status === 'awaiting_deposit' && OPEN_FOR_REGISTRATION.includes(auction.status) ? (
        <p className="button-row">
          <button
            type="button"
            className="button button-primary"
            disabled={deposit.busy}
            onClick={async () => {
              const p = await deposit.pay();
              if (p && p.status === 'paid') loaded.reload();
            }}
          >
            {deposit.busy ? t('bidder.toBank') : t('bidder.payDeposit', { deposit: displayMoney(reg.deposit.amount) })}
          </button>
          {reg.deposit.payment ? (
            <button type="button" className="button button-quiet" onClick={loaded.reload}>
              {t('bidder.checkPayment')}
            </button>
          ) : null}
        </p>
      ) : null}
      {deposit.error ? <Alert kind="error">{errorText(deposit.error, i18n)}</Alert> : null}
      {sale.data ? <SaleForBuyer auctionId={auction.id} sale={sale.data} onChanged={sale.reload} returnPath={returnPath} /> : null}
    </div>
  );
}

/** The "take part" card of the public auction page. */
export function BidderPanel({ auction }: { auction: PublicAuctionView }) {
  const { t } = useI18n();
  const { status, user } = useAuth();
  let body;
  if (status === 'loading') body = <Loading />;
  else if (!user) body = <SignedOut returnPath={`/auctions/${auction.id}`} />;
  else if (user.role !== 'bidder') body = <p className="muted">{t('bidder.notBidder')}</p>;
  else body = <BidderSide auction={auction} />;
  return (
    <section className="card bidder-panel" aria-labelledby="p-take-part">
      <h2 id="p-take-part">{t('bidder.title')}</h2>
      {body}
    </section>
  );
}

/** The bid log by bidder codes (网拍 Art. 20 para 3), read-only; loaded again whenever the page is pushed again. */
export function BidLogSection({ auction }: { auction: PublicAuctionView }) {
  const { t, formatDateTime } = useI18n();
  const log = useLoad(() => biddingApi.bids(auction.id), [auction.id, auction.seq]);
  return (
    <section className="card" aria-labelledby="p-bids">
      <h2 id="p-bids">{t('bidder.bids')}</h2>
      {log.error ? (
        <LoadError error={log.error} onRetry={log.reload} />
      ) : !log.data ? (
        <Loading />
      ) : log.data.bids.length === 0 ? (
        <p className="muted">{t('bidder.noBids')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table bid-table">
            <thead>
              <tr>
                <th scope="col">{t('bidder.bidSeq')}</th>
                <th scope="col">{t('bidder.bidCode')}</th>
                <th scope="col" className="num">
                  {t('bidder.bidAmount')}
                </th>
                <th scope="col">{t('bidder.bidAt')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.bids.map((b) => (
                <tr key={b.seq}>
                  <td>{b.seq}</td>
                  <td>
                    <span className="bidder-code-cell">{b.bidderCode}</span>
                    {b.priority ? ` · ${t('bidder.priorityMark')}` : ''}
                    {log.data?.leading?.seq === b.seq ? ` · ${t('bidder.leading')}` : ''}
                  </td>
                  <td className="num">{displayMoney(b.amount)}</td>
                  <td>{formatDateTime(b.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
