/**
 * The desk that executes verified notices: exactly once per messageId. The first time a messageId arrives, the
 * notice is executed and the signed reply is kept, byte for byte; the same messageId again gets those same bytes
 * without executing anything. The same messageId with a different content is refused (409): a message id names one
 * notice, never two.
 *
 * The content compared leaves out `sentAt` and `signature`: a sender retrying after the 5-minute freshness window has
 * to re-stamp and re-sign the same notice, and that must still count as the same notice.
 */
import { createHash } from 'node:crypto';
import { stableJson } from '../platform/canonical-json';
import { Bodies, type Envelope, type Reply } from '../../shared/institution-protocol';
import { Money } from '../../shared/money';
import { sign } from '../platform/signing';
import type { Network, Outcome, Promotion, MeasureResult, DeductResult } from './network';

export type DeskResult =
  | { kind: 'reply'; body: string; replayed: boolean; promotions: Promotion[] }
  | { kind: 'conflict'; body: string };

interface Kept {
  fingerprint: string;
  body: string;
}

export interface MessageDeskOptions {
  /**
   * How many inquiry replies to keep for replays (oldest dropped first). Inquiries change nothing, so a replay of a
   * forgotten one is simply answered afresh; replies to measures are kept for the life of the process.
   */
  inquiryReplayLimit?: number;
}

type ReplyFields = Omit<Reply, 'messageId' | 'correlationId' | 'institution' | 'repliedAt' | 'signature'>;

export class MessageDesk {
  private readonly measureReplies = new Map<string, Kept>();
  private readonly inquiryReplies = new Map<string, Kept>();
  private readonly inquiryReplayLimit: number;

  constructor(
    private readonly network: Network,
    private readonly keyOf: (code: string) => string,
    options: MessageDeskOptions = {},
  ) {
    this.inquiryReplayLimit = options.inquiryReplayLimit ?? 100_000;
  }

  /** Executes (or replays) a notice whose envelope and signature were already verified. */
  handle(code: string, envelope: Envelope, now: Date): DeskResult {
    const fingerprint = fingerprintOf(envelope);
    const kept = this.measureReplies.get(envelope.messageId) ?? this.inquiryReplies.get(envelope.messageId);
    if (kept) {
      if (kept.fingerprint !== fingerprint) {
        return {
          kind: 'conflict',
          body: JSON.stringify({
            error: 'MESSAGE_ID_REUSED',
            message: '同一报文编号已用于内容不同的通知 / This messageId was already used for a different notice',
          }),
        };
      }
      return { kind: 'reply', body: kept.body, replayed: true, promotions: [] };
    }

    const { fields, promotions } = this.execute(code, envelope, now);
    const reply = sign<Reply>(this.keyOf(code), {
      messageId: envelope.messageId,
      correlationId: envelope.correlationId,
      institution: code,
      repliedAt: now.toISOString(),
      ...fields,
    });
    const body = JSON.stringify(reply);
    if (envelope.type === 'inquiry') {
      this.inquiryReplies.set(envelope.messageId, { fingerprint, body });
      if (this.inquiryReplies.size > this.inquiryReplayLimit) {
        const oldest = this.inquiryReplies.keys().next().value;
        if (oldest !== undefined) this.inquiryReplies.delete(oldest);
      }
    } else {
      this.measureReplies.set(envelope.messageId, { fingerprint, body });
    }
    return { kind: 'reply', body, replayed: false, promotions };
  }

