/**
 * The live auction room (竞价大厅), shown on the public auction page and, read-only, on the court's page for the judge's
 * supervision: the countdown on the server's clock with every extension (网拍 Art. 20), the current price and the
 * leader's code, the watchers, the bid log by codes only (Art. 18 para 2, 20 para 3), the link's state, and the
 * outcome. A qualified bidder (the room's `me`) bids here: quick amounts from the shared rules (nextMinimumBid), an own
 * amount checked with checkBidAmount before it is sent, each confirmed first; a proxy maximum where the court allows it.
 * The connection is lib/live-auction.ts (the page owns it, so the page's other parts share the socket).
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { checkBidAmount, nextMinimumBid } from '@shared/auction-rules';
import { displayMoney, formatMoney, isMoney, parseMoney } from '@shared/money';
import { useI18n, type MessageKey } from '../../i18n';
import type { LiveRoomHandle, RoomFigures } from '../../lib/live-auction';
import { Dialog } from '../dialog';
import { Alert, TextField } from '../fields';
import './live-room.css';

const TIME_ZONE = 'Asia/Shanghai';
/** The quick bids: the least bid now, and 1 and 4 increments above it (the leading amount + 1, 2 and 5 increments). */
const QUICK_STEPS = [0, 1, 4] as const;

/** Remaining time as H:MM:SS (with days in front when more than a day is left). */
export function remainingText(ms: number, days: (d: number) => string): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return d > 0 ? `${days(d)} ${hms}` : hms;
}

function useSecondsFormat(locale: string) {
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    return { dateTime: (ms: number) => f.format(new Date(ms)), time: (ms: number) => time.format(new Date(ms)) };
  }, [locale]);
}

/** The server's now, re-read every quarter second while mounted. */
function useRoomNow(room: LiveRoomHandle): number {
  const { serverNow } = room;
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(timer);
  }, [serverNow]);
  return now;
}

type Pending = { kind: 'bid'; amount: string } | { kind: 'proxy'; max: string };

function terms(f: RoomFigures) {
  return { startingPrice: f.startingPrice, increment: f.increment };
}
function leadingOf(f: RoomFigures) {
  return f.price === null ? null : { amount: f.price, priorityRank: f.leaderPriorityRank };
}

/** The bidder's controls: quick bids, an own amount, a proxy maximum; each confirmed in a dialog. */
/** An amount with its submit button beside it: the custom bid and the proxy maximum. */
function AmountForm(p: { id: string; label: string; hint: string; error: string | undefined; value: string; submit: string; disabled: boolean; onSubmit(e: FormEvent): void; onChange(v: string): void }) {
  return (
    <form className="room-form" onSubmit={p.onSubmit} noValidate>
      <TextField
        id={p.id}
        label={p.label}
        hint={p.hint}
        error={p.error}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        after={
          <button type="submit" className="button" disabled={p.disabled}>
            {p.submit}
          </button>
        }
      />
    </form>
  );
}

