/**
 * The protocol between the platform and the bank that collects deposits and prices (网拍 Art. 8(2): the platform offers
 * a safe payment system; Art. 17 para 3: deposits are paid into the court's account or frozen by the platform's payment
 * system). Every message both ways is signed: HMAC-SHA256 over the canonical JSON of the message without `signature`,
 * with the bank's key (`institutionKey(networkSecret, BANK_CODE)`). Amounts are strings like "1234.50".
 *
 * - `POST {bank}/payments`: the platform asks for a payment (idempotent by `paymentId`); the answer is a signed receipt
 *   with the URL where the payer pays.
 * - `POST {bank}/payments/{paymentId}/pay`: the payer pays at the bank (the cashier page's button).
 * - The bank then POSTs a signed `PaymentNotification` to the `notifyUrl` of the payment (new `messageId` per message,
 *   retried with the same one).
 * - `POST {bank}/refunds`: the platform refunds (part of) a paid payment (idempotent by `refundId`); signed receipt.
 */
import { z } from 'zod';
import { MONEY_PATTERN } from './money';

/** The simulated bank's code: its key is derived from the network secret like an institution's. */
export const BANK_CODE = 'BANK-SIM';

const Amount = z.string().regex(MONEY_PATTERN);
const Instant = z.iso.datetime({ offset: true });
const Signature = z.string().regex(/^[0-9a-f]{64}$/);

export const CreatePaymentRequest = z.object({
  bank: z.string(),
  paymentId: z.uuid(),
  amount: Amount,
  /** What the payer sees on the cashier page. */
  description: z.string().max(500),
  /** The payer's real name (网拍 Art. 17 para 2: the deposit is paid under the bidder's real name). */
  payerName: z.string().max(200),
  notifyUrl: z.url(),
  sentAt: Instant,
  signature: Signature,
});
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;

export const PaymentStatus = z.enum(['pending', 'paid']);

export const PaymentReceipt = z.object({
  bank: z.string(),
  paymentId: z.uuid(),
  amount: Amount,
  status: PaymentStatus,
  payUrl: z.string(),
  createdAt: Instant,
  sentAt: Instant,
  signature: Signature,
});
export type PaymentReceipt = z.infer<typeof PaymentReceipt>;

export const PaymentNotification = z.object({
  bank: z.string(),
  /** New for each notification; a retry of the same notification keeps it (the platform de-duplicates by it). */
  messageId: z.uuid(),
  paymentId: z.uuid(),
  status: z.literal('paid'),
  amount: Amount,
  paidAt: Instant,
  /** The bank's own reference of the transfer. */
  bankRef: z.string().min(1).max(100),
  sentAt: Instant,
  signature: Signature,
});
export type PaymentNotification = z.infer<typeof PaymentNotification>;

export const RefundRequest = z.object({
  bank: z.string(),
  refundId: z.uuid(),
  paymentId: z.uuid(),
  amount: Amount,
  reason: z.string().max(500),
  sentAt: Instant,
  signature: Signature,
});
export type RefundRequest = z.infer<typeof RefundRequest>;

export const RefundReceipt = z.object({
  bank: z.string(),
  refundId: z.uuid(),
  paymentId: z.uuid(),
  amount: Amount,
  status: z.literal('completed'),
  completedAt: Instant,
  bankRef: z.string().min(1).max(100),
  sentAt: Instant,
  signature: Signature,
});
export type RefundReceipt = z.infer<typeof RefundReceipt>;
