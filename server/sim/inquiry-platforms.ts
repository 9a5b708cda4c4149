/**
 * The judicial online inquiry platforms (司法网络询价平台, 参考价 Art. 8–13), simulated: the list (名单库) and, per
 * platform, a desk that receives signed commissions and issues signed reports. Prices are deterministic from the
 * asset's features (kind, identifier, description, indicative value) and the seed, each platform with its own bias
 * and a small spread; working times are deterministic too: three platforms answer within the 3 days the law gives,
 * one (人民法院诉讼资产网) takes about 4 days and is late (参考价 Art. 11).
 *
 * Time is the simulator's clock: a report becomes available at the platform's receipt time plus its working time,
 * and is dated then (`issuedAt`), so a test with a fake clock decides what came in time by moving the clock.
 */
import { stableJson } from '../platform/canonical-json';
import { institutionKey, sign, verifySignature } from '../platform/signing';
import { formatMoney, Money } from '../../shared/money';
import {
  CommissionRequest,
  ReportQuery,
  type CommissionReceipt,
  type PlatformAsset,
  type PlatformReport,
} from '../../shared/inquiry-platform-protocol';
import { Rng } from './random';

export interface SimPlatform {
  code: string;
  name: string;
  /** The platform's systematic lean against the market (its data sources differ). */
  bias: number;
  /** Typical working time in hours; the actual one is within ±10 %, drawn from the asset. */
  hours: number;
}

export const INQUIRY_PLATFORMS: readonly SimPlatform[] = [
  { code: 'IP-TAOBAO', name: '淘宝网司法网络询价平台', bias: 1.0, hours: 6 },
  { code: 'IP-JD', name: '京东司法网络询价平台', bias: 0.95, hours: 20 },
  { code: 'IP-ICBC', name: '中国工商银行融e购司法网络询价平台', bias: 1.05, hours: 40 },
  { code: 'IP-RMZC', name: '人民法院诉讼资产网网络询价平台', bias: 1.02, hours: 100 },
];

/** 5 minutes: a message stamped further than this from the simulator's clock is refused as stale. */
const MAX_SKEW_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
const KEEP = 100_000;

/** The base value of an asset without an indicative value: from its kind and features, in a plausible range. */
function baseValue(seed: string, asset: PlatformAsset): Money {
  if (asset.indicativeValue !== null && new Money(asset.indicativeValue).greaterThan(0)) return new Money(asset.indicativeValue);
  const rng = new Rng(seed, 'asset-value', asset.kind, asset.identifier, asset.description);
  const ranges: Record<PlatformAsset['kind'], [number, number]> = {
    real_estate: [800_000, 6_000_000],
    vehicle: [60_000, 400_000],
    securities: [20_000, 2_000_000],
    equity: [100_000, 10_000_000],
    deposit: [1_000, 100_000],
    payment_balance: [100, 10_000],
    housing_fund: [1_000, 100_000],
  };
  const [lo, hi] = ranges[asset.kind];
  return new Money(Math.round(rng.between(lo, hi)));
}

/** What a platform says an asset is worth and how long it takes: pure and deterministic. */
export function quote(seed: string, platform: SimPlatform, asset: PlatformAsset): { amount: string; hours: number; samples: number } {
  const rng = new Rng(seed, 'inquiry-platform', platform.code, asset.kind, asset.identifier, asset.description, asset.indicativeValue ?? '');
  const noise = rng.between(-0.03, 0.03);
  const factor = new Money(platform.bias).plus(new Money(noise.toFixed(6)));
  // Whole yuan, as the platforms report.
  const amount = baseValue(seed, asset).times(factor).toDecimalPlaces(0, Money.ROUND_HALF_UP);
  const hours = platform.hours * rng.between(0.9, 1.1);
  return { amount: formatMoney(amount), hours, samples: rng.int(8, 60) };
}

interface Commissioned {
  request: CommissionRequest;
  /** The request without its sentAt and signature: what a repeat must match. */
  content: string;
  receivedAt: Date;
  availableAt: Date;
  amount: string;
  samples: number;
  reportNo: string;
}

export interface DeskAnswer {
  status: number;
  body: unknown;
}

export interface PlatformStats {
  commissions: number;
  repeats: number;
  reports: number;
  refused: Record<'badSignature' | 'stale' | 'badRequest' | 'conflict' | 'unknown', number>;
}

/** All the platforms of the list, behind one object the HTTP server dispatches to. */
export class InquiryPlatformDesk {
  private readonly platforms: Map<string, { platform: SimPlatform; key: string; fixedHours: number | null }>;
  private readonly commissions = new Map<string, Commissioned>();
  readonly stats: PlatformStats = { commissions: 0, repeats: 0, reports: 0, refused: { badSignature: 0, stale: 0, badRequest: 0, conflict: 0, unknown: 0 } };

  constructor(
    private readonly seed: string,
    networkSecret: string,
    platforms: readonly SimPlatform[] = INQUIRY_PLATFORMS,
  ) {
    this.platforms = new Map(platforms.map((p) => [p.code, { platform: p, key: institutionKey(networkSecret, p.code), fixedHours: null }]));
  }

  listing(): { platforms: { code: string; name: string }[] } {
    return { platforms: [...this.platforms.values()].map(({ platform }) => ({ code: platform.code, name: platform.name })) };
  }

