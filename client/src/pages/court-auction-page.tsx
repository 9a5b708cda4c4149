/**
 * An auction as its court sees it (/court/auctions/:id): the settings, the collegial panel and who approved, the state,
 * and the court's lifecycle actions with the rules that govern them: relisting after an unsold first round (网拍 Art. 26),
 * the fixed-price sale after the second (变卖), suspension and resumption (Art. 28), withdrawal. Updates live.
 * Once published, the live room (components/auctions/live-room.tsx) sits beside the suspend and resume controls,
 * read-only: the judge supervises the bidding as the public sees it, by bidder codes.
 */
import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import {
  EDITABLE_STATUSES,
  FIXED_PRICE_SALE_DAYS,
  MAX_ROUNDS,
  RELIST_ANNOUNCEMENT_DAYS,
  RELIST_MAX_CUT_PERCENT,
  RELIST_WITHIN_DAYS,
  relistPriceFloor,
  RESUME_WITHIN_DAYS,
  SUSPENDABLE_STATUSES,
  WITHDRAWABLE_STATUSES,
} from '@shared/auction-rules';
import { displayMoney } from '@shared/money';
import { SuspendAuctionBody } from '@shared/schemas/auctions';
import { auctionApi, type AuctionView } from '../auction-api';
import { useAuth } from '../auth';
import { AuctionFacts, DisclosureList } from '../components/auctions/auction-facts';
import { auctionStatusLabel, auctionStatusTone, valuationMethodLabel } from '../components/auctions/auction-labels';
import { Badge } from '../components/badge';
import { Dialog } from '../components/dialog';
import { FieldDialog } from '../components/control/field-dialog';
import { assetKindLabel } from '../components/control/labels';
import { Alert } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { LiveRoom } from '../components/auctions/live-room';
import { LiveState } from '../components/live-state';
import { useI18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { useLiveAuction } from '../lib/live-auction';
import { fromBeijingInput, serverNow, toBeijingInput } from '../lib/server-clock';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useRealtimeEvent } from '../realtime';
import '../auctions.css';

type Action = 'suspend' | 'resume' | 'withdraw' | 'fixedPrice';

