/**
 * An in-memory institution network for component tests: the outside world is the only thing faked. It behaves as
 * DOMAIN.md says institutions do: a bank freezes up to the requested amount of the free balance and reports what it
 * froze; a later measure on an already-bound asset is queued (轮候) behind it; on release or lapse the earliest queued
 * measure takes effect (查扣冻 Art. 26) and the institution sends that court a signed `promoted` callback; a deduction
 * moves frozen money out; every message is executed once, a repeat answered with the first reply (idempotent by
 * message id). Replies and callbacks are signed with the institution's key, as on the real network.
 */
import { randomUUID } from 'node:crypto';
import type { Callback, Reply } from '../../shared/institution-protocol';
import { compareMoney, formatMoney, Money, minMoney } from '../../shared/money';
import { DeliveryError, type InstitutionAdapter, type MessageMeta } from '../../server/modules/network';
import type { Clock } from '../../server/platform/clock';
import { institutionKey, sign } from '../../server/platform/signing';

interface HeldAsset {
  code: string;
  assetRef: string;
  /** Money (or value of rights) not yet frozen; seized property has none. */
  free: Money;
  freezable: boolean;
}

interface HeldMeasure {
  ref: string;
  code: string;
  assetRef: string;
  correlationId: string;
  courtCode: string;
  caseNo: string;
  callbackUrl: string | null;
  kind: 'freeze' | 'seizure';
  requested: string | null;
  frozen: Money;
  deducted: Money;
  until: string;
  state: 'active' | 'queued' | 'ended';
  seq: number;
}

type Body = Record<string, unknown>;