function BidControls({ room, figures, code }: { room: LiveRoomHandle; figures: RoomFigures; code: string }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const customId = useId();
  const proxyId = useId();
  const [pending, setPending] = useState<Pending | null>(null);
  const [sending, setSending] = useState(false);
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | undefined>();
  const [proxyMax, setProxyMax] = useState('');
  const [proxyError, setProxyError] = useState<string | undefined>();
  const [result, setResult] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);

  const myRank = figures.me?.priorityRank ?? null;
  const minimum = nextMinimumBid(terms(figures), leadingOf(figures), myRank);
  const increment = parseMoney(figures.increment);
  const first = figures.price === null;
  const quick = QUICK_STEPS.map((k) => ({ k, amount: formatMoney(minimum.plus(increment.times(k))) }));

  /** Why an amount may not be bid now (the same rule the server applies), or undefined. */
  const amountError = (value: string): string | undefined => {
    if (!isMoney(value)) return t('room.notMoney');
    const check = checkBidAmount(terms(figures), leadingOf(figures), myRank, value);
    if (check.ok) return undefined;
    return check.reason === 'too_low'
      ? t('room.tooLow', { min: displayMoney(check.minimum) })
      : t('room.offIncrement', { leading: displayMoney(figures.price ?? figures.startingPrice), inc: displayMoney(figures.increment), min: displayMoney(check.minimum) });
  };

  const submitCustom = (e: FormEvent) => {
    e.preventDefault();
    const value = custom.trim();
    const error = amountError(value);
    setCustomError(error);
    if (!error) setPending({ kind: 'bid', amount: formatMoney(value) });
  };
  const submitProxy = (e: FormEvent) => {
    e.preventDefault();
    const value = proxyMax.trim();
    const error = !isMoney(value) ? t('room.notMoney') : parseMoney(value).lessThan(minimum) ? t('room.tooLow', { min: displayMoney(minimum) }) : undefined;
    setProxyError(error);
    if (!error) setPending({ kind: 'proxy', max: formatMoney(value) });
  };

  const confirm = async () => {
    if (!pending) return;
    setSending(true);
    const r = pending.kind === 'bid' ? await room.bid(pending.amount) : await room.proxy(pending.max);
    setSending(false);
    setPending(null);
    if (!r.ok || !r.ack) {
      setResult({ kind: 'error', text: pick(r.error?.message ?? '') });
      return;
    }
    if (pending.kind === 'proxy') {
      setProxyMax('');
      setResult({ kind: 'success', text: t('room.proxyOk', { max: displayMoney(r.ack.proxyMax ?? pending.max) }) });
    } else {
      setCustom('');
      setResult(r.ack.leading ? { kind: 'success', text: t('room.bidOk', { amount: displayMoney(pending.amount) }) } : { kind: 'info', text: t('room.bidOkBehind', { amount: displayMoney(pending.amount) }) });
    }
  };

  return (
    <div className="room-controls">
      <h3 className="room-subhead">{t('room.quick')}</h3>
      <div className="quick-bids">
        {quick.map(({ k, amount }) => (
          <button
            key={k}
            type="button"
            className={`button quick-bid${k === 0 ? ' button-primary' : ''}`}
            aria-label={t('room.quickLabel', { amount: displayMoney(amount) })}
            onClick={() => setPending({ kind: 'bid', amount })}
            disabled={sending}
          >
            <span className="quick-amount">{displayMoney(amount)}</span>
            <span className="quick-step">{t(`room.${first ? 'quickStepFirst' : 'quickStep'}.${k}` as MessageKey)}</span>
          </button>
        ))}
      </div>
      <AmountForm
        id={customId}
        label={t('room.custom')}
        hint={t('room.customHint')}
        error={customError}
        value={custom}
        submit={t('room.customSubmit')}
        disabled={sending}
        onSubmit={submitCustom}
        onChange={(v) => {
          setCustom(v);
          setCustomError(undefined);
        }}
      />
      {figures.proxyBidding ? (
        <AmountForm
          id={proxyId}
          label={t('room.proxyMax')}
          hint={t('room.proxyHint')}
          error={proxyError}
          value={proxyMax}
          submit={t('room.proxySubmit')}
          disabled={sending}
          onSubmit={submitProxy}
          onChange={(v) => {
            setProxyMax(v);
            setProxyError(undefined);
          }}
        />
      ) : null}
      <div aria-live="polite" className="room-result">
        {result ? <Alert kind={result.kind}>{result.text}</Alert> : null}
      </div>
      {pending ? (
        <Dialog title={t(pending.kind === 'bid' ? 'room.confirmTitle' : 'room.proxyConfirmTitle')} onClose={() => (sending ? undefined : setPending(null))}>
          <p className="confirm-amount">{displayMoney(pending.kind === 'bid' ? pending.amount : pending.max)}</p>
          <p>
            {pending.kind === 'bid'
              ? t('room.confirmBody', { code, amount: displayMoney(pending.amount) })
              : t('room.proxyConfirmBody', { code, max: displayMoney(pending.max) })}
          </p>
          <p className="button-row">
            <button type="button" className="button button-primary" disabled={sending} onClick={() => void confirm()}>
              {sending
                ? t('room.sending')
                : pending.kind === 'bid'
                  ? t('room.confirm', { amount: displayMoney(pending.amount) })
                  : t('room.proxyConfirm', { max: displayMoney(pending.max) })}
            </button>
            <button type="button" className="button" disabled={sending} onClick={() => setPending(null)}>
              {t('room.cancel')}
            </button>
          </p>
        </Dialog>
      ) : null}
    </div>
  );
}

