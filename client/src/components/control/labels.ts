/** Labels for the codes of the inquiry and control pages (kinds, ranks, statuses), all through the dictionary. */
import { isMessageKey, type I18n } from '../../i18n';

type T = I18n['t'];

function label(t: T, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

/** 全国性银行, 不动产登记机构… */
export const institutionKindLabel = (t: T, kind: string) => label(t, `kind.${kind}`, kind);
/** 存款, 不动产, 车辆… */
export const assetKindLabel = (t: T, kind: string) => label(t, `asset.${kind}`, kind);
/** 查询, 冻结, 查封… (message and notice types) */
export const messageTypeLabel = (t: T, type: string) => label(t, `msg.${type}`, type);
/** 首封 for rank 1, 轮候第n位 after. */
export const rankLabel = (t: T, rank: number) => (rank <= 1 ? t('enc.first') : t('enc.queued', { n: rank }));

/** Funds are frozen by an amount; other assets are frozen or seized whole. */
export const FUND_KINDS: readonly string[] = ['deposit', 'payment_balance', 'housing_fund'];
/** Real estate and vehicles are seized (查封); everything else is frozen (冻结). */
export const isSeizedKind = (kind: string) => kind === 'real_estate' || kind === 'vehicle';

/** A date picked in an <input type="date">, as the start of that day in Beijing (courts work on Beijing time). */
export const dayToInstant = (day: string) => `${day}T00:00:00.000+08:00`;