export function CourtAuctionPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t, pick, formatDateTime, formatDate } = i18n;
  const { user } = useAuth();
  const location = useLocation();
  const loaded = useLoad(() => auctionApi.get(id), [id]);
  const [pushed, setPushed] = useState<AuctionView | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState<string>(() => {
    const saved = (location.state as { saved?: string } | null)?.saved;
    return saved ? t(saved === 'new' ? 'court.savedNew' : saved === 'edit' ? 'court.savedEdit' : 'court.savedRelist') : '';
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);

  // The newest of what was loaded and what was pushed (by `seq`).
  const a = pushed && (!loaded.data || pushed.seq >= loaded.data.seq) && pushed.id === id ? pushed : loaded.data;
  usePageTitle(a ? a.title : t('court.auction'));
  const supervised = a !== null && a !== undefined && a.announcedAt !== null && a.status !== 'withdrawn';
  const room = useLiveAuction(supervised ? id : null, { userId: user?.id ?? null });
  useRealtimeEvent<AuctionView>('auction.updated', (v) => {
    if (v.id === id) setPushed(v);
  });

  function done(text: string, view?: AuctionView) {
    setAction(null);
    setError(null);
    setMessage(text);
    if (view) setPushed(view);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  async function approve() {
    if (!a) return;
    setBusy(true);
    setError(null);
    try {
      const v = await auctionApi.approve(a.id);
      done(v.status === 'approved' ? t('court.approvedAll') : t('court.approvedOne', { n: v.panel.approvals, needed: v.panel.needed }), v);
    } catch (err) {
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  }

  if (loaded.error) return <div className="page"><LoadError error={loaded.error} onRetry={loaded.reload} /></div>;
  if (!a || !user) return <div className="page"><Loading /></div>;

  const staff = user.role === 'judge' || user.role === 'clerk';
  const judge = user.role === 'judge';
  const me = a.panel.members.find((m) => m.id === user.id);
  const canApprove = a.status === 'draft' && me && !me.approved && user.canApprove;
  const editable = staff && (EDITABLE_STATUSES as readonly string[]).includes(a.status);
  const published = a.announcedAt !== null;
  const relistable = staff && a.status === 'unsold' && a.round < MAX_ROUNDS && !a.relistedAs;
  const fixedPrice = judge && a.status === 'unsold' && a.round >= MAX_ROUNDS;
  const movable = a.assetKind === 'vehicle';

  return (
    <div className="page auction-admin">
      <p className="back-link">
        <Link to="/court/auctions">← {t('court.backToList')}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{a.title}</h1>
          <p className="page-sub">
            <Link to={`/cases/${a.caseId}/assets#valuation`} className="case-no-inline">
              {a.caseNo}
            </Link>{' '}
            · {assetKindLabel(t, a.assetKind)} {a.assetIdentifier} · {t('auction.round', { n: a.round })}
          </p>
        </div>
        <span className="stack">
          <Badge tone={auctionStatusTone(a.status)}>{auctionStatusLabel(t, a.status)}</Badge>
          <LiveState live="court.live" down="court.liveDown" />
        </span>
      </div>

      <div className="live-slot" aria-live="polite" ref={messageRef} tabIndex={-1}>
        {message ? <p className="alert alert-success">{message}</p> : null}
      </div>
      {error ? <Alert kind="error">{error}</Alert> : null}

      <div className="case-grid">
        <div>
          <section className="card" aria-labelledby="a-settings">
            <div className="section-head">
              <h2 id="a-settings">{t('court.settings')}</h2>
              <span className="row-actions">
                {editable ? (
                  <Link to={`/court/auctions/${a.id}/edit`} className="button button-small">
                    {t('court.edit')}
                  </Link>
                ) : null}
                {published ? (
                  <Link to={`/auctions/${a.id}`} className="button button-small">
                    {t('court.publicPage')}
                  </Link>
                ) : null}
              </span>
            </div>
            {a.status === 'approved' ? <p className="small muted">{t('court.editResets')}</p> : null}
            <AuctionFacts
              reference={a.referencePrice.amount}
              referenceNote={`${valuationMethodLabel(t, a.referencePrice.method)} · ${t('court.validUntil', { date: formatDateTime(a.referencePrice.validUntil) })}`}
              startingPrice={a.startingPrice}
              deposit={a.deposit}
              increment={a.increment}
              announcementAt={a.announcedAt ?? a.announcementAt}
              announced={a.announcedAt !== null}
              biddingStartsAt={a.biddingStartsAt}
              biddingEndsAt={a.biddingEndsAt}
              balanceDueDays={a.balanceDueDays}
              city={a.city}
              fixedPriceSale={a.fixedPriceSale}
            />
          </section>
          <section className="card" aria-labelledby="a-disclosures">
            <h2 id="a-disclosures">{t('public.disclosures')}</h2>
            <DisclosureList disclosures={a.disclosures} holders={a.priorityHolders} />
          </section>
        </div>

        <div>
          <section className="card" aria-labelledby="a-panel">
            <h2 id="a-panel">{t('court.panel')}</h2>
            <p className="small muted">{t('court.panelRule', { needed: a.panel.needed, size: a.panel.members.length })}</p>
            <ul className="panel-list">
              {a.panel.members.map((m, i) => (
                <li key={m.id} data-member={m.displayName}>
                  <span>
                    {m.displayName}
                    {i === 0 ? <span className="muted small"> · {t('builder.presiding')}</span> : null}
                  </span>
                  <Badge tone={m.approved ? 'success' : 'neutral'}>{m.approved ? t('court.memberApproved') : t('court.memberWaiting')}</Badge>
                </li>
              ))}
            </ul>
            <p className="panel-count" data-testid="panel-count">
              {t('court.approvals', { n: a.panel.approvals, needed: a.panel.needed })}
              {a.approvedAt ? ` · ${t('court.approvedAt', { time: formatDateTime(a.approvedAt) })}` : ''}
            </p>
            {canApprove ? (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void approve()}>
                {t('court.approve')}
              </button>
            ) : a.status === 'draft' && me?.approved ? (
              <p className="small muted">{t('court.youApproved')}</p>
            ) : a.status === 'draft' && !me ? (
              <p className="small muted">{t('court.notMember')}</p>
            ) : null}
            {a.status === 'approved' ? <p className="small">{t('court.awaitingAnnouncement', { time: formatDateTime(a.announcementAt) })}</p> : null}
          </section>

          {supervised ? <LiveRoom room={room} readOnly /> : null}
          <section className="card" aria-labelledby="a-lifecycle">
            <h2 id="a-lifecycle">{t('court.lifecycle')}</h2>
            <dl className="facts one-col">
              <div>
                <dt>{t('court.createdBy')}</dt>
                <dd>
                  {a.createdBy.displayName} · {formatDateTime(a.createdAt)}
                </dd>
              </div>
              {a.announcedAt ? (
                <div>
                  <dt>{t('court.announcedAt')}</dt>
                  <dd>{formatDateTime(a.announcedAt)}</dd>
                </div>
              ) : null}
              {a.endedAt ? (
                <div>
                  <dt>{t('court.endedAt')}</dt>
                  <dd>{formatDateTime(a.endedAt)}</dd>
                </div>
              ) : null}
              {a.suspension ? (
                <div>
                  <dt>{t('court.suspendedSince')}</dt>
                  <dd>
                    {formatDateTime(a.suspension.at)} · {a.suspension.reason}
                  </dd>
                </div>
              ) : null}
              {a.withdrawal ? (
                <div>
                  <dt>{t('court.withdrawnAt')}</dt>
                  <dd>
                    {formatDateTime(a.withdrawal.at)} · {a.withdrawal.reason}
                  </dd>
                </div>
              ) : null}
            </dl>

            {a.relistedAs ? (
              <p>
                <Link to={`/court/auctions/${a.relistedAs}`}>{t('court.toRelisting')}</Link>
              </p>
            ) : null}
            {a.previousAuctionId ? (
              <p>
                <Link to={`/court/auctions/${a.previousAuctionId}`}>{t('court.toPrevious')}</Link>
              </p>
            ) : null}

            {relistable ? (
              <div className="rule-box">
                <h3>{t('court.relistTitle')}</h3>
                <p>
                  {t('court.relistRules', {
                    within: RELIST_WITHIN_DAYS,
                    deadline: a.relistDeadline ? formatDate(a.relistDeadline) : '—',
                    cut: RELIST_MAX_CUT_PERCENT,
                    min: displayMoney(relistPriceFloor(a.startingPrice)),
                    notice: movable ? RELIST_ANNOUNCEMENT_DAYS.movable : RELIST_ANNOUNCEMENT_DAYS.immovable,
                    kind: t(movable ? 'rule.movable' : 'rule.immovable'),
                  })}
                </p>
                <Link to={`/court/auctions/${a.id}/relist`} className="button button-primary">
                  {t('court.relist')}
                </Link>
              </div>
            ) : null}
            {fixedPrice ? (
              <div className="rule-box">
                <h3>{t('court.fixedTitle')}</h3>
                <p>{t('court.fixedRules', { price: displayMoney(a.startingPrice), days: FIXED_PRICE_SALE_DAYS })}</p>
                <button type="button" className="button button-primary" onClick={() => setAction('fixedPrice')}>
                  {t('court.fixedStart')}
                </button>
              </div>
            ) : null}
            {judge ? (
              <div className="row-actions lifecycle-actions">
                {(SUSPENDABLE_STATUSES as readonly string[]).includes(a.status) ? (
                  <button type="button" className="button" onClick={() => setAction('suspend')}>
                    {t('court.suspend')}
                  </button>
                ) : null}
                {a.status === 'suspended' ? (
                  <button type="button" className="button button-primary" onClick={() => setAction('resume')}>
                    {t('court.resume')}
                  </button>
                ) : null}
                {(WITHDRAWABLE_STATUSES as readonly string[]).includes(a.status) ? (
                  <button type="button" className="button" onClick={() => setAction('withdraw')}>
                    {t('court.withdraw')}
                  </button>
                ) : null}
              </div>
            ) : null}
            {a.status === 'suspended' ? <p className="small muted">{t('court.resumeRule', { days: RESUME_WITHIN_DAYS })}</p> : null}
          </section>
        </div>
      </div>

      {action === 'suspend' || action === 'withdraw' ? (
        <FieldDialog
          title={t(action === 'suspend' ? 'court.suspendTitle' : 'court.withdrawTitle')}
          subtitle={a.title}
          name="reason"
          label={t('court.reason')}
          hint={t(action === 'suspend' ? 'court.suspendHint' : 'court.withdrawHint')}
          required
          validate={(v) => {
            const r = SuspendAuctionBody.safeParse({ reason: v });
            return r.success ? null : pick(r.error.issues[0]?.message ?? '');
          }}
          submitLabel={t(action === 'suspend' ? 'court.suspend' : 'court.withdraw')}
          onClose={() => setAction(null)}
          onSubmit={async (reason) => {
            const v = action === 'suspend' ? await auctionApi.suspend(a.id, reason) : await auctionApi.withdraw(a.id, reason);
            done(t(action === 'suspend' ? 'court.suspended' : 'court.withdrawn'), v);
          }}
        />
      ) : null}
      {action === 'resume' ? (
        <FieldDialog
          title={t('court.resumeTitle')}
          subtitle={a.suspension ? `${formatDateTime(a.suspension.at)} · ${a.suspension.reason}` : a.title}
          name="causeEndedAt"
          label={t('court.causeEndedAt')}
          hint={t('court.resumeHint', { days: RESUME_WITHIN_DAYS })}
          required
          initial={toBeijingInput(serverNow())}
          input={{ type: 'datetime-local' }}
          validate={(v) => (fromBeijingInput(v) ? null : t('builder.dateRequired'))}
          submitLabel={t('court.resume')}
          onClose={() => setAction(null)}
          onSubmit={async (value) => {
            const v = await auctionApi.resume(a.id, fromBeijingInput(value)!);
            done(t('court.resumed'), v);
          }}
        />
      ) : null}
      {action === 'fixedPrice' ? (
        <Dialog title={t('court.fixedTitle')} subtitle={a.title} onClose={() => setAction(null)}>
          <p>{t('court.fixedRules', { price: displayMoney(a.startingPrice), days: FIXED_PRICE_SALE_DAYS })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  done(t('court.fixedStarted'), await auctionApi.fixedPriceSale(a.id));
                } catch (err) {
                  setAction(null);
                  setError(errorText(err, i18n));
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('court.fixedStart')}
            </button>
            <button type="button" className="button" onClick={() => setAction(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
