import type { z } from 'zod';
import { BANK_CODE, PaymentNotification, PaymentReceipt, RefundReceipt, type CreatePaymentRequest, type RefundRequest } from '../../../shared/bank-protocol';
import { formatMoney } from '../../../shared/money';
import type { Clock } from '../../platform/clock';
import { institutionKey, sign, verifySignature } from '../../platform/signing';
import { postJson } from '../network/http-post';
import { GatewayError, type PaymentGateway, type VerifiedNotification } from './payment-gateway';

export interface HttpPaymentGatewayOptions {
  /** The bank's base URL, e.g. `${networkUrl}/bank`. */
  bankUrl: string;
  /** The secret the bank's key derives from (`institutionKey(secret, BANK_CODE)`). */
  networkSecret: string;
  clock: Clock;
  timeoutMs?: number;
}

/** The PaymentGateway over HTTP: signed requests, signed answers and notifications verified with the bank's key. */
export class HttpPaymentGateway implements PaymentGateway {
  private readonly key: string;

  constructor(private readonly options: HttpPaymentGatewayOptions) {
    this.key = institutionKey(options.networkSecret, BANK_CODE);
  }

  async createPayment(r: Parameters<PaymentGateway['createPayment']>[0]) {
    const request = sign<CreatePaymentRequest>(this.key, {
      bank: BANK_CODE,
      paymentId: r.paymentId,
      amount: formatMoney(r.amount),
      description: r.description,
      payerName: r.payerName,
      notifyUrl: r.notifyUrl,
      sentAt: this.options.clock.now().toISOString(),
    });
    const receipt = await this.call('/payments', request, PaymentReceipt);
    if (receipt.paymentId !== r.paymentId) throw new GatewayError('the bank answered for another payment');
    return { paymentId: receipt.paymentId, status: receipt.status, payUrl: receipt.payUrl };
  }

  async refund(r: Parameters<PaymentGateway['refund']>[0]) {
    const request = sign<RefundRequest>(this.key, {
      bank: BANK_CODE,
      refundId: r.refundId,
      paymentId: r.paymentId,
      amount: formatMoney(r.amount),
      reason: r.reason,
      sentAt: this.options.clock.now().toISOString(),
    });
    const receipt = await this.call('/refunds', request, RefundReceipt);
    if (receipt.refundId !== r.refundId) throw new GatewayError('the bank answered for another refund');
    return { refundId: receipt.refundId, completedAt: new Date(receipt.completedAt), bankRef: receipt.bankRef };
  }

  verifyNotification(raw: unknown): VerifiedNotification | null {
    const parsed = PaymentNotification.safeParse(raw);
    if (!parsed.success || parsed.data.bank !== BANK_CODE || !verifySignature(this.key, raw as Record<string, unknown>)) return null;
    const n = parsed.data;
    return { messageId: n.messageId, paymentId: n.paymentId, amount: formatMoney(n.amount), paidAt: new Date(n.paidAt), bankRef: n.bankRef, sentAt: new Date(n.sentAt) };
  }

  private async call<S extends z.ZodType<{ bank: string }>>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    let res;
    try {
      res = await postJson(`${this.options.bankUrl}${path}`, body, this.options.timeoutMs ?? 10_000);
    } catch (err) {
      throw new GatewayError(`the bank cannot be reached: ${(err as Error).message}`);
    }
    if (res.status < 200 || res.status >= 300) throw new GatewayError(`the bank answered HTTP ${res.status}: ${res.text.slice(0, 200)}`, res.status);
    let raw: unknown;
    try {
      raw = JSON.parse(res.text);
    } catch {
      throw new GatewayError('the bank\'s answer is not JSON');
    }
    const parsed = schema.safeParse(raw);
    // Only what the bank signed counts: an altered or forged answer is refused.
    if (!parsed.success || parsed.data.bank !== BANK_CODE || !verifySignature(this.key, raw as Record<string, unknown>)) {
      throw new GatewayError('the bank\'s answer does not verify');
    }
    return parsed.data;
  }
}
