/**
 * The public page of an auction (/auctions/:id), no login: photos, description, the prices, deposit and increment, the
 * schedule with a countdown on the server's clock, the state, the disclosures of 网拍 Art. 13 and the announcement.
 * Live: one connection to the live room (lib/live-auction.ts, namespace `/auctions`) brings the bids, ticks and the
 * close to the room's card (components/auctions/live-room.tsx: countdown with extensions, price, leader, bid log, the
 * qualified bidder's bids) and the page pushed again after other changes (`auction.updated`).
 * The bidder's card (components/auctions/bidder-panel.tsx): register, the deposit at the bank, the bidder code; the
 * full bid log by codes once bidding is over (while it runs, the room's log grows live).
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { LinkStatus } from '../realtime';
import { displayMoney } from '@shared/money';
import { publicApi, type PublicAuctionView } from '../auction-api';
import { AuctionFacts, DisclosureList } from '../components/auctions/auction-facts';
import { useAuth } from '../auth';
import { BidderPanel, BidLogSection } from '../components/auctions/bidder-panel';
import { LiveRoom } from '../components/auctions/live-room';
import { auctionStatusLabel, auctionStatusTone, countdownText, valuationMethodLabel } from '../components/auctions/auction-labels';
import { Badge } from '../components/badge';
import { assetKindLabel } from '../components/control/labels';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n, type I18n } from '../i18n';
import { useLiveAuction, type RoomLink } from '../lib/live-auction';
import { learnServerTime, useServerNow } from '../lib/server-clock';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { isShownPhoto, Photo } from './public-auctions-page';
import '../auctions.css';

/** States in which the live room's card shows the bidding (its countdown and its growing log) instead of the page's. */
const ROOM_STATES: readonly string[] = ['live', 'suspended'];

const LINK_OF: Record<RoomLink, LinkStatus> = { joining: 'connecting', live: 'live', reconnecting: 'down', down: 'down' };

/**
 * What the countdown counts to, by state: the start of bidding, the end of the fixed-price sale. The end of bidding is
 * counted by the live room, which follows its extensions.
 */
function nextMoment(a: PublicAuctionView, t: I18n['t']): { label: string; at: string } | null {
  switch (a.status) {
    case 'announced':
      return { label: t('public.countdownStart'), at: a.schedule.biddingStartsAt };
    case 'fixed_price_sale':
      return a.fixedPriceSale ? { label: t('public.countdownFixed'), at: a.fixedPriceSale.endsAt } : null;
    default:
      return null;
  }
}

