/** The court's auctions in every state (/court/auctions), newest first, filtered by state; updates live. */
import { useSearchParams, Link } from 'react-router-dom';
import { AUCTION_STATUSES, type AuctionStatus } from '@shared/auction-rules';
import { displayMoney } from '@shared/money';
import { auctionApi, type AuctionView } from '../auction-api';
import { auctionStatusLabel, auctionStatusTone } from '../components/auctions/auction-labels';
import { Badge } from '../components/badge';
import { assetKindLabel } from '../components/control/labels';
import { SelectField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { Pager } from '../components/pager';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useRealtimeEvent } from '../realtime';
import '../auctions.css';

const PAGE_SIZE = 20;

export function CourtAuctionsPage() {
  const { t, formatDateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (AUCTION_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as AuctionStatus) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  usePageTitle(t('court.listTitle'));
  const list = useLoad(() => auctionApi.list({ status, page, pageSize: PAGE_SIZE }), [status, page]);
  useRealtimeEvent<AuctionView>('auction.updated', () => list.reload());

  const go = (next: { status?: string; page?: number }) => {
    const p = new URLSearchParams();
    if (next.status) p.set('status', next.status);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const data = list.data;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('court.listTitle')}</h1>
      </div>
      <p className="lead">{t('court.listIntro')}</p>
      <form className="card filters" role="search" aria-label={t('court.listFilters')} onSubmit={(e) => e.preventDefault()}>
        <div className="filter-grid auction-filter-grid">
          <SelectField id="court-status" label={t('public.status')} value={status ?? ''} onChange={(e) => go({ status: e.target.value })}>
            <option value="">{t('public.anyStatus')}</option>
            {AUCTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {auctionStatusLabel(t, s)}
              </option>
            ))}
          </SelectField>
        </div>
      </form>
      <p className="result-count" role="status" aria-live="polite">
        {data && !list.loading ? t('public.total', { total: data.total }) : ''}
      </p>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !data ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <p className="empty card">{t('court.listEmpty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table stack-table court-auction-table">
              <caption className="visually-hidden">{t('court.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('court.col.auction')}</th>
                  <th scope="col">{t('court.col.status')}</th>
                  <th scope="col" className="num">
                    {t('public.startingPrice')}
                  </th>
                  <th scope="col">{t('public.bidding')}</th>
                  <th scope="col">{t('court.panel')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id} data-status={a.status}>
                    <th scope="row" data-label={t('court.col.auction')}>
                      <div className="asset-cell">
                        <Link to={`/court/auctions/${a.id}`} className="auction-link">
                          {a.title}
                        </Link>
                        <span className="asset-desc">
                          {a.caseNo} · {assetKindLabel(t, a.assetKind)} · {t('auction.round', { n: a.round })}
                        </span>
                      </div>
                    </th>
                    <td data-label={t('court.col.status')}>
                      <Badge tone={auctionStatusTone(a.status)}>{auctionStatusLabel(t, a.status)}</Badge>
                    </td>
                    <td data-label={t('public.startingPrice')} className="num">
                      {displayMoney(a.startingPrice)}
                    </td>
                    <td data-label={t('public.bidding')}>
                      <time dateTime={a.biddingStartsAt}>{formatDateTime(a.biddingStartsAt)}</time>
                    </td>
                    <td data-label={t('court.panel')}>{t('court.approvals', { n: a.panel.approvals, needed: a.panel.needed })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {data ? <Pager name={t('court.listTitle')} page={page} total={data.total} pageSize={data.pageSize} onPage={(p) => go({ status, page: p })} /> : null}
    </div>
  );
}
