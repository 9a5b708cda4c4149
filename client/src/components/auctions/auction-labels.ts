/** Labels and tones of auction and valuation codes, all through the dictionary. */
import type { AuctionStatus } from '@shared/auction-rules';
import { isMessageKey, type I18n } from '../../i18n';
import type { Tone } from '../badge';

type T = I18n['t'];

function label(t: T, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

export const auctionStatusLabel = (t: T, status: string) => label(t, `auction.status.${status}`, status);
export const valuationMethodLabel = (t: T, method: string) => label(t, `valuation.method.${method}`, method);
export const valuationStatusLabel = (t: T, status: string) => label(t, `valuation.status.${status}`, status);
export const stepStatusLabel = (t: T, status: string) => label(t, `valuation.step.${status}`, status);
export const resultStatusLabel = (t: T, status: string) => label(t, `valuation.result.${status}`, status);
export const taxBearerLabel = (t: T, bearer: string) => label(t, `auction.taxBearer.${bearer}`, bearer);

export function auctionStatusTone(status: AuctionStatus | string): Tone {
  switch (status) {
    case 'draft':
      return 'neutral';
    case 'approved':
      return 'info';
    case 'announced':
      return 'info';
    case 'live':
    case 'fixed_price_sale':
      return 'success';
    case 'sold':
      return 'success';
    case 'unsold':
    case 'fixed_price_unsold':
      return 'warning';
    case 'suspended':
      return 'waiting';
    case 'withdrawn':
      return 'danger';
    default:
      return 'neutral';
  }
}

export function stepTone(status: string): Tone {
  switch (status) {
    case 'succeeded':
      return 'success';
    case 'open':
    case 'choosing':
      return 'info';
    case 'reported':
      return 'waiting';
    case 'failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

export function resultTone(status: string): Tone {
  switch (status) {
    case 'received':
      return 'success';
    case 'late':
      return 'warning';
    case 'pending':
      return 'waiting';
    case 'unanswered':
    case 'dropped':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** "2 天 3 小时" / "2 d 3 h": a countdown to `to` from `now`, coarse above an hour. */
export function countdownText(t: T, now: Date, to: string): string {
  let ms = Math.max(0, Date.parse(to) - now.getTime());
  const d = Math.floor(ms / 86_400_000);
  ms -= d * 86_400_000;
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms - m * 60_000) / 1000);
  if (d > 0) return t('countdown.days', { d, h, m });
  if (h > 0) return t('countdown.hours', { h, m, s });
  return t('countdown.minutes', { m, s });
}