  /** For drills and tests: make a platform take exactly `hours` (null: back to its own pace). */
  setHours(code: string, hours: number | null): boolean {
    const p = this.platforms.get(code);
    if (!p) return false;
    p.fixedHours = hours;
    return true;
  }

  /** POST /inquiry-platforms/:code/requests */
  commission(code: string, raw: unknown, now: Date): DeskAnswer {
    const p = this.platforms.get(code);
    if (!p) return this.refuse('unknown', 404, 'UNKNOWN_PLATFORM', `未知询价平台 ${code} / Unknown inquiry platform ${code}`);
    const checked = this.check(p.key, code, raw, CommissionRequest, now);
    if ('refusal' in checked) return checked.refusal;
    const request = checked.message;
    const { sentAt: _s, signature: _sig, ...rest } = request;
    const content = stableJson(rest);
    const key = `${code}:${request.requestId}`;
    const kept = this.commissions.get(key);
    if (kept) {
      if (kept.content !== content) {
        return this.refuse('conflict', 409, 'REQUEST_ID_REUSED', '该委托编号已用于另一份委托书 / This requestId was used for a different commission');
      }
      this.stats.repeats += 1;
      return { status: 202, body: this.receipt(p.key, kept) };
    }
    const q = quote(this.seed, p.platform, request.asset);
    const hours = p.fixedHours ?? q.hours;
    const entry: Commissioned = {
      request,
      content,
      receivedAt: now,
      availableAt: new Date(now.getTime() + Math.round(hours * HOUR_MS)),
      amount: q.amount,
      samples: q.samples,
      reportNo: `${code}-${request.requestId.slice(0, 8).toUpperCase()}`,
    };
    this.commissions.set(key, entry);
    if (this.commissions.size > KEEP) this.commissions.delete(this.commissions.keys().next().value!);
    this.stats.commissions += 1;
    return { status: 202, body: this.receipt(p.key, entry) };
  }

  /** POST /inquiry-platforms/:code/reports */
  report(code: string, raw: unknown, now: Date): DeskAnswer {
    const p = this.platforms.get(code);
    if (!p) return this.refuse('unknown', 404, 'UNKNOWN_PLATFORM', `未知询价平台 ${code} / Unknown inquiry platform ${code}`);
    const checked = this.check(p.key, code, raw, ReportQuery, now);
    if ('refusal' in checked) return checked.refusal;
    const entry = this.commissions.get(`${code}:${checked.message.requestId}`);
    if (!entry) return this.refuse('unknown', 404, 'UNKNOWN_REQUEST', '未收到该委托 / No such commission');
    if (now.getTime() < entry.availableAt.getTime()) {
      return { status: 200, body: sign<Extract<PlatformReport, { status: 'pending' }>>(p.key, { status: 'pending', requestId: entry.request.requestId, platform: code }) };
    }
    this.stats.reports += 1;
    const validUntil = new Date(entry.availableAt);
    validUntil.setUTCFullYear(validUntil.getUTCFullYear() + 1);
    return {
      status: 200,
      body: sign<Extract<PlatformReport, { status: 'issued' }>>(p.key, {
        status: 'issued',
        requestId: entry.request.requestId,
        platform: code,
        reportNo: entry.reportNo,
        amount: entry.amount,
        issuedAt: entry.availableAt.toISOString(),
        validUntil: validUntil.toISOString(),
        method: '市场比较法：同类财产既往成交价、挂牌价与政府指导价加权 / market comparison: past transactions, listings and guided prices, weighted',
        samples: entry.samples,
      }),
    };
  }

  private receipt(key: string, entry: Commissioned): CommissionReceipt {
    return sign<CommissionReceipt>(key, { requestId: entry.request.requestId, platform: entry.request.platform, receivedAt: entry.receivedAt.toISOString() });
  }

  private check<T extends { platform: string; sentAt: string }>(
    key: string,
    code: string,
    raw: unknown,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } } },
    now: Date,
  ): { message: T } | { refusal: DeskAnswer } {
    const signature = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).signature : undefined;
    if (typeof signature !== 'string' || signature === '') return { refusal: this.refuse('badSignature', 401, 'BAD_SIGNATURE', '报文未签名 / The message is not signed') };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      this.stats.refused.badRequest += 1;
      return { refusal: { status: 400, body: { error: 'INVALID_MESSAGE', message: 'The message does not match the protocol', issues: parsed.error.issues } } };
    }
    if (parsed.data.platform !== code) {
      return { refusal: this.refuse('badRequest', 400, 'WRONG_PLATFORM', `报文收件平台为 ${parsed.data.platform}，不是 ${code} / Addressed to ${parsed.data.platform}, not ${code}`) };
    }
    if (!verifySignature(key, raw as Record<string, unknown>)) {
      return { refusal: this.refuse('badSignature', 401, 'BAD_SIGNATURE', '签名无效 / The signature does not match') };
    }
    if (Math.abs(now.getTime() - new Date(parsed.data.sentAt).getTime()) > MAX_SKEW_MS) {
      return { refusal: this.refuse('stale', 401, 'STALE', '报文时间与当前时间相差超过5分钟 / sentAt is more than 5 minutes from now') };
    }
    return { message: parsed.data };
  }

  private refuse(kind: keyof PlatformStats['refused'], status: number, error: string, message: string): DeskAnswer {
    this.stats.refused[kind] += 1;
    return { status, body: { error, message } };
  }
}