/** The live room of one auction. `readOnly`: the court's supervision (no bidding controls whoever is signed in). */
export function LiveRoom({ room, readOnly = false }: { room: LiveRoomHandle; readOnly?: boolean }) {
  const { t, locale } = useI18n();
  const fmt = useSecondsFormat(locale);
  const now = useRoomNow(room);
  const headingId = useId();
  const f = room.figures;
  const mine = readOnly ? null : (f?.me ?? null);

  // "Live bidding" only while bidding runs; before it or after it the link is just connected.
  const linkText = room.link === 'live' && f?.status !== 'live' ? t('room.link.connected') : t(`room.link.${room.link}` as MessageKey);
  const linkClass = room.link === 'live' ? 'is-live' : room.link === 'down' ? 'is-down' : 'is-connecting';
  const header = (
    <div className="section-head room-head">
      <h2 id={headingId}>{t(readOnly ? 'room.titleCourt' : 'room.title')}</h2>
      <span className="room-meta">
        {f ? (
          <span className="room-watchers" data-testid="room-watchers">
            {t('room.watchers', { n: f.watchers })}
          </span>
        ) : null}
        <span className={`live-state ${linkClass}`} data-testid="room-link">
          {linkText}
        </span>
      </span>
    </div>
  );

  if (!f) {
    return (
      <section className="card live-room" aria-labelledby={headingId}>
        {header}
        {room.error ? <Alert kind="error">{room.error.message}</Alert> : null}
      </section>
    );
  }

  const over = f.status === 'sold' || f.status === 'unsold' || room.closed !== null;
  const live = f.status === 'live' && !over;
  // A suspension during bidding pauses the countdown; one before bidding began has no end to count to yet.
  const suspended = f.status === 'suspended' && f.startsAt <= now;
  const leaderIsMe = mine !== null && f.leaderCode === mine.bidderCode;
  const bidsNewestFirst = [...room.bids].reverse();
  const winnerCode = room.closed?.winnerCode ?? (f.status === 'sold' ? f.leaderCode : null);
  const finalPrice = room.closed?.price ?? f.price;
  const outcome = room.closed?.outcome ?? (f.status === 'sold' || f.status === 'unsold' ? f.status : null);

  return (
    <section className={`card live-room${live ? ' is-open' : ''}`} aria-labelledby={headingId}>
      {header}

      {room.link === 'reconnecting' ? (
        <div className="alert alert-info room-reconnecting" role="status">
          <p className="alert-title">{t('room.link.reconnecting')}</p>
          <p>{t('room.reconnecting')}</p>
        </div>
      ) : null}

      {outcome ? (
        <div className={`alert ${outcome === 'sold' ? 'alert-success' : 'alert-info'} room-outcome`} role="status" data-testid="room-outcome">
          <p className="alert-title">
            {outcome === 'sold' && winnerCode && finalPrice
              ? mine && mine.bidderCode === winnerCode
                ? t('room.soldYou', { code: winnerCode, price: displayMoney(finalPrice) })
                : t('room.sold', { code: winnerCode, price: displayMoney(finalPrice) })
              : t('room.unsold')}
          </p>
          {room.closed ? <p className="small">{t('room.closedAt', { time: fmt.dateTime(room.closed.endedAt) })}</p> : null}
        </div>
      ) : null}

      <div className="room-body">
        <div className="room-main">
          {live || suspended ? (
            <div className="room-clock">
              <div className="countdown room-countdown" role="timer" aria-live="off" aria-label={`${t('room.endsIn')} ${remainingText(f.endsAt - now, (d) => t('room.days', { d }))}`}>
                <span className="countdown-label">{suspended ? t('room.suspended') : t('room.endsIn')}</span>
                <span className="countdown-value" data-testid="room-countdown">
                  {suspended ? '—' : remainingText(f.endsAt - now, (d) => t('room.days', { d }))}
                </span>
                <span className="small" data-testid="room-ends-at">
                  {t('room.endsAt', { time: fmt.dateTime(f.endsAt) })}
                </span>
              </div>
              {room.extension ? (
                <p className="room-extension" role="status" data-testid="room-extension">
                  <span className="extension-mark" aria-hidden="true">
                    {t('room.extendedMark')}
                  </span>
                  {t('room.extended', { time: fmt.time(room.extension.to), n: room.extension.count })}
                </p>
              ) : null}
            </div>
          ) : null}

          <dl className="room-figures">
            <div>
              <dt>{f.price === null ? t('room.startingPrice') : t('room.price')}</dt>
              <dd className="room-price" data-testid="room-price">
                {displayMoney(f.price ?? f.startingPrice)}
              </dd>
            </div>
            <div>
              <dt>{t('room.leader')}</dt>
              <dd className="room-leader" data-testid="room-leader">
                {f.leaderCode ?? (f.price === null ? t('room.noBidYet') : t('room.noLeader'))}
              </dd>
            </div>
            <div>
              <dt className="visually-hidden">{t('public.increment')}</dt>
              <dd className="small muted">
                {t('room.increment', { inc: displayMoney(f.increment) })}
                {live ? ` · ${t('room.nextMinimum', { amount: displayMoney(nextMinimumBid(terms(f), leadingOf(f), mine?.priorityRank ?? null)) })}` : ''}
              </dd>
            </div>
          </dl>

          {mine && live ? (
            <div className="room-mine">
              <p className="small">
                {t('room.yourCode', { code: mine.bidderCode })}
                {leaderIsMe ? (
                  <strong className="you-lead" data-testid="room-you-lead">
                    {' · '}
                    {t('room.youLead')}
                  </strong>
                ) : null}
              </p>
              {room.outbid ? (
                <div className="alert alert-error room-outbid" role="alert" data-testid="room-outbid">
                  <p className="alert-title">{t('room.outbid')}</p>
                  <button type="button" className="button button-small button-quiet" onClick={room.dismissOutbid}>
                    {t('room.dismiss')}
                  </button>
                </div>
              ) : null}
              <BidControls room={room} figures={f} code={mine.bidderCode} />
            </div>
          ) : !readOnly && f.status === 'announced' ? (
            <p className="small muted">{t('room.notOpen')}</p>
          ) : !readOnly && live ? (
            <p className="small muted">{t('room.watchOnly')}</p>
          ) : null}
        </div>
        <div className="room-side">
          <h3 className="room-subhead">{t('room.log')}</h3>
          {bidsNewestFirst.length === 0 ? (
            <p className="muted small">{t('room.logEmpty')}</p>
          ) : (
            <ol className="room-log" data-testid="room-log" aria-live="polite" aria-relevant="additions">
              {bidsNewestFirst.map((b, i) => (
                <li key={b.seq} className={i === 0 ? 'is-top' : undefined} data-seq={b.seq}>
                  <span className="log-seq">#{b.seq}</span>
                  <span className="log-code">
                    <span className="bidder-code-cell">{b.bidderCode}</span>
                    {mine && b.bidderCode === mine.bidderCode ? <span className="log-tag is-me">{t('room.me')}</span> : null}
                    {b.priority ? <span className="log-tag">{t('room.priority')}</span> : null}
                    {b.auto ? <span className="log-tag is-auto">{t('room.auto')}</span> : null}
                  </span>
                  <span className="log-amount">{displayMoney(b.amount)}</span>
                  <time className="log-time" dateTime={new Date(b.at).toISOString()}>
                    {fmt.time(b.at)}
                  </time>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
