/**
 * The simulated bank behind the platform's PaymentGateway (shared/bank-protocol.ts): it opens payments on the
 * platform's signed request (idempotent by payment id), lets the payer pay (the cashier page's button, or its JSON
 * twin), tells the platform by a signed notification to the payment's notifyUrl, and refunds paid payments on a signed
 * request (idempotent by refund id, never more than was paid).
 *
 * A notification is sent when the payer pays and the answer to the payer waits for it, so that a test (or the cashier
 * page) sees the platform's state once the bank has answered; a failed delivery is retried in the background with
 * the same messageId. Time is the simulator's clock.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import {
  BANK_CODE,
  CreatePaymentRequest,
  RefundRequest,
  type PaymentNotification,
  type PaymentReceipt,
  type RefundReceipt,
} from '../../shared/bank-protocol';
import { add, compareMoney, formatMoney, sub } from '../../shared/money';
import { institutionKey, sign, verifySignature } from '../platform/signing';

/** 5 minutes: a request stamped further than this from the bank's clock is refused as stale. */
const MAX_SKEW_MS = 5 * 60_000;

interface BankPayment {
  paymentId: string;
  amount: string;
  description: string;
  payerName: string;
  notifyUrl: string;
  status: 'pending' | 'paid';
  createdAt: Date;
  paidAt: Date | null;
  bankRef: string | null;
  refunded: string;
  /** Every notification sent for it (the same messageId on each retry). */
  notifications: PaymentNotification[];
  delivered: boolean;
}

interface BankRefund {
  receipt: RefundReceipt;
  request: { paymentId: string; amount: string };
}

export interface BankAnswer {
  status: number;
  body: unknown;
}

export interface SimBankOptions {
  networkSecret: string;
  clock: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Pauses before the 2nd, 3rd… delivery of a notification that failed. */
  retryDelaysMs?: readonly number[];
}

export class SimBank {
  readonly key: string;
  private readonly payments = new Map<string, BankPayment>();
  private readonly refunds = new Map<string, BankRefund>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;
  /** While down, every request answers 503 (for drills: refunds that cannot go out). */
  down = false;

  constructor(private readonly options: SimBankOptions) {
    this.key = institutionKey(options.networkSecret, BANK_CODE);
  }

  private refused(status: number, error: string, message: string): BankAnswer {
    return { status, body: { error, message } };
  }

