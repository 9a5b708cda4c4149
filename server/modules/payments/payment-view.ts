import { formatMoney } from '../../../shared/money';
import type { PaymentView } from '../../../shared/schemas/payments';
import type { Db } from '../../platform/db/database';
import { refundsOfPayments, type PaymentRow } from './payment.store';

/** A payment as its payer sees it, with its refund if there is one. */
export async function toPaymentView(db: Db, p: PaymentRow): Promise<PaymentView> {
  const [refund] = await refundsOfPayments(db, [p.id]);
  return {
    id: p.id,
    purpose: p.purpose,
    amount: formatMoney(p.amount),
    status: p.status,
    payUrl: p.payUrl,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    refund: refund
      ? {
          status: refund.status,
          amount: formatMoney(refund.amount),
          requestedAt: refund.requestedAt.toISOString(),
          dueBy: refund.dueBy.toISOString(),
          completedAt: refund.completedAt?.toISOString() ?? null,
        }
      : null,
  };
}
