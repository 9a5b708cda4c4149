/**
 * How the platform talks to one institution. The HTTP implementation speaks the protocol of
 * shared/institution-protocol.ts; a real deployment may add others (a bank's own gateway, a message queue) behind
 * the same interface. Every method sends one message and resolves with the institution's verified reply (which may
 * say `rejected`), or throws a DeliveryError when no valid reply could be had.
 */
import type { Reply } from '../../../shared/institution-protocol';

export interface MessageMeta {
  /** The idempotency key: the same order is always sent with the same message id. */
  messageId: string;
  /** Ties request, reply and later callbacks together (a measure id, or an inquiry target). */
  correlationId: string;
  caseId: string | null;
  caseNo: string;
  court: { code: string; name: string };
  official: { id: string; name: string };
  /** Where the institution reports later events (e.g. a queued measure taking effect). */
  callbackUrl: string | null;
}

export interface Debtor {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
}

export interface InstitutionAdapter {
  /** Asks what the debtor holds there (网查). Reply status `answered` with `assets`. */
  inquire(institution: string, meta: MessageMeta, body: { debtor: Debtor }): Promise<Reply>;
  /** Freezes funds or rights up to `amount`; the reply gives the amount actually frozen and the rank. */
  freeze(institution: string, meta: MessageMeta, body: { assetRef: string; debtor: Debtor; amount: string; until: string }): Promise<Reply>;
  /** Seizes registered property; the reply gives the rank. */
  seize(institution: string, meta: MessageMeta, body: { assetRef: string; debtor: Debtor; until: string }): Promise<Reply>;
  /** Extends a measure in force (续行). */
  renew(institution: string, meta: MessageMeta, body: { measureRef: string; until: string }): Promise<Reply>;
  /** Ends a measure (解除); the institution promotes the next queued one. */
  release(institution: string, meta: MessageMeta, body: { measureRef: string; reason: string }): Promise<Reply>;
  /** Tells the institution that a measure lapsed at its expiry. */
  lapse(institution: string, meta: MessageMeta, body: { measureRef: string }): Promise<Reply>;
  /** Transfers frozen funds to the court's account (扣划). */
  deduct(institution: string, meta: MessageMeta, body: { measureRef: string; amount: string; courtAccount: string }): Promise<Reply>;
}

export type DeliveryFailure = 'timeout' | 'http' | 'malformed' | 'bad_signature' | 'circuit_open' | 'network' | 'manual' | 'unknown_institution';

/** No valid reply. `retryable` says whether sending the same message again later may succeed. */
export class DeliveryError extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
    readonly retryable: boolean,
    /** For circuit_open: when the institution may be called again (epoch ms). */
    readonly retryAt?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
