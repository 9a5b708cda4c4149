/** A bidder's auctions (/my/auctions): each registration with its bidder code, the deposit and its refund, and the sales won. */
import { Link } from 'react-router-dom';
import { displayMoney } from '@shared/money';
import { biddingApi, type PaymentView } from '../auction-api';
import { auctionStatusLabel, auctionStatusTone } from '../components/auctions/auction-labels';
import { depositStateKey } from '../components/auctions/bidder-panel';
import { Badge } from '../components/badge';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import '../auctions.css';

/** A deposit's refund: when it is due while on its way, when it arrived once the bank confirmed it (网拍 Art. 23). */
function RefundLine({ refund }: { refund: NonNullable<PaymentView['refund']> }) {
  const { t, formatDateTime } = useI18n();
  return (
    <span className="muted" data-testid="refund-state">
      {refund.status === 'completed' && refund.completedAt
        ? t('my.refund.completed', { time: formatDateTime(refund.completedAt) })
        : t('my.refund.requested', { due: formatDateTime(refund.dueBy) })}
    </span>
  );
}

export function MyAuctionsPage() {
  const { t, formatDateTime } = useI18n();
  usePageTitle(t('my.title'));
  const list = useLoad(() => biddingApi.mine(), []);
  const data = list.data;

  return (
    <div className="page">
      <h1>{t('my.title')}</h1>
      <p className="lead">{t('my.lead')}</p>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !data ? <Loading /> : null}
      {data ? (
        data.length === 0 ? (
          <p className="empty card">
            {t('my.empty')} <Link to="/auctions">{t('nav.auctions')}</Link>
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-table my-auction-table">
              <caption className="visually-hidden">{t('my.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('court.col.auction')}</th>
                  <th scope="col">{t('court.col.status')}</th>
                  <th scope="col">{t('bidder.code')}</th>
                  <th scope="col">{t('bidder.depositState')}</th>
                  <th scope="col">{t('my.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((r) => (
                  <tr key={r.id} data-auction={r.auctionId}>
                    <th scope="row" data-label={t('court.col.auction')}>
                      <div className="asset-cell">
                        <Link to={`/auctions/${r.auctionId}`} className="auction-link">
                          {r.auction.title}
                        </Link>
                        <span className="asset-desc">
                          <time dateTime={r.auction.biddingStartsAt}>{formatDateTime(r.auction.biddingStartsAt)}</time>
                        </span>
                      </div>
                    </th>
                    <td data-label={t('court.col.status')}>
                      <Badge tone={auctionStatusTone(r.auction.status)}>{auctionStatusLabel(t, r.auction.status)}</Badge>
                    </td>
                    <td data-label={t('bidder.code')}>{r.bidderCode ? <code className="bidder-code-cell">{r.bidderCode}</code> : t('my.noCode')}</td>
                    <td data-label={t('bidder.depositState')}>
                      <span className="stack small">
                        <span>
                          {displayMoney(r.deposit.amount)} · {t(depositStateKey(r.deposit))}
                        </span>
                        {r.deposit.payment?.refund ? <RefundLine refund={r.deposit.payment.refund} /> : null}
                      </span>
                    </td>
                    <td data-label={t('my.outcome')}>
                      {r.sale ? (
                        <span className="stack small">
                          <Badge tone={r.sale.status === 'paid' ? 'success' : r.sale.status === 'reneged' ? 'danger' : 'warning'}>{t(`my.sale.${r.sale.status}`)}</Badge>
                          {r.sale.status === 'awaiting_balance' && r.sale.balanceDueAt ? (
                            <Link to={`/auctions/${r.auctionId}`}>{t('my.payBy', { time: formatDateTime(r.sale.balanceDueAt) })}</Link>
                          ) : null}
                        </span>
                      ) : r.auction.status === 'sold' ? (
                        <span className="muted">{t('my.lost')}</span>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </div>
  );
}