  private execute(code: string, env: Envelope, now: Date): { fields: ReplyFields; promotions: Promotion[] } {
    const court = { code: env.court.code, name: env.court.name };
    switch (env.type) {
      case 'inquiry': {
        const body = Bodies.inquiry.parse(env.body);
        const { assets, promotions } = this.network.inquire(code, body.debtor.idNumber, now);
        return { fields: { status: 'answered', assets }, promotions };
      }
      case 'freeze': {
        const body = Bodies.freeze.parse(env.body);
        return measureReply(
          this.network.freeze(
            code,
            {
              measureRef: measureRefFor(code, env.messageId),
              assetRef: body.assetRef,
              debtorId: body.debtor.idNumber,
              court,
              caseNo: env.caseNo,
              amount: new Money(body.amount),
              until: new Date(body.until),
              callbackUrl: env.callbackUrl,
              correlationId: env.correlationId,
            },
            now,
          ),
        );
      }
      case 'seize': {
        const body = Bodies.seize.parse(env.body);
        return measureReply(
          this.network.seize(
            code,
            {
              measureRef: measureRefFor(code, env.messageId),
              assetRef: body.assetRef,
              debtorId: body.debtor.idNumber,
              court,
              caseNo: env.caseNo,
              until: new Date(body.until),
              callbackUrl: env.callbackUrl,
              correlationId: env.correlationId,
            },
            now,
          ),
        );
      }
      case 'renew': {
        const body = Bodies.renew.parse(env.body);
        return measureReply(this.network.renew(code, { measureRef: body.measureRef, courtCode: court.code, until: new Date(body.until) }, now));
      }
      case 'release': {
        const body = Bodies.release.parse(env.body);
        return measureReply(this.network.release(code, { measureRef: body.measureRef, courtCode: court.code }, now), { bare: true });
      }
      case 'lapse': {
        const body = Bodies.lapse.parse(env.body);
        return measureReply(this.network.lapse(code, { measureRef: body.measureRef, courtCode: court.code }, now), { bare: true });
      }
      case 'deduct': {
        const body = Bodies.deduct.parse(env.body);
        const outcome = this.network.deduct(
          code,
          {
            measureRef: body.measureRef,
            courtCode: court.code,
            amount: new Money(body.amount),
            courtAccount: body.courtAccount,
            transferRef: transferRefFor(code, env.messageId, now),
          },
          now,
        );
        if (!outcome.ok) return { fields: { status: 'rejected', reason: outcome.reason }, promotions: outcome.promotions };
        const v: DeductResult = outcome.value;
        return {
          fields: {
            status: 'executed',
            measureRef: v.measureRef,
            ...(v.rank === null ? {} : { rank: v.rank }),
            ...(v.frozenAmount === null ? {} : { frozenAmount: v.frozenAmount.toFixed(2) }),
            deductedAmount: v.deductedAmount.toFixed(2),
            transferRef: v.transferRef,
          },
          promotions: outcome.promotions,
        };
      }
    }
  }

  /** How many replies are kept for replays. */
  size(): { measures: number; inquiries: number } {
    return { measures: this.measureReplies.size, inquiries: this.inquiryReplies.size };
  }
}

/**
 * The reply to a measure notice. freeze/seize/renew report rank, frozen amount and expiry; release and lapse (`bare`)
 * only confirm which measure ended.
 */
function measureReply(outcome: Outcome<MeasureResult>, opts: { bare?: boolean } = {}): { fields: ReplyFields; promotions: Promotion[] } {
  if (!outcome.ok) return { fields: { status: 'rejected', reason: outcome.reason }, promotions: outcome.promotions };
  const v = outcome.value;
  if (opts.bare) return { fields: { status: 'executed', measureRef: v.measureRef }, promotions: outcome.promotions };
  return {
    fields: {
      status: 'executed',
      measureRef: v.measureRef,
      ...(v.rank === null ? {} : { rank: v.rank }),
      ...(v.frozenAmount === null ? {} : { frozenAmount: v.frozenAmount.toFixed(2) }),
      effectiveUntil: v.effectiveUntil.toISOString(),
    },
    promotions: outcome.promotions,
  };
}

/**
 * What makes two notices "the same": every field that affects what is executed or where the institution answers
 * (all of the envelope except sentAt and signature). Only the small `body` needs canonical ordering; the rest are
 * fixed fields taken in a fixed order, which keeps this cheap at thousands of calls a second.
 */
function fingerprintOf(env: Envelope): string {
  const content = JSON.stringify([
    env.type,
    env.institution,
    env.correlationId,
    env.court.code,
    env.court.name,
    env.official.id,
    env.official.name,
    env.caseNo,
    env.callbackUrl,
    stableJson(env.body),
  ]);
  return createHash('sha256').update(content).digest('base64url');
}

const REF_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function refDigits(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u001f')).digest();
  let out = '';
  for (let i = 0; i < 14; i++) out += REF_ALPHABET[digest[i]! % 32];
  return out;
}

/** The institution's reference for the measure a notice creates: stable for the notice. */
export function measureRefFor(code: string, messageId: string): string {
  return `M-${refDigits(code, messageId)}`;
}

/** A bank transfer reference: date of the transfer and a number derived from the notice. */
function transferRefFor(code: string, messageId: string, now: Date): string {
  return `T${now.toISOString().slice(0, 10).replaceAll('-', '')}${refDigits('transfer', code, messageId).slice(0, 10)}`;
}
