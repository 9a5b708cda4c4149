/**
 * The bank the platform collects money through (网拍 Art. 8(2): the platform provides a safe, convenient payment
 * system; Art. 17: deposits are paid under the bidder's real name into the court's account or frozen by it). The
 * outside world of the payments module: the HTTP implementation talks to a bank (the simulator's by default).
 *
 * Every call is idempotent by the id the platform chooses, so a call repeated after a timeout or a crash opens no
 * second payment and sends no second refund.
 */
export interface PaymentGateway {
  /**
   * Opens a payment the payer then pays at the bank (`payUrl`). Idempotent by `paymentId`: asking again returns the
   * same payment (with its current status). Rejects with GatewayError when the bank cannot be reached or refuses.
   */
  createPayment(request: {
    paymentId: string;
    amount: string;
    description: string;
    payerName: string;
    /** Where the bank POSTs its signed notification when the payer has paid. */
    notifyUrl: string;
  }): Promise<{ paymentId: string; status: 'pending' | 'paid'; payUrl: string }>;

  /**
   * Refunds `amount` of a paid payment. Idempotent by `refundId`: sending it again returns the first receipt and moves
   * no more money. Resolves when the bank has completed it; rejects with GatewayError otherwise (the caller retries).
   */
  refund(request: { refundId: string; paymentId: string; amount: string; reason: string }): Promise<{ refundId: string; completedAt: Date; bankRef: string }>;

  /**
   * Reads a notification the bank POSTed to the platform: the verified content, or null when it is not the bank's
   * (malformed, or the signature does not verify). Freshness and replays are the caller's to check.
   */
  verifyNotification(raw: unknown): VerifiedNotification | null;
}

export interface VerifiedNotification {
  messageId: string;
  paymentId: string;
  amount: string;
  paidAt: Date;
  bankRef: string;
  sentAt: Date;
}

/** The bank could not be reached, answered an error, or sent an answer that does not verify. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
