/** Control measures (控: freeze, seize, renew, release, lapse, deduct) and the ledger. */
import { z } from 'zod';
import { AssetKind } from '../institution-protocol';
import { IsoDateTime, MoneyString, PositiveMoneyString, Uuid } from './common';

const Reason = z.string().trim().min(2).max(200);
const Instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 timestamp with offset', example: '2027-11-25T08:00:00.000Z' });

export const OrderMeasureBody = z
  .strictObject({
    assetId: Uuid.meta({ description: 'A debtor asset found by an inquiry (GET /api/cases/{id}/assets)' }),
    amount: PositiveMoneyString.optional().meta({
      description: 'Freeze only: the amount to freeze. Defaults to the asset\'s balance, capped by what the over-seizure limit leaves (查扣冻 Art. 19)',
    }),
    until: Instant.optional().meta({ description: 'Expiry; at most the maximum term of the asset kind (民诉解释 Art. 485), which is the default' }),
    indivisible: z.boolean().optional().meta({ description: 'Record that the asset is indivisible, to order beyond the over-seizure limit (查扣冻 Art. 19 para 2)' }),
    indivisibleReason: Reason.optional(),
  })
  .refine((b) => !b.indivisible || Boolean(b.indivisibleReason), {
    path: ['indivisibleReason'],
    message: '记录不可分物须说明理由 / Say why the asset is indivisible',
  });
export type OrderMeasureBody = z.infer<typeof OrderMeasureBody>;

export const RenewMeasureBody = z.strictObject({
  until: Instant.optional().meta({ description: 'New expiry; at most the maximum term from now (民诉解释 Art. 485 para 2), which is the default' }),
});
export type RenewMeasureBody = z.infer<typeof RenewMeasureBody>;

export const ReleaseMeasureBody = z.strictObject({ reason: Reason.meta({ description: 'Why the measure is released (解除)', example: '被执行人已履行' }) });
export type ReleaseMeasureBody = z.infer<typeof ReleaseMeasureBody>;

export const RequestDeductionBody = z.strictObject({ amount: PositiveMoneyString.meta({ description: 'At most what the freeze still holds' }) });
export type RequestDeductionBody = z.infer<typeof RequestDeductionBody>;

export const DeclineDeductionBody = z.strictObject({ reason: Reason });
export type DeclineDeductionBody = z.infer<typeof DeclineDeductionBody>;

export const ExpiringQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) });

export const MEASURE_STATUSES = ['pending', 'in_force', 'queued', 'rejected', 'released', 'lapsed', 'exhausted'] as const;
export const MeasureStatus = z.enum(MEASURE_STATUSES).meta({ id: 'MeasureStatus' });

const Person = z.object({ id: Uuid, displayName: z.string() });

export const MeasureView = z
  .object({
    id: Uuid,
    caseId: Uuid,
    caseNo: z.string(),
    assetId: Uuid,
    institutionCode: z.string(),
    institutionName: z.string(),
    assetRef: z.string(),
    assetKind: AssetKind,
    assetIdentifier: z.string(),
    assetDescription: z.string(),
    kind: z.enum(['freeze', 'seizure']),
    status: MeasureStatus,
    requestedAmount: MoneyString.nullable().meta({ description: 'Freeze: the amount ordered. Seizure: the asset\'s indicative value when ordered' }),
    frozenAmount: MoneyString.nullable().meta({ description: 'What the institution actually froze' }),
    deductedAmount: MoneyString,
    availableAmount: MoneyString.meta({ description: 'Frozen less deducted: what a deduction may still take' }),
    rank: z.number().int().nullable().meta({ description: '1 = first-rank (首封), n > 1 = queued (轮候)' }),
    indivisible: z.boolean(),
    indivisibleReason: z.string().nullable(),
    measureRef: z.string().nullable(),
    expiresAt: IsoDateTime,
    daysLeft: z.number().int(),
    orderedBy: Person,
    orderedAt: IsoDateTime,
    effectiveAt: IsoDateTime.nullable(),
    endedAt: IsoDateTime.nullable(),
    endReason: z.string().nullable(),
    remindedAt: IsoDateTime.nullable(),
    pendingOrder: z.enum(['renew', 'release', 'deduct']).nullable().meta({ description: 'An order sent and not yet answered' }),
    renewUntil: IsoDateTime.nullable(),
  })
  .meta({ id: 'Measure', description: 'Also pushed over socket.io as `measure.updated`, `measure.promoted`, `measure.expiring`' });
