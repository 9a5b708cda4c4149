/**
 * The institutions' books, in memory: the assets they hold for debtors (materialised from the deterministic holdings
 * the first time anyone looks) and, per asset, the measures of the courts in registration order.
 *
 * Rules kept here:
 * - Per asset, the active measures have ranks 1..n without gaps, in registration order. Rank 1 is in force (首封);
 *   the others are queued (轮候) and hold nothing yet.
 * - A freeze in force holds min(requested, balance) — never more than the balance (网查; 查扣冻 19 is the court's duty,
 *   the bank simply cannot freeze what is not there). For equity and securities the indicative value stands in for
 *   the balance. A queued freeze holds 0.00 until it takes effect.
 * - 查扣冻 26: when the measure in force is released or lapses, the earliest-registered queued measure takes effect
 *   automatically, its frozen amount computed then. Its term runs from that day (a queued measure's term starts when
 *   it takes effect), so its `until` moves to effect date + the term it asked for; the court is told by callback.
 * - 查扣冻 27: a measure in force that is not renewed lapses at its `until`; this is noticed lazily whenever the asset
 *   is touched and by `expireDue` (the server runs it periodically).
 * - 民诉解释 485: a term may not exceed 1 year for deposits, 2 for movables (vehicles), 3 for the rest; a renewal may
 *   add at most the same again from the current expiry. One day of grace absorbs time-zone rounding.
 * - Deduct (扣划) only from the in-force freeze of a fund (deposit, payment balance, housing fund), at most the frozen
 *   amount; it lowers both the balance and the frozen amount.
 *
 * Every operation returns either a value or a rejection with a reason for people (Chinese / English), plus the
 * measures that took effect as a side effect (to be notified by callback).
 */
import type { Asset, AssetKind, Encumbrance } from '../../shared/institution-protocol';
import { Money, ZERO } from '../../shared/money';
import type { SimInstitution } from './catalogue';
import { FUND_KINDS, SEIZED_KINDS, holdingsOf, maxTermDays, type Court } from './holdings';

export type MeasureKind = 'freeze' | 'seizure';
export type MeasureStatus = 'in_force' | 'queued' | 'released' | 'lapsed';

export interface Measure {
  measureRef: string;
  institution: string;
  assetRef: string;
  court: Court;
  caseNo: string;
  kind: MeasureKind;
  /** What the court asked to freeze; null for a seizure. */
  requestedAmount: Money | null;
  /** What is actually held: ≤ requested, ≤ balance; 0.00 while queued; null for a seizure. */
  frozenAmount: Money | null;
  /** Expiry. For a queued measure: the expiry it asked for, moved on when it takes effect. */
  until: Date;
  /** The term asked for, in ms; a queued measure's term starts when it takes effect. */
  termMs: number;
  status: MeasureStatus;
  /** 1..n among the asset's active measures; null once ended. */
  rank: number | null;
  registeredAt: Date;
  effectiveFrom: Date | null;
  endedAt: Date | null;
  /** Where to notify the court that placed it (null for measures of courts outside the platform). */
  callbackUrl: string | null;
  correlationId: string | null;
}

export interface AssetState {
  institution: string;
  assetRef: string;
  debtorId: string;
  kind: AssetKind;
  identifier: string;
  description: string;
  balance: Money | null;
  indicativeValue: Money | null;
  /** Active measures in rank order. */
  active: Measure[];
}

/** A queued measure that took effect (rank 1) and whose court should be told. */
export interface Promotion {
  institution: string;
  measureRef: string;
  rank: number;
  frozenAmount: Money | null;
  effectiveUntil: Date;
  callbackUrl: string | null;
  correlationId: string | null;
}

export type Outcome<T> = ({ ok: true; value: T } | { ok: false; reason: string }) & { promotions: Promotion[] };

export interface MeasureResult {
  measureRef: string;
  rank: number | null;
  status: MeasureStatus;
  frozenAmount: Money | null;
  effectiveUntil: Date;
}

export interface DeductResult extends MeasureResult {
  deductedAmount: Money;
  transferRef: string;
}

export interface PlaceMeasure {
  measureRef: string;
  assetRef: string;
  debtorId: string;
  court: Court;
  caseNo: string;
  /** Required for a freeze. */
  amount?: Money;
  until: Date;
  callbackUrl: string | null;
  correlationId: string | null;
}

