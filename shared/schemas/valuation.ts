/** Valuation (确定财产处置参考价): requests and views. */
import { z } from 'zod';
import { AssetKind } from '../institution-protocol';
import { IsoDateTime, MoneyString, PositiveMoneyString, Uuid } from './common';

const Instant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 timestamp with offset', example: '2026-12-02T08:00:00.000Z' });
const Text = z.string().trim().min(2).max(500);

export const VALUATION_METHODS = ['negotiated', 'directedInquiry', 'onlineInquiry', 'appraisal'] as const;
export const ValuationMethod = z.enum(VALUATION_METHODS).meta({
  id: 'ValuationMethod',
  description: 'negotiated (当事人议价), directedInquiry (定向询价), onlineInquiry (网络询价), appraisal (委托评估), in their legal order (参考价 Art. 2, 4–7, 14)',
});
export type ValuationMethod = z.infer<typeof ValuationMethod>;

export const StartValuationBody = z.strictObject({
  negotiationDeadline: Instant.optional().meta({
    description: 'When the parties must submit their negotiated price (参考价 Art. 4); after now, at most 30 days ahead; default 7 days',
  }),
});
export type StartValuationBody = z.infer<typeof StartValuationBody>;

export const NegotiatedBody = z.strictObject({
  price: PositiveMoneyString.meta({ description: 'The price both parties agreed (参考价 Art. 4 para 2)' }),
  agreement: Text.meta({ description: 'The parties\' agreement as submitted (who signed, when, what)', example: '申请执行人张三与被执行人李四于2026年11月26日书面议定' }),
  validUntil: Instant.optional().meta({ description: 'The validity the parties agreed; at most 1 year (参考价 Art. 27 para 2), which is the default' }),
});
export type NegotiatedBody = z.infer<typeof NegotiatedBody>;

export const FailStepBody = z.strictObject({
  reason: Text.meta({ description: 'Why the method failed, e.g. a party refused to negotiate or cannot be found (参考价 Art. 4), the institution gave no result (Art. 5)' }),
});
export type FailStepBody = z.infer<typeof FailStepBody>;

export const SkipBody = z.strictObject({
  to: ValuationMethod.meta({ description: 'The later method both parties asked for (参考价 Art. 5 para 2, 7 para 2, 14)' }),
  agreement: Text.meta({ description: 'The parties\' joint request as made (who, when, what)' }),
});
export type SkipBody = z.infer<typeof SkipBody>;

export const DirectedResultBody = z.strictObject({
  price: PositiveMoneyString,
  institution: z.string().trim().min(2).max(100).meta({ description: 'The institution asked (tax authority, price authority)', example: '国家税务总局北京市朝阳区税务局' }),
  reference: z.string().trim().min(1).max(100).meta({ description: 'The reference of its answer' }),
  validUntil: Instant.optional().meta({ description: 'At most 1 year (参考价 Art. 27 para 2), which is the default' }),
});
export type DirectedResultBody = z.infer<typeof DirectedResultBody>;

export const ChooseFirmsBody = z.strictObject({
  firms: z.array(z.string().trim().min(1).max(40)).length(3).meta({ description: 'Three appraisal firms of the list (GET /api/valuation/appraisal-firms), in order (参考价 Art. 16)' }),
  agreement: Text.meta({ description: 'The parties\' agreement on the firms and their order' }),
});
export type ChooseFirmsBody = z.infer<typeof ChooseFirmsBody>;

export const LotteryBody = z.strictObject({
  reason: Text.meta({ description: 'Why by lottery: the parties did not agree, or one cannot be found (参考价 Art. 16)' }),
  seed: z.string().trim().min(8).max(128).optional().meta({ description: 'The seed announced for the draw; default a random one. Recorded, so anyone can re-run the draw' }),
});
export type LotteryBody = z.infer<typeof LotteryBody>;

export const ExtensionBody = z.strictObject({
  days: z.number().int().meta({ description: 'At most 15; at most 2 extensions, applied for 5 days before the deadline (参考价 Art. 19)' }),
});
export type ExtensionBody = z.infer<typeof ExtensionBody>;

export const AppraisalReportBody = z.strictObject({
  price: PositiveMoneyString,
  reportNo: z.string().trim().min(1).max(100),
  validUntil: Instant.optional().meta({ description: 'The report\'s validity; at most 1 year (参考价 Art. 27)' }),
});
export type AppraisalReportBody = z.infer<typeof AppraisalReportBody>;

export const DeliveryBody = z.strictObject({
  method: z.enum(['direct', 'electronic', 'post', 'public_notice']).meta({
    description: 'How the report reached the parties (参考价 Art. 21); public_notice counts as received 15 days after',
  }),
});
export type DeliveryBody = z.infer<typeof DeliveryBody>;