export type MeasureView = z.infer<typeof MeasureView>;

export const SeizureLimit = z
  .object({
    outstanding: MoneyString,
    costs: MoneyString.meta({ description: '执行申请费 (诉讼费用交纳办法 Art. 14)' }),
    limit: MoneyString.meta({ description: 'outstanding + costs (查扣冻 Art. 19)' }),
    committed: MoneyString.meta({ description: 'What the case\'s active measures bind' }),
    room: MoneyString.meta({ description: 'limit − committed, not below 0' }),
  })
  .meta({ id: 'SeizureLimit' });
export type SeizureLimit = z.infer<typeof SeizureLimit>;

export const CaseMeasures = z.object({ items: z.array(MeasureView), limit: SeizureLimit }).meta({ id: 'CaseMeasures' });
export type CaseMeasures = z.infer<typeof CaseMeasures>;

export const DEDUCTION_STATUSES = ['awaiting_approval', 'approved', 'completed', 'rejected_by_institution', 'declined'] as const;

export const DeductionView = z
  .object({
    id: Uuid,
    measureId: Uuid,
    caseId: Uuid,
    amount: MoneyString,
    status: z.enum(DEDUCTION_STATUSES),
    requestedBy: Person,
    requestedAt: IsoDateTime,
    approvedBy: Person.nullable(),
    approvedAt: IsoDateTime.nullable(),
    declinedBy: Person.nullable(),
    declinedAt: IsoDateTime.nullable(),
    declinedReason: z.string().nullable(),
    transferRef: z.string().nullable(),
    deductedAmount: MoneyString.nullable(),
    rejectionReason: z.string().nullable(),
    completedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Deduction' });
export type DeductionView = z.infer<typeof DeductionView>;

export const LedgerEntryView = z.object({ account: z.string(), debit: MoneyString, credit: MoneyString });

export const LedgerTransactionView = z
  .object({
    id: Uuid,
    at: IsoDateTime,
    kind: z.string(),
    memo: z.string(),
    ref: z.string(),
    entries: z.array(LedgerEntryView),
  })
  .meta({ id: 'LedgerTransaction' });

export const CaseLedger = z
  .object({
    caseId: Uuid,
    transactions: z.array(LedgerTransactionView),
    totals: z.object({
      debit: MoneyString,
      credit: MoneyString,
      recovered: MoneyString.meta({ description: 'Credited to the case\'s recovered account' }),
      paidOut: MoneyString.meta({ description: 'Paid out of it to the creditor (发放执行款)' }),
      available: MoneyString.meta({ description: 'Recovered and not yet paid out' }),
    }),
    accounts: z.array(z.object({ account: z.string(), debit: MoneyString, credit: MoneyString, balance: MoneyString.meta({ description: 'debit − credit' }) })),
  })
  .meta({ id: 'CaseLedger' });
export type CaseLedger = z.infer<typeof CaseLedger>;

export const PayoutBody = z
  .strictObject({
    amount: PositiveMoneyString.meta({ description: 'At most what was recovered for the case and not yet paid out' }),
    payeeAccount: z.string().trim().min(4).max(64).meta({ description: 'The creditor\'s bank account the money is sent to', example: '6222 0200 0000 0001' }),
    memo: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'Payout' });
export type PayoutBody = z.infer<typeof PayoutBody>;