const DAY_MS = 86_400_000;
const GRACE_MS = DAY_MS;

const R = {
  unknownInstitution: (code: string) => `未知机构 ${code} / Unknown institution ${code}`,
  unknownAsset: (ref: string) => `本机构无此财产：${ref} / No asset ${ref} at this institution`,
  otherDebtor: '该财产不属于通知书所列被执行人 / The asset does not belong to the debtor named in the notice',
  seizeNotFreeze: '该财产应办理查封/扣押，不能冻结 / This asset is seized, not frozen',
  freezeNotSeize: '该财产应办理冻结，不能查封/扣押 / This asset is frozen, not seized',
  amountPositive: '冻结金额须大于零 / The amount to freeze must be more than zero',
  untilPast: '期限届满日须晚于今日 / The expiry must be in the future',
  termTooLong: (days: number) =>
    `期限超过法定最长期限${days}日（民诉解释第485条） / The term exceeds the legal maximum of ${days} days (Civil Procedure Interpretation Art. 485)`,
  unknownMeasure: (ref: string) => `本机构无此措施：${ref} / No measure ${ref} at this institution`,
  notYourMeasure: '该措施不是贵院办理的 / This measure was not ordered by your court',
  ended: (status: MeasureStatus) =>
    `该措施已${status === 'released' ? '解除' : '失效'}，不能再办理 / The measure has already ${status === 'released' ? 'been released' : 'lapsed'}`,
  renewQueued: '轮候措施尚未生效，期限自生效之日起计算，无需续行 / A queued measure has not taken effect; its term starts then, so it needs no renewal',
  renewNotLater: '续行期限须晚于原期限 / The renewed expiry must be later than the current one',
  deductNotFreeze: '只能从冻结的资金中扣划 / Only frozen funds can be deducted',
  deductNotFunds: '该财产不是资金，不能扣划，须变价处置 / This asset is not funds; it cannot be deducted and must be sold',
  deductQueued: '轮候冻结尚未生效，不能扣划 / A queued freeze has not taken effect and cannot be deducted',
  deductPositive: '扣划金额须大于零 / The amount to deduct must be more than zero',
  deductTooMuch: (frozen: string) => `扣划金额超过冻结金额 ${frozen} 元 / The amount exceeds the frozen amount of ${frozen} yuan`,
  noCourtAccount: '未提供法院执行款专户 / No court account given',
} as const;

export class Network {
  private readonly institutions: Map<string, SimInstitution>;
  private readonly assets = new Map<string, AssetState>();
  private readonly byDebtor = new Map<string, AssetState[]>();
  private readonly measures = new Map<string, Measure>();
  /** Assets with at least one active measure (what `expireDue` has to look at). */
  private readonly encumbered = new Set<AssetState>();

  constructor(
    private readonly seed: string,
    catalogue: readonly SimInstitution[],
  ) {
    this.institutions = new Map(catalogue.map((i) => [i.code, i]));
  }

  /** The assets the institution holds for the debtor, materialised (with other courts' measures) on first sight. */
  holdings(code: string, debtorId: string, now: Date): { assets: AssetState[]; promotions: Promotion[] } {
    const key = `${code}\u0000${debtorId}`;
    const known = this.byDebtor.get(key);
    const promotions: Promotion[] = [];
    if (known) {
      for (const a of known) this.settle(a, now, promotions);
      return { assets: known, promotions };
    }
    const institution = this.institutions.get(code);
    if (!institution) return { assets: [], promotions };
    const made = holdingsOf(this.seed, institution, debtorId, now);
    if (made.length === 0) return { assets: [], promotions }; // nothing to keep: recomputing is cheap
    const states = made.map((h) => {
      const state = this.addAsset({
        institution: code,
        assetRef: h.assetRef,
        debtorId,
        kind: h.kind,
        identifier: h.identifier,
        description: h.description,
        balance: h.balance === null ? null : new Money(h.balance),
        indicativeValue: h.indicativeValue === null ? null : new Money(h.indicativeValue),
      });
      for (const p of h.priorMeasures) {
        this.register(
          state,
          {
            measureRef: p.measureRef,
            assetRef: h.assetRef,
            debtorId,
            court: p.court,
            caseNo: p.caseNo,
            amount: p.requestedAmount === null ? undefined : new Money(p.requestedAmount),
            until: p.until,
            callbackUrl: null,
            correlationId: null,
          },
          p.kind,
          now,
        );
      }
      return state;
    });
    this.byDebtor.set(key, states);
    return { assets: states, promotions };
  }

