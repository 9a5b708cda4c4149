/**
 * 司法拍卖 (/auctions): every published auction, for anyone, no login: search and filters (state, asset kind, city,
 * starting price range, bidding dates), paged. The filters live in the address so a search can be shared.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { AUCTIONABLE_KINDS, PUBLIC_STATUSES } from '@shared/auction-rules';
import { displayMoney, isMoney } from '@shared/money';
import { publicApi, type PublicAuctionSummary, type PublicQuery } from '../auction-api';
import { auctionStatusLabel, auctionStatusTone } from '../components/auctions/auction-labels';
import { Badge } from '../components/badge';
import { assetKindLabel } from '../components/control/labels';
import { SelectField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { Pager } from '../components/pager';
import { useI18n } from '../i18n';
import { beijingDayEnd, beijingDayStart } from '../lib/server-clock';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import '../auctions.css';

const PAGE_SIZE = 12;
const KEYS = ['q', 'status', 'assetKind', 'city', 'minPrice', 'maxPrice', 'from', 'to'] as const;
type Key = (typeof KEYS)[number];
type Filters = Record<Key, string>;

const filtersFrom = (p: URLSearchParams): Filters => Object.fromEntries(KEYS.map((k) => [k, p.get(k) ?? ''])) as Filters;

function toQuery(f: Filters, page: number): PublicQuery {
  const money = (v: string) => (isMoney(v.trim()) && !v.trim().startsWith('-') ? v.trim() : undefined);
  return {
    q: f.q.trim() || undefined,
    status: (PUBLIC_STATUSES as readonly string[]).includes(f.status) ? (f.status as PublicQuery['status']) : undefined,
    assetKind: (AUCTIONABLE_KINDS as readonly string[]).includes(f.assetKind) ? (f.assetKind as PublicQuery['assetKind']) : undefined,
    city: f.city.trim() || undefined,
    minPrice: money(f.minPrice),
    maxPrice: money(f.maxPrice),
    from: beijingDayStart(f.from) ?? undefined,
    to: beijingDayEnd(f.to) ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  };
}

export function PublicAuctionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  const [priceError, setPriceError] = useState<string | null>(null);
  usePageTitle(t('public.listTitle'));
  const key = params.toString();
  useEffect(() => setDraft(filtersFrom(new URLSearchParams(key))), [key]);
  const list = useLoad(() => publicApi.auctions(toQuery(filtersFrom(new URLSearchParams(key)), page)), [key]);

  function apply(next: Filters, nextPage = 1) {
    const p = new URLSearchParams();
    for (const k of KEYS) if (next[k].trim()) p.set(k, next[k].trim());
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
  }
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const bad = (['minPrice', 'maxPrice'] as const).find((k) => draft[k].trim() && !(isMoney(draft[k].trim()) && !draft[k].trim().startsWith('-')));
    if (bad) {
      setPriceError(bad);
      document.getElementById(`pf-${bad}`)?.focus();
      return;
    }
    setPriceError(null);
    apply(draft);
  }
  const set = (k: Key) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const data = list.data;
  const any = KEYS.some((k) => applied[k]);

  return (
    <div className="page public-auctions">
      <div className="page-head">
        <h1>{t('public.listTitle')}</h1>
      </div>
      <p className="lead">{t('public.listIntro')}</p>
      <form className="card filters" role="search" aria-label={t('public.filters')} onSubmit={onSubmit}>
        <div className="public-filter-grid">
          <TextField id="pf-q" label={t('public.q')} type="search" value={draft.q} onChange={set('q')} className="span-2" />
          <SelectField id="pf-status" label={t('public.status')} value={draft.status} onChange={set('status')}>
            <option value="">{t('public.anyStatus')}</option>
            {PUBLIC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {auctionStatusLabel(t, s)}
              </option>
            ))}
          </SelectField>
          <SelectField id="pf-assetKind" label={t('public.assetKind')} value={draft.assetKind} onChange={set('assetKind')}>
            <option value="">{t('public.anyKind')}</option>
            {AUCTIONABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {assetKindLabel(t, k)}
              </option>
            ))}
          </SelectField>
          <TextField id="pf-city" label={t('public.city')} value={draft.city} onChange={set('city')} />
          <TextField
            id="pf-minPrice"
            label={t('public.minPrice')}
            inputMode="decimal"
            className="money-input"
            value={draft.minPrice}
            onChange={set('minPrice')}
            error={priceError === 'minPrice' ? t('public.priceFormat') : undefined}
          />
          <TextField
            id="pf-maxPrice"
            label={t('public.maxPrice')}
            inputMode="decimal"
            className="money-input"
            value={draft.maxPrice}
            onChange={set('maxPrice')}
            error={priceError === 'maxPrice' ? t('public.priceFormat') : undefined}
          />
          <TextField id="pf-from" label={t('public.from')} type="date" value={draft.from} onChange={set('from')} />
          <TextField id="pf-to" label={t('public.to')} type="date" value={draft.to} onChange={set('to')} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('public.search')}
          </button>
          {any ? (
            <button type="button" className="button" onClick={() => apply(filtersFrom(new URLSearchParams()))}>
              {t('public.reset')}
            </button>
          ) : null}
        </div>
      </form>
      <p className="result-count" role="status" aria-live="polite">
        {data && !list.loading ? t('public.total', { total: data.total }) : ''}
      </p>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !data ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <p className="empty card">{t('public.empty')}</p>
        ) : (
          <ul className={`auction-cards${list.loading ? ' is-stale' : ''}`} aria-busy={list.loading}>
            {data.items.map((a) => (
              <AuctionCard key={a.id} a={a} />
            ))}
          </ul>
        )
      ) : null}
      {data ? <Pager name={t('public.listTitle')} page={page} total={data.total} pageSize={data.pageSize} onPage={(p) => apply(applied, p)} /> : null}
    </div>
  );
}

function AuctionCard({ a }: { a: PublicAuctionSummary }) {
  const { t, formatDateTime } = useI18n();
  return (
    <li className="auction-card" data-auction={a.id}>
      <Photo src={a.photo} alt={t('public.photoOf', { title: a.title })} />
      <div className="auction-card-body">
        <h2 className="auction-card-title">
          <Link to={`/auctions/${a.id}`}>{a.title}</Link>
        </h2>
        <p className="auction-card-meta">
          <Badge tone={auctionStatusTone(a.status)}>{auctionStatusLabel(t, a.status)}</Badge> <span>{assetKindLabel(t, a.assetKind)}</span> · <span>{a.city}</span>
          {a.round > 1 ? <> · {t('auction.round', { n: a.round })}</> : null}
        </p>
        <dl className="card-figures">
          <div>
            <dt>{t(a.fixedPrice ? 'public.fixedPrice' : 'public.startingPrice')}</dt>
            <dd className="money">{displayMoney(a.fixedPrice ?? a.startingPrice)}</dd>
          </div>
          <div>
            <dt>{t('public.reference')}</dt>
            <dd>{displayMoney(a.referencePrice)}</dd>
          </div>
          <div>
            <dt>{t('public.biddingStarts')}</dt>
            <dd>
              <time dateTime={a.biddingStartsAt}>{formatDateTime(a.biddingStartsAt)}</time>
            </dd>
          </div>
        </dl>
        <p className="small muted">{a.courtName}</p>
      </div>
    </li>
  );
}

/**
 * Photos the page can show itself: files of this site ("/…") and inline images. The content security policy lets the
 * page load images from its own origin only, so a photo elsewhere is offered as a link beside a placeholder.
 */
export function isShownPhoto(src: string | null): src is string {
  return Boolean(src && ((src.startsWith('/') && !src.startsWith('//')) || src.startsWith('data:image/')));
}

/** A photo of the asset, or a placeholder when there is none, it is elsewhere, or it does not load. */
export function Photo({ src, alt, large }: { src: string | null; alt: string; large?: boolean }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  return (
    <div className={`photo${large ? ' photo-large' : ''}`}>
      {isShownPhoto(src) && !failed ? (
        <img src={src} alt={alt} loading="lazy" onError={() => setFailed(true)} />
      ) : (
        <div className="photo-placeholder" role="img" aria-label={`${alt}：${t(src ? 'public.photoElsewhere' : 'public.noPhoto')}`}>
          <span aria-hidden="true" className="photo-mark">
            拍
          </span>
          <span className="small">{t(src ? 'public.photoElsewhere' : 'public.noPhoto')}</span>
        </div>
      )}
    </div>
  );
}
