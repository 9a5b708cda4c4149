import type { Db } from '../../platform/db/database';
import type { Actor } from '../../platform/actor';
import type { MeasureDeps } from '../measures';

/**
 * What closing needs from the credit module (失信名单 and 限制消费), wired in app.ts to that module's `debtSatisfied` and
 * `restrictionInForce`: a port, so that closing does not reach into the credit module's tables.
 */
export interface CreditPort {
  /** The debt is satisfied: the dishonest listing becomes due for removal within 3 working days (失信 Art. 10, 2017 revision; Art. 7 (一) of the 2013 text), inside the caller's transaction. */
  onSatisfied(tx: Db, caseId: string): Promise<void>;
  /** Whether a consumption restriction (限制消费令) is in force against the case's debtor (终本规定 Art. 1 (二)). */
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