  /** Adds an asset to an institution's books (materialisation uses it; so do tests of the rules). */
  addAsset(asset: Omit<AssetState, 'active'>): AssetState {
    const state: AssetState = { ...asset, active: [] };
    this.assets.set(`${asset.institution}\u0000${asset.assetRef}`, state);
    return state;
  }

  asset(code: string, assetRef: string): AssetState | undefined {
    return this.assets.get(`${code}\u0000${assetRef}`);
  }

  measure(code: string, measureRef: string): Measure | undefined {
    return this.measures.get(`${code}\u0000${measureRef}`);
  }

  /** Inquiry: the debtor's assets at the institution, as the protocol describes them. */
  inquire(code: string, debtorId: string, now: Date): { assets: Asset[]; promotions: Promotion[] } {
    const { assets, promotions } = this.holdings(code, debtorId, now);
    return { assets: assets.map(toProtocolAsset), promotions };
  }

  freeze(code: string, req: PlaceMeasure, now: Date): Outcome<MeasureResult> {
    return this.place(code, req, 'freeze', now);
  }

  seize(code: string, req: PlaceMeasure, now: Date): Outcome<MeasureResult> {
    return this.place(code, req, 'seizure', now);
  }

  private place(code: string, req: PlaceMeasure, kind: MeasureKind, now: Date): Outcome<MeasureResult> {
    const promotions: Promotion[] = [];
    const reject = (reason: string): Outcome<MeasureResult> => ({ ok: false, reason, promotions });
    if (!this.institutions.has(code)) return reject(R.unknownInstitution(code));
    let asset = this.asset(code, req.assetRef);
    // The books may not have been opened for this debtor yet (e.g. after a restart): open them and look again.
    if (!asset) asset = this.holdings(code, req.debtorId, now).assets.find((a) => a.assetRef === req.assetRef);
    if (!asset) return reject(R.unknownAsset(req.assetRef));
    if (asset.debtorId !== req.debtorId) return reject(R.otherDebtor);
    const seized = SEIZED_KINDS.has(asset.kind);
    if (kind === 'freeze' && seized) return reject(R.seizeNotFreeze);
    if (kind === 'seizure' && !seized) return reject(R.freezeNotSeize);
    if (kind === 'freeze' && !(req.amount && req.amount.greaterThan(0))) return reject(R.amountPositive);
    if (req.until.getTime() <= now.getTime()) return reject(R.untilPast);
    const maxDays = maxTermDays(asset.kind);
    if (req.until.getTime() - now.getTime() > maxDays * DAY_MS + GRACE_MS) return reject(R.termTooLong(maxDays));

    this.settle(asset, now, promotions);
    const m = this.register(asset, req, kind, now);
    return { ok: true, value: resultOf(m), promotions };
  }

  /** Appends a measure to the asset's queue: in force when nothing is ahead of it, else queued. */
  private register(asset: AssetState, req: PlaceMeasure, kind: MeasureKind, now: Date): Measure {
    const first = asset.active.length === 0;
    const m: Measure = {
      measureRef: req.measureRef,
      institution: asset.institution,
      assetRef: asset.assetRef,
      court: req.court,
      caseNo: req.caseNo,
      kind,
      requestedAmount: kind === 'freeze' ? (req.amount ?? ZERO) : null,
      frozenAmount: kind === 'freeze' ? ZERO : null,
      until: req.until,
      termMs: Math.max(0, req.until.getTime() - now.getTime()),
      status: first ? 'in_force' : 'queued',
      rank: asset.active.length + 1,
      registeredAt: now,
      effectiveFrom: first ? now : null,
      endedAt: null,
      callbackUrl: req.callbackUrl,
      correlationId: req.correlationId,
    };
    if (first) m.frozenAmount = this.holdable(asset, m);
    asset.active.push(m);
    this.measures.set(`${asset.institution}\u0000${m.measureRef}`, m);
    this.encumbered.add(asset);
    return m;
  }

