/** Payments through the bank (deposits, balances, full prices) and their refunds. */
import { z } from 'zod';
import { IsoDateTime, MoneyString, Uuid } from './common';

export const PaymentView = z
  .object({
    id: Uuid,
    purpose: z.enum(['deposit', 'balance', 'full_price']).meta({ description: 'deposit (保证金, 网拍 Art. 17), balance (尾款, Art. 25), full_price (变卖: the whole price)' }),
    amount: MoneyString,
    status: z.enum(['created', 'paid']),
    payUrl: z.string().nullable().meta({ description: 'The bank\'s cashier page where the payer pays' }),
    createdAt: IsoDateTime,
    paidAt: IsoDateTime.nullable(),
    refund: z
      .object({
        status: z.enum(['requested', 'completed']),
        amount: MoneyString,
        requestedAt: IsoDateTime,
        dueBy: IsoDateTime.meta({ description: '网拍 Art. 23: within 24 hours of the end of bidding' }),
        completedAt: IsoDateTime.nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Payment' });
export type PaymentView = z.infer<typeof PaymentView>;
