import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import { PaymentView } from '../../../shared/schemas/payments';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Api } from '../../platform/http/api';
import type { PaymentGateway } from './payment-gateway';
import { toPaymentView } from './payment-view';
import { paymentById } from './payment.store';
import { receivePaymentNotification, type PaidHandler } from './receive-payment-notification';

export function paymentRoutes(api: Api, ctx: AppContext, deps: { gateway: PaymentGateway; onPaid: PaidHandler }): void {
  api.route({
    method: 'post',
    path: '/api/payments/callbacks',
    tag: 'payments',
    summary: 'The bank\'s signed notification that a payment was paid',
    description:
      'Authenticated by the bank\'s HMAC signature (shared/bank-protocol.ts), not a session. Refused with nothing changed: a forged or altered message (BAD_SIGNATURE), a stale one (> 5 min, BAD_SIGNATURE), a replayed message id (REPLAYED), an amount other than the one due (PAYMENT_MISMATCH). A second notification of a payment already paid is accepted and changes nothing (`applied: false`).',
    auth: 'public',
    body: z.looseObject({}),
    response: z.object({ ok: z.literal(true), applied: z.boolean() }),
    errors: ['BAD_SIGNATURE', 'REPLAYED', 'PAYMENT_MISMATCH', 'NOT_FOUND'],
    handler: async ({ req }) => ({ ok: true as const, ...(await receivePaymentNotification(ctx, deps.gateway, deps.onPaid, req.body)) }),
  });

  api.route({
    method: 'get',
    path: '/api/payments/:id',
    tag: 'payments',
    summary: 'One of my payments (deposit, balance, full price) with its refund',
    auth: ['bidder'],
    params: IdParams,
    response: PaymentView,
    errors: ['NOT_FOUND'],
    handler: async ({ params, actor }) => {
      const p = await paymentById(ctx.db, params.id);
      if (!p || p.payerId !== actor.userId) throw notFound('payment', '支付');
      return toPaymentView(ctx.db, p);
    },
  });
}