  /** What an in-force measure can hold: min(requested, value of the asset); nothing is ahead of rank 1. */
  private holdable(asset: AssetState, m: Measure): Money | null {
    if (m.kind === 'seizure') return null;
    const value = asset.balance ?? asset.indicativeValue ?? ZERO;
    const requested = m.requestedAmount ?? ZERO;
    return Money.max(ZERO, Money.min(requested, value));
  }

  renew(code: string, req: { measureRef: string; courtCode: string; until: Date }, now: Date): Outcome<MeasureResult> {
    return this.withMeasure(code, req.measureRef, req.courtCode, now, (m, asset, promotions) => {
      if (m.status === 'queued') return { ok: false, reason: R.renewQueued, promotions };
      if (req.until.getTime() <= m.until.getTime()) return { ok: false, reason: R.renewNotLater, promotions };
      const maxDays = maxTermDays(asset.kind);
      // 民诉解释 485 (2): the renewal may not exceed the maximum term, counted from the current expiry.
      if (req.until.getTime() - m.until.getTime() > maxDays * DAY_MS + GRACE_MS) {
        return { ok: false, reason: R.termTooLong(maxDays), promotions };
      }
      m.until = req.until;
      return { ok: true, value: resultOf(m), promotions };
    });
  }

  release(code: string, req: { measureRef: string; courtCode: string }, now: Date): Outcome<MeasureResult> {
    return this.withMeasure(code, req.measureRef, req.courtCode, now, (m, asset, promotions) => {
      this.end(asset, m, 'released', now, now, promotions);
      return { ok: true, value: resultOf(m), promotions };
    });
  }

  /**
   * The court's notice that a measure lapsed. A measure the institution already saw lapse is acknowledged again (the
   * notice and the institution's own expiry check describe the same event); a released one is refused.
   */
  lapse(code: string, req: { measureRef: string; courtCode: string }, now: Date): Outcome<MeasureResult> {
    return this.withMeasure(
      code,
      req.measureRef,
      req.courtCode,
      now,
      (m, asset, promotions) => {
        this.end(asset, m, 'lapsed', now, now, promotions);
        return { ok: true, value: resultOf(m), promotions };
      },
      { acceptLapsed: true },
    );
  }

  deduct(
    code: string,
    req: { measureRef: string; courtCode: string; amount: Money; courtAccount: string; transferRef: string },
    now: Date,
  ): Outcome<DeductResult> {
    return this.withMeasure<DeductResult>(code, req.measureRef, req.courtCode, now, (m, asset, promotions) => {
      const reject = (reason: string): Outcome<DeductResult> => ({ ok: false, reason, promotions });
      if (m.kind !== 'freeze') return reject(R.deductNotFreeze);
      if (!FUND_KINDS.has(asset.kind) || asset.balance === null) return reject(R.deductNotFunds);
      if (m.status !== 'in_force') return reject(R.deductQueued);
      if (!req.amount.greaterThan(0)) return reject(R.deductPositive);
      const frozen = m.frozenAmount ?? ZERO;
      if (req.amount.greaterThan(frozen)) return reject(R.deductTooMuch(frozen.toFixed(2)));
      if (req.courtAccount.trim() === '') return reject(R.noCourtAccount);
      // Both fall by the same amount, so frozen ≤ balance still holds.
      asset.balance = asset.balance.minus(req.amount);
      m.frozenAmount = frozen.minus(req.amount);
      return { ok: true, value: { ...resultOf(m), deductedAmount: req.amount, transferRef: req.transferRef }, promotions };
    });
  }

  private withMeasure<T>(
    code: string,
    measureRef: string,
    courtCode: string,
    now: Date,
    act: (m: Measure, asset: AssetState, promotions: Promotion[]) => Outcome<T>,
    opts: { acceptLapsed?: boolean } = {},
  ): Outcome<T> {
    const promotions: Promotion[] = [];
    const m = this.measure(code, measureRef);
    if (!m) return { ok: false, reason: R.unknownMeasure(measureRef), promotions };
    if (m.court.code !== courtCode) return { ok: false, reason: R.notYourMeasure, promotions };
    const asset = this.asset(code, m.assetRef);
    if (!asset) return { ok: false, reason: R.unknownMeasure(measureRef), promotions };
    this.settle(asset, now, promotions);
    if (m.status === 'lapsed' && opts.acceptLapsed) return { ok: true, value: resultOf(m) as T, promotions };
    if (m.status === 'released' || m.status === 'lapsed') return { ok: false, reason: R.ended(m.status), promotions };
    return act(m, asset, promotions);
  }