export function PublicAuctionPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { user } = useAuth();
  const loaded = useLoad(() => publicApi.auction(id), [id]);
  const [pushed, setPushed] = useState<PublicAuctionView | null>(null);
  const a = pushed && pushed.id === id && (!loaded.data || pushed.seq >= loaded.data.seq) ? pushed : loaded.data;
  usePageTitle(a ? a.title : t('public.listTitle'));

  useEffect(() => {
    if (loaded.data) learnServerTime(loaded.data.serverNow);
  }, [loaded.data]);
  const room = useLiveAuction(id || null, {
    userId: user?.id ?? null,
    onUpdated: (v) => {
      learnServerTime(v.serverNow);
      setPushed(v);
    },
  });
  const link = LINK_OF[room.link];
  const now = useServerNow(1000);

  if (loaded.error) {
    return (
      <div className="page">
        <p className="back-link">
          <Link to="/auctions">← {t('public.backToList')}</Link>
        </p>
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      </div>
    );
  }
  if (!a) return <div className="page"><Loading /></div>;

  const next = nextMoment(a, t);
  const photos = a.disclosures.photos;
  const elsewhere = photos.filter((p) => !isShownPhoto(p));
  return (
    <div className="page public-auction">
      <p className="back-link">
        <Link to="/auctions">← {t('public.backToList')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{a.title}</h1>
          <p className="page-sub">
            {a.court.name} · <span className="case-no-inline">{a.caseNo}</span> · {assetKindLabel(t, a.assetKind)} · {a.city}
            {a.round > 1 ? ` · ${t('auction.round', { n: a.round })}` : ''}
          </p>
        </div>
        <span className="stack">
          <Badge tone={auctionStatusTone(a.status)}>
            <span data-testid="auction-status">{auctionStatusLabel(t, a.status)}</span>
          </Badge>
          <span className={`live-state is-${link}`}>{t(link === 'live' ? 'public.live' : link === 'down' ? 'public.liveDown' : 'live.connecting')}</span>
        </span>
      </div>

      {a.suspension ? (
        <div className="alert alert-info" role="status">
          <p className="alert-title">{t('public.suspended', { time: formatDateTime(a.suspension.since) })}</p>
          <p>{a.suspension.reason}</p>
        </div>
      ) : null}
      {a.withdrawal ? (
        <div className="alert alert-error" role="status">
          <p className="alert-title">{t('public.withdrawn', { time: formatDateTime(a.withdrawal.at) })}</p>
          <p>{a.withdrawal.reason}</p>
        </div>
      ) : null}

      <div className="public-top">
        <section aria-labelledby="p-photos" className="card gallery">
          <h2 id="p-photos" className="visually-hidden">
            {t('public.photos')}
          </h2>
          {photos.length === 0 ? (
            <Photo src={null} alt={a.title} large />
          ) : (
            <ul className="photo-list">
              {photos.map((p, i) => (
                <li key={`${p}-${i}`}>
                  <Photo src={p} alt={t('public.photoN', { title: a.title, n: i + 1 })} large={i === 0} />
                </li>
              ))}
            </ul>
          )}
          {elsewhere.length ? (
            <ul className="photo-links small">
              {elsewhere.map((p, i) => (
                <li key={`${p}-${i}`}>
                  {/^https?:\/\//.test(p) ? (
                    <a href={p} target="_blank" rel="noopener noreferrer">
                      {t('public.openPhoto', { n: photos.indexOf(p) + 1 })}
                    </a>
                  ) : (
                    <span>{t('public.photoRef', { ref: p })}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        <section aria-labelledby="p-prices" className="card price-card">
          <h2 id="p-prices">{t('public.prices')}</h2>
          {next ? (
            <div className="countdown" role="timer" aria-live="off" aria-label={`${next.label} ${countdownText(t, now, next.at)}`}>
              <span className="countdown-label">{next.label}</span>
              <span className="countdown-value" aria-hidden="true">
                {countdownText(t, now, next.at)}
              </span>
              <span className="small muted">{t('public.serverTime', { time: formatDateTime(now.toISOString()) })}</span>
            </div>
          ) : null}
          <AuctionFacts
            reference={a.referencePrice.amount}
            referenceNote={valuationMethodLabel(t, a.referencePrice.method)}
            startingPrice={a.startingPrice}
            deposit={a.deposit}
            increment={a.increment}
            announcementAt={a.schedule.announcedAt}
            announced
            biddingStartsAt={a.schedule.biddingStartsAt}
            biddingEndsAt={a.schedule.biddingEndsAt}
            balanceDueDays={a.schedule.balanceDueDays}
            fixedPriceSale={a.fixedPriceSale}
          />
          {a.schedule.endedAt ? <p className="small">{t('public.endedAt', { time: formatDateTime(a.schedule.endedAt) })}</p> : null}
          <p className="small muted">{t('public.depositNote', { deposit: displayMoney(a.deposit) })}</p>
        </section>
      </div>

      {a.status === 'withdrawn' ? null : <LiveRoom room={room} />}

      <BidderPanel auction={a} />

      <section className="card" aria-labelledby="p-description">
        <h2 id="p-description">{t('public.description')}</h2>
        <p className="pre-line">{a.description}</p>
      </section>

      <section className="card" aria-labelledby="p-disclosures">
        <h2 id="p-disclosures">{t('public.disclosures')}</h2>
        <DisclosureList disclosures={a.disclosures} holders={a.priorityHolders} />
      </section>

      {a.status === 'announced' || ROOM_STATES.includes(a.status) ? null : <BidLogSection auction={a} />}

      <section className="card" aria-labelledby="p-announcement">
        <h2 id="p-announcement">{t('public.announcement')}</h2>
        <p className="small muted">{t('public.publishedAt', { time: formatDateTime(a.announcement.publishedAt) })}</p>
        <div className="announcement-text pre-line" lang="zh-CN">
          {a.announcement.text}
        </div>
      </section>
    </div>
  );
}