  private verify<T extends { sentAt: string; bank: string }>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, raw: unknown): T | BankAnswer {
    if (this.down) return this.refused(503, 'OUTAGE', '银行系统维护中 / The bank is down for maintenance');
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return this.refused(400, 'INVALID_REQUEST', 'The request does not match the bank protocol');
    if (parsed.data.bank !== BANK_CODE || !verifySignature(this.key, raw as Record<string, unknown>)) {
      return this.refused(401, 'BAD_SIGNATURE', '签名无效 / The signature does not verify');
    }
    if (Math.abs(this.options.clock().getTime() - Date.parse(parsed.data.sentAt)) > MAX_SKEW_MS) {
      return this.refused(401, 'STALE', '请求时间与当前时间相差超过5分钟 / sentAt is more than 5 minutes from now');
    }
    return parsed.data;
  }

  private receipt(p: BankPayment, base: string): PaymentReceipt {
    return sign<PaymentReceipt>(this.key, {
      bank: BANK_CODE,
      paymentId: p.paymentId,
      amount: p.amount,
      status: p.status,
      payUrl: `${base}/bank/payments/${p.paymentId}/cashier`,
      createdAt: p.createdAt.toISOString(),
      sentAt: this.options.clock().toISOString(),
    });
  }

  /** `POST /bank/payments`: opens a payment, or answers the same receipt for the same id and amount. */
  create(raw: unknown, base: string): BankAnswer {
    const req = this.verify(CreatePaymentRequest, raw);
    if ('status' in req && 'body' in req) return req;
    const existing = this.payments.get(req.paymentId);
    if (existing) {
      if (compareMoney(existing.amount, req.amount) !== 0) return this.refused(409, 'PAYMENT_CONFLICT', 'This payment id was opened for another amount');
      return { status: 200, body: this.receipt(existing, base) };
    }
    const p: BankPayment = {
      paymentId: req.paymentId,
      amount: formatMoney(req.amount),
      description: req.description,
      payerName: req.payerName,
      notifyUrl: req.notifyUrl,
      status: 'pending',
      createdAt: this.options.clock(),
      paidAt: null,
      bankRef: null,
      refunded: '0.00',
      notifications: [],
      delivered: false,
    };
    this.payments.set(p.paymentId, p);
    return { status: 201, body: this.receipt(p, base) };
  }

  /** `POST /bank/payments/:id/pay`: the payer pays; the platform is notified before the payer gets the answer. */
  async pay(paymentId: string): Promise<BankAnswer> {
    if (this.down) return this.refused(503, 'OUTAGE', '银行系统维护中 / The bank is down for maintenance');
    const p = this.payments.get(paymentId);
    if (!p) return this.refused(404, 'UNKNOWN_PAYMENT', '没有该笔支付 / No such payment');
    if (p.status === 'paid') return this.refused(409, 'ALREADY_PAID', '该笔款项已支付，不会重复扣款 / This payment has been paid already; nothing was charged');
    p.status = 'paid';
    p.paidAt = this.options.clock();
    p.bankRef = `SIMBANK${String(++this.seq).padStart(10, '0')}`;
    const notification = sign<PaymentNotification>(this.key, {
      bank: BANK_CODE,
      messageId: randomUUID(),
      paymentId: p.paymentId,
      status: 'paid',
      amount: p.amount,
      paidAt: p.paidAt.toISOString(),
      bankRef: p.bankRef,
      sentAt: this.options.clock().toISOString(),
    });
    const delivered = await this.deliver(p, notification, 0);
    return { status: 200, body: { paymentId: p.paymentId, status: p.status, bankRef: p.bankRef, paidAt: p.paidAt.toISOString(), notified: delivered } };
  }

  private async deliver(p: BankPayment, first: PaymentNotification, attempt: number): Promise<boolean> {
    // A retry keeps the messageId and renews sentAt and the signature, as a real bank's notifier does.
    const { signature: _s, ...rest } = first;
    const message = attempt === 0 ? first : sign<PaymentNotification>(this.key, { ...rest, sentAt: this.options.clock().toISOString() });
    p.notifications.push(message);
    let ok = false;
    try {
      const res = await fetch(p.notifyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer().catch(() => undefined);
      // 409 REPLAYED means the platform has it already.
      ok = res.ok || res.status === 409;
      if (!ok) this.options.logger.warn({ paymentId: p.paymentId, status: res.status }, 'payment notification refused');
    } catch (err) {
      this.options.logger.warn({ paymentId: p.paymentId, err: (err as Error).message }, 'payment notification failed');
    }
    p.delivered = ok;
    const delays = this.options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000];
    if (!ok && attempt < delays.length) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.deliver(p, first, attempt + 1);
      }, delays[attempt]);
      this.timers.add(t);
    }
    return ok;
  }

  /** `POST /bank/refunds`: refunds (part of) a paid payment once per refund id. */
  refund(raw: unknown): BankAnswer {
    const req = this.verify(RefundRequest, raw);
    if ('status' in req && 'body' in req) return req;
    const done = this.refunds.get(req.refundId);
    if (done) {
      if (done.request.paymentId !== req.paymentId || compareMoney(done.request.amount, req.amount) !== 0) return this.refused(409, 'REFUND_CONFLICT', 'This refund id was used for another refund');
      return { status: 200, body: done.receipt };
    }
    const p = this.payments.get(req.paymentId);
    if (!p) return this.refused(404, 'UNKNOWN_PAYMENT', '没有该笔支付 / No such payment');
    if (p.status !== 'paid') return this.refused(409, 'NOT_PAID', '该笔款项尚未支付 / This payment has not been paid');
    const left = sub(p.amount, p.refunded);
    if (compareMoney(req.amount, '0') <= 0 || compareMoney(req.amount, left) > 0) return this.refused(409, 'REFUND_TOO_LARGE', `可退金额为${formatMoney(left)} / At most ${formatMoney(left)} can be refunded`);
    p.refunded = formatMoney(add(p.refunded, req.amount));
    const receipt = sign<RefundReceipt>(this.key, {
      bank: BANK_CODE,
      refundId: req.refundId,
      paymentId: req.paymentId,
      amount: formatMoney(req.amount),
      status: 'completed',
      completedAt: this.options.clock().toISOString(),
      bankRef: `SIMREF${String(++this.seq).padStart(10, '0')}`,
      sentAt: this.options.clock().toISOString(),
    });
    this.refunds.set(req.refundId, { receipt, request: { paymentId: req.paymentId, amount: formatMoney(req.amount) } });
    return { status: 200, body: receipt };
  }

  /** `GET /bank/payments/:id`: the payment as the bank holds it, with the notifications it sent. */
  show(paymentId: string): BankAnswer {
    const p = this.payments.get(paymentId);
    if (!p) return this.refused(404, 'UNKNOWN_PAYMENT', '没有该笔支付 / No such payment');
    return {
      status: 200,
      body: {
        paymentId: p.paymentId,
        amount: p.amount,
        description: p.description,
        status: p.status,
        paidAt: p.paidAt?.toISOString() ?? null,
        bankRef: p.bankRef,
        refunded: p.refunded,
        delivered: p.delivered,
        notifications: p.notifications,
      },
    };
  }

  /**
   * Where the payer goes back after paying: a URL the platform passed as `?return=` on the cashier page, accepted only
   * on the origin of the payment's notifyUrl (the platform that opened it), so the bank never redirects elsewhere.
   */
  returnUrl(paymentId: string, raw: string | null | undefined): string | null {
    const p = this.payments.get(paymentId);
    if (!p || !raw) return null;
    try {
      const url = new URL(raw);
      return url.origin === new URL(p.notifyUrl).origin ? url.href : null;
    } catch {
      return null;
    }
  }

  /** The cashier page: what the payer sees, with the button that pays (and the way back to the platform). */
  cashier(paymentId: string, returnTo: string | null = null): { status: number; html: string } {
    const p = this.payments.get(paymentId);
    if (!p) return { status: 404, html: '<!doctype html><meta charset="utf-8"><p>没有该笔支付 / No such payment</p>' };
    const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const back = returnTo ? `<p><a href="${esc(returnTo)}">返回执行平台 / Back to the platform</a></p>` : '';
    const query = returnTo ? `?return=${encodeURIComponent(returnTo)}` : '';
    const action = p.status === 'paid'
      ? `<p>已支付 / Paid</p>${back}`
      : `<form method="post" action="/bank/payments/${p.paymentId}/pay${esc(query)}"><button type="submit">确认支付 / Pay</button></form>${back}`;
    return {
      status: 200,
      html: `<!doctype html><html lang="zh"><meta charset="utf-8"><title>模拟银行收银台 / Simulated bank</title><h1>模拟银行收银台 / Simulated bank</h1><p>${esc(p.description)}</p><p>付款人 / Payer: ${esc(p.payerName)}</p><p>金额 / Amount: ¥${esc(p.amount)}</p>${action}</html>`,
    };
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

const MAX_BODY_BYTES = 1 << 20;

function reply(res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/**
 * The bank's routes under `/bank` of the simulator (`parts` without the leading "bank"):
 * POST payments, GET payments/:id, GET payments/:id/cashier, POST payments/:id/pay, POST refunds,
 * POST admin/outage `{ "down": boolean }`.
 */
export async function serveBank(bank: SimBank, req: IncomingMessage, res: ServerResponse, parts: string[]): Promise<void> {
  const method = req.method ?? 'GET';
  const base = `http://${req.headers.host ?? '127.0.0.1'}`;
  const json = async (): Promise<unknown> => {
    const text = await readBody(req);
    if (text === null) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const send = (a: BankAnswer) => reply(res, a.status, a.body);
  const returnTo = (paymentId: string) => bank.returnUrl(paymentId, new URL(req.url ?? '/', base).searchParams.get('return'));
  if (method === 'POST' && parts.length === 1 && parts[0] === 'payments') return send(bank.create(await json(), base));
  if (method === 'POST' && parts.length === 1 && parts[0] === 'refunds') return send(bank.refund(await json()));
  if (parts[0] === 'payments' && parts.length === 2 && method === 'GET') return send(bank.show(parts[1]!));
  if (parts[0] === 'payments' && parts.length === 3 && parts[2] === 'cashier' && method === 'GET') {
    const page = bank.cashier(parts[1]!, returnTo(parts[1]!));
    return reply(res, page.status, page.html, 'text/html; charset=utf-8');
  }
  if (parts[0] === 'payments' && parts.length === 3 && parts[2] === 'pay' && method === 'POST') {
    await readBody(req);
    const answer = await bank.pay(parts[1]!);
    // The cashier page's form posts urlencoded: back to the platform's page it came from (a `return` on the platform's
    // origin), or else to the cashier page, which shows the outcome.
    if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && answer.status === 200) {
      res.writeHead(303, { location: returnTo(parts[1]!) ?? `/bank/payments/${parts[1]}/cashier` });
      res.end();
      return;
    }
    return send(answer);
  }
  if (method === 'POST' && parts.length === 2 && parts[0] === 'admin' && parts[1] === 'outage') {
    const body = (await json()) as { down?: unknown } | undefined;
    if (typeof body?.down !== 'boolean') return reply(res, 400, { error: 'INVALID_BODY', message: 'Expected { "down": boolean }' });
    bank.down = body.down;
    return reply(res, 200, { down: bank.down });
  }
  reply(res, 404, { error: 'NOT_FOUND', message: `No bank route ${method} /bank/${parts.join('/')}` });
}