export const OBJECTION_GROUNDS = ['basic_information', 'scope', 'qualification', 'procedure', 'standard_method_result'] as const;
export const ObjectionBody = z.strictObject({
  resultId: Uuid.meta({ description: 'The platform\'s or firm\'s report objected to' }),
  party: z.enum(['creditor', 'debtor', 'interested']),
  partyName: z.string().trim().min(1).max(100).optional().meta({ description: 'Required for an interested party; a creditor or debtor is named from the case' }),
  grounds: z.enum(OBJECTION_GROUNDS).meta({
    description: 'basic_information, scope, qualification, procedure (参考价 Art. 22 para 1 (1)–(4)); standard_method_result (Art. 23)',
  }),
  statement: Text,
});
export type ObjectionBody = z.infer<typeof ObjectionBody>;

export const RulingBody = z.strictObject({
  upheld: z.boolean().meta({ description: 'true drops the report objected to' }),
  ruling: Text,
});
export type RulingBody = z.infer<typeof RulingBody>;

export const FirmsQuery = z.strictObject({ assetKind: AssetKind.optional() });

const Person = z.object({ id: Uuid, displayName: z.string() }).nullable();

export const ValuationResultView = z.object({
  id: Uuid,
  source: z.enum(['platform', 'firm']),
  code: z.string(),
  name: z.string(),
  position: z.number().int(),
  status: z.enum(['standby', 'pending', 'received', 'late', 'unanswered', 'withdrawn', 'dropped']),
  requestedAt: IsoDateTime.nullable(),
  acknowledgedAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  extensions: z.array(z.object({ days: z.number().int(), at: IsoDateTime })),
  amount: MoneyString.nullable(),
  reportNo: z.string().nullable(),
  issuedAt: IsoDateTime.nullable(),
  recordedAt: IsoDateTime.nullable(),
  reportValidUntil: IsoDateTime.nullable(),
  endedAt: IsoDateTime.nullable(),
  endReason: z.string().nullable(),
});

export const ObjectionView = z
  .object({
    id: Uuid,
    valuationId: Uuid,
    stepId: Uuid,
    resultId: Uuid,
    party: z.enum(['creditor', 'debtor', 'interested']),
    partyName: z.string(),
    grounds: z.string(),
    statement: z.string(),
    filedAt: IsoDateTime,
    status: z.enum(['pending', 'upheld', 'rejected']),
    ruledAt: IsoDateTime.nullable(),
    ruledBy: Person,
    ruling: z.string().nullable(),
  })
  .meta({ id: 'ValuationObjection' });
export type ObjectionView = z.infer<typeof ObjectionView>;

export const ValuationStepView = z.object({
  id: Uuid,
  seq: z.number().int(),
  method: ValuationMethod,
  status: z.enum(['choosing', 'open', 'reported', 'succeeded', 'failed', 'skipped']),
  openedAt: IsoDateTime,
  deadline: IsoDateTime.nullable().meta({ description: 'Negotiation, directed inquiry, platforms (3 days, once extended), the parties\' choice of firms' }),
  extendedAt: IsoDateTime.nullable(),
  amount: MoneyString.nullable(),
  resultAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  deliveryMethod: z.string().nullable(),
  receivedAt: IsoDateTime.nullable(),
  objectionDeadline: IsoDateTime.nullable(),
  agreement: z.record(z.string(), z.unknown()).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  closedAt: IsoDateTime.nullable(),
  outcome: z.string().nullable(),
  results: z.array(ValuationResultView),
  objections: z.array(ObjectionView),
});

export const ValuationView = z
  .object({
    id: Uuid,
    measureId: Uuid,
    caseId: Uuid,
    caseNo: z.string(),
    assetId: Uuid,
    assetKind: AssetKind,
    assetIdentifier: z.string(),
    assetDescription: z.string(),
    indicativeValue: MoneyString.nullable(),
    status: z.enum(['running', 'fixed', 'failed', 'expired', 'withdrawn']),
    method: ValuationMethod.meta({ description: 'The method in progress, or the one that fixed the price' }),
    startedBy: Person,
    startedAt: IsoDateTime,
    referencePrice: z
      .object({
        amount: MoneyString,
        method: ValuationMethod,
        fixedAt: IsoDateTime,
        validUntil: IsoDateTime.meta({ description: 'At most 1 year after fixing (参考价 Art. 27)' }),
        saleStartBy: IsoDateTime.meta({ description: 'Start the sale within 10 days of fixing (参考价 Art. 30)' }),
        proceedUntil: IsoDateTime.meta({ description: 'An auction first announced within validity may still be held until 6 months after it (参考价 Art. 27 para 3)' }),
      })
      .nullable(),
    endedAt: IsoDateTime.nullable(),
    endReason: z.string().nullable(),
    steps: z.array(ValuationStepView),
  })
  .meta({ id: 'Valuation', description: 'Also pushed over socket.io to the court as `valuation.updated`, `valuation.result` and `valuation.fixed`' });
export type ValuationView = z.infer<typeof ValuationView>;

export const AppraisalFirmView = z.object({ code: z.string(), name: z.string(), specialty: z.string(), city: z.string() }).meta({ id: 'AppraisalFirm' });
export const InquiryPlatformView = z.object({ code: z.string(), name: z.string() }).meta({ id: 'InquiryPlatform' });
