import type { Db } from '../../platform/db/database';
import type { Actor } from '../../platform/actor';
import type { MeasureDeps } from '../measures';

/** What closing needs from the credit module (失信名单 and 限制消费). Wired in app.ts. */
export interface CreditPort {
  /** The debt is satisfied: remove the dishonest listing (失信名单规定 Art. 7 (一)), inside the caller's transaction. */
  onSatisfied(tx: Db, caseId: string): Promise<void>;
  /**
   * Whether a consumption restriction is in force against the case's debtor (终本规定 Art. 1 (二)): imposed by a listing
   * or by a restriction order on its own (限制消费令, 限高 Art. 1), either suffices.
   */
  restrictionInForce(db: Db, caseId: string): Promise<boolean>;
}

export interface ClosingDeps {
  credit: CreditPort;
  /** The measures module's deps: the callback URL given to institutions with release orders. */
  measures: MeasureDeps;
  /** Wakes the outbox worker after release orders commit. */
  kick: () => void;
}

/** Starts an online inquiry of a debtor (the inquiry module's InquiryService), for the re-checks after termination. */
export interface RecheckInquiry {
  start(actor: Actor, caseId: string, input: { partyId: string }, options: { afterTermination: boolean }): Promise<{ id: string }>;
}