  /** Ends a measure; if it was in force, the next queued one takes effect from `effectiveFrom`. */
  private end(asset: AssetState, m: Measure, status: 'released' | 'lapsed', effectiveFrom: Date, now: Date, promotions: Promotion[]): void {
    const wasInForce = m.status === 'in_force';
    m.status = status;
    m.endedAt = now;
    m.rank = null;
    asset.active = asset.active.filter((x) => x !== m);
    asset.active.forEach((x, i) => (x.rank = i + 1));
    if (wasInForce) this.promoteHead(asset, effectiveFrom, promotions);
    if (asset.active.length === 0) this.encumbered.delete(asset);
  }

  /** 查扣冻 26: the earliest-registered queued measure takes effect automatically. */
  private promoteHead(asset: AssetState, effectiveFrom: Date, promotions: Promotion[]): void {
    const head = asset.active[0];
    if (!head || head.status !== 'queued') return;
    head.status = 'in_force';
    head.effectiveFrom = effectiveFrom;
    head.until = new Date(effectiveFrom.getTime() + head.termMs);
    head.frozenAmount = this.holdable(asset, head);
    promotions.push(promotionOf(head));
  }

  /**
   * 查扣冻 27: an in-force measure past its expiry has lapsed. The next one takes effect from the moment the earlier
   * one lapsed (not from when we noticed), which may cascade if the clock jumped far.
   */
  private settle(asset: AssetState, now: Date, promotions: Promotion[]): void {
    const start = promotions.length;
    for (let head = asset.active[0]; head && head.status === 'in_force' && head.until.getTime() <= now.getTime(); head = asset.active[0]) {
      this.end(asset, head, 'lapsed', head.until, now, promotions);
    }
    // Tell only the courts whose measure is still in force after the cascade.
    const fresh = promotions.splice(start).filter((p) => this.measure(p.institution, p.measureRef)?.status === 'in_force');
    promotions.push(...fresh.map((p) => promotionOf(this.measure(p.institution, p.measureRef)!)));
  }

  /** Lapses every in-force measure past its expiry; returns the measures that took effect in consequence. */
  expireDue(now: Date): Promotion[] {
    const promotions: Promotion[] = [];
    for (const asset of [...this.encumbered]) this.settle(asset, now, promotions);
    return promotions;
  }

  /** The number of assets on the books and of measures ever registered. */
  size(): { assets: number; measures: number; encumberedAssets: number } {
    return { assets: this.assets.size, measures: this.measures.size, encumberedAssets: this.encumbered.size };
  }
}

function resultOf(m: Measure): MeasureResult {
  return { measureRef: m.measureRef, rank: m.rank, status: m.status, frozenAmount: m.frozenAmount, effectiveUntil: m.until };
}

function promotionOf(m: Measure): Promotion {
  return {
    institution: m.institution,
    measureRef: m.measureRef,
    rank: m.rank ?? 1,
    frozenAmount: m.frozenAmount,
    effectiveUntil: m.until,
    callbackUrl: m.callbackUrl,
    correlationId: m.correlationId,
  };
}

export function toProtocolAsset(a: AssetState): Asset {
  return {
    assetRef: a.assetRef,
    kind: a.kind,
    identifier: a.identifier,
    description: a.description,
    balance: a.balance === null ? null : a.balance.toFixed(2),
    indicativeValue: a.indicativeValue === null ? null : a.indicativeValue.toFixed(2),
    encumbrances: a.active.map(toEncumbrance),
  };
}

function toEncumbrance(m: Measure): Encumbrance {
  return {
    courtCode: m.court.code,
    courtName: m.court.name,
    caseNo: m.caseNo,
    kind: m.kind,
    rank: m.rank ?? 1,
    amount: m.frozenAmount === null ? null : m.frozenAmount.toFixed(2),
    until: m.until.toISOString(),
    measureRef: m.measureRef,
  };
}