export class FakeInstitutions implements InstitutionAdapter {
  readonly assets = new Map<string, HeldAsset>();
  readonly measures = new Map<string, HeldMeasure>();
  /** Every message received, repeats included. */
  readonly received: { type: string; messageId: string; institution: string; body: Body }[] = [];
  /** Signed callbacks the institutions sent (to be posted to the platform). */
  readonly callbacks: Callback[] = [];
  /** The next N messages fail in transit (no reply), as a network fault would. */
  failNext = 0;
  /** The next message of this type is refused with this reason. */
  rejectNext: { type: string; reason: string } | undefined;
  private readonly replies = new Map<string, Reply>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly networkSecret: string,
  ) {}

  /** The institution holds this asset: funds with their balance, rights with their value, property with null. */
  hold(code: string, assetRef: string, balance: string | null): void {
    this.assets.set(`${code}/${assetRef}`, { code, assetRef, free: new Money(balance ?? '0'), freezable: balance !== null });
  }

  freeze = (code: string, meta: MessageMeta, body: { assetRef: string; amount: string; until: string }) => this.handle('freeze', code, meta, body);
  seize = (code: string, meta: MessageMeta, body: { assetRef: string; until: string }) => this.handle('seize', code, meta, body);
  renew = (code: string, meta: MessageMeta, body: { measureRef: string; until: string }) => this.handle('renew', code, meta, body);
  release = (code: string, meta: MessageMeta, body: { measureRef: string; reason: string }) => this.handle('release', code, meta, body);
  lapse = (code: string, meta: MessageMeta, body: { measureRef: string }) => this.handle('lapse', code, meta, body);
  deduct = (code: string, meta: MessageMeta, body: { measureRef: string; amount: string; courtAccount: string }) => this.handle('deduct', code, meta, body);
  inquire = (code: string, meta: MessageMeta) => this.handle('inquiry', code, meta, {});

  /** Measures the institution holds on an asset, in the order registered. */
  measuresOn(code: string, assetRef: string): HeldMeasure[] {
    return [...this.measures.values()].filter((m) => m.code === code && m.assetRef === assetRef).sort((a, b) => a.seq - b.seq);
  }

  private async handle(type: string, code: string, meta: MessageMeta, body: Body): Promise<Reply> {
    this.received.push({ type, messageId: meta.messageId, institution: code, body });
    if (this.failNext > 0) {
      this.failNext--;
      throw new DeliveryError('timeout', `${code}: no answer (simulated)`, true);
    }
    const first = this.replies.get(meta.messageId);
    if (first) return first;
    const reply = this.sign(code, this.execute(type, code, meta, body));
    this.replies.set(meta.messageId, reply);
    return reply;
  }

  private execute(type: string, code: string, meta: MessageMeta, body: Body): Omit<Reply, 'signature'> {
    const base = { messageId: meta.messageId, correlationId: meta.correlationId, institution: code, repliedAt: this.clock.now().toISOString() };
    const reject = (reason: string) => ({ ...base, status: 'rejected' as const, reason });
    if (this.rejectNext?.type === type) {
      const { reason } = this.rejectNext;
      this.rejectNext = undefined;
      return reject(reason);
    }
    switch (type) {
      case 'freeze':
      case 'seize': {
        const asset = this.assets.get(`${code}/${String(body.assetRef)}`);
        if (!asset) return reject('查无此财产 / no such asset');
        const bound = this.measuresOn(code, asset.assetRef).filter((m) => m.state !== 'ended');
        const measure: HeldMeasure = {
          ref: `${code}-M${++this.seq}`,
          code,
          assetRef: asset.assetRef,
          correlationId: meta.correlationId,
          courtCode: meta.court.code,
          caseNo: meta.caseNo,
          callbackUrl: meta.callbackUrl,
          kind: type === 'freeze' ? 'freeze' : 'seizure',
          requested: type === 'freeze' ? String(body.amount) : null,
          frozen: new Money(0),
          deducted: new Money(0),
          until: String(body.until),
          state: bound.length === 0 ? 'active' : 'queued',
          seq: this.seq,
        };
        if (measure.state === 'active' && measure.kind === 'freeze') this.bind(asset, measure);
        this.measures.set(measure.ref, measure);
        const rank = bound.length + 1;
        return {
          ...base,
          status: 'executed',
          measureRef: measure.ref,
          rank,
          ...(measure.kind === 'freeze' && rank === 1 ? { frozenAmount: formatMoney(measure.frozen) } : {}),
          effectiveUntil: measure.until,
        };
      }
      case 'renew': {
        const m = this.measures.get(String(body.measureRef));
        if (!m || m.state === 'ended') return reject('措施已不存在 / the measure no longer exists');
        m.until = String(body.until);
        return { ...base, status: 'executed', measureRef: m.ref, effectiveUntil: m.until };
      }
      case 'release':
      case 'lapse': {
        const m = this.measures.get(String(body.measureRef));
        if (!m) return reject('措施不存在 / no such measure');
        if (m.state !== 'ended') this.end(m);
        return { ...base, status: 'executed', measureRef: m.ref };
      }
      case 'deduct': {
        const m = this.measures.get(String(body.measureRef));
        if (!m || m.state !== 'active' || m.kind !== 'freeze') return reject('无有效冻结 / no freeze in force');
        const amount = new Money(String(body.amount));
        if (compareMoney(amount, m.frozen.minus(m.deducted)) > 0) return reject('冻结余额不足 / not enough frozen');
        m.deducted = m.deducted.plus(amount);
        return { ...base, status: 'executed', measureRef: m.ref, deductedAmount: formatMoney(amount), transferRef: `TR-${randomUUID().slice(0, 8)}` };
      }
      default:
        return reject(`unsupported ${type}`);
    }
  }

  private bind(asset: HeldAsset, m: HeldMeasure): void {
    const frozen = asset.freezable ? minMoney(m.requested ?? '0', asset.free) : new Money(0);
    asset.free = asset.free.minus(frozen);
    m.frozen = frozen;
  }

  /** Ends a measure; the earliest queued one on the asset takes effect and its court is told (查扣冻 Art. 26). */
  private end(m: HeldMeasure): void {
    const wasActive = m.state === 'active';
    m.state = 'ended';
    const asset = this.assets.get(`${m.code}/${m.assetRef}`)!;
    if (m.kind === 'freeze') asset.free = asset.free.plus(m.frozen.minus(m.deducted));
    if (!wasActive) return;
    const next = this.measuresOn(m.code, m.assetRef).find((x) => x.state === 'queued');
    if (!next) return;
    next.state = 'active';
    if (next.kind === 'freeze') this.bind(asset, next);
    this.callbacks.push(
      this.sign(m.code, {
        messageId: randomUUID(),
        correlationId: next.correlationId,
        institution: next.code,
        type: 'promoted',
        sentAt: this.clock.now().toISOString(),
        measureRef: next.ref,
        rank: 1,
        frozenAmount: next.kind === 'freeze' ? formatMoney(next.frozen) : null,
        effectiveUntil: next.until,
      }),
    );
  }

  private sign<T extends Record<string, unknown>>(code: string, message: T): T & { signature: string } {
    return sign<T & { signature: string }>(institutionKey(this.networkSecret, code), message as never);
  }
}
