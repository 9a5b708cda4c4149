/** The dishonest-debtor list (失信) and consumption restriction (限高). */
import { z } from 'zod';
import { LISTING_GROUNDS } from '../credit';
import { IsoDateTime, ResidentId, Uuid } from './common';

const Reason = z.string().trim().min(2).max(500);

export const ListingGround = z.enum(LISTING_GROUNDS).meta({ id: 'ListingGround', description: '失信 Art. 1 (2017 rev.): (一) able_but_refuses … (六) reneges_settlement' });

export const ListDebtorBody = z
  .strictObject({
    partyId: Uuid.meta({ description: 'The debtor, a party of this case (GET /api/cases/{id})' }),
    // Checked in the use case, so that a missing or unknown ground answers INVALID_LISTING_GROUND, naming the article.
    ground: z.string().max(64).optional().meta({ description: `One of ${LISTING_GROUNDS.join(', ')} (失信 Art. 1)` }),
    evidence: z.string().trim().min(2).max(2000).meta({ description: 'The facts and evidence of the ground', example: '被执行人名下车辆已于执行立案后转让给其亲属' }),
    legalRepName: z.string().trim().min(1).max(100).optional().meta({ description: 'Organisations: the legal representative (限高 Art. 3 para 2), required' }),
    legalRepIdNumber: ResidentId.optional(),
  });
export type ListDebtorBody = z.infer<typeof ListDebtorBody>;

export const ExtendListingBody = z.strictObject({
  years: z.number().int().meta({ description: 'Whole years, 1 to 3 (失信 Art. 2 para 2)', example: 1 }),
  reason: Reason.meta({ example: '以暴力方法抗拒执行，情节严重' }),
});
export type ExtendListingBody = z.infer<typeof ExtendListingBody>;

export const RemoveListingBody = z.strictObject({ reason: Reason.meta({ example: '与申请执行人达成和解并履行完毕' }) });
export type RemoveListingBody = z.infer<typeof RemoveListingBody>;

export const FileCorrectionBody = z.strictObject({
  applicantName: z.string().trim().min(1).max(100),
  contact: z.string().trim().max(100).optional(),
  reasons: Reason.meta({ example: '本人已于2026年11月全部履行' }),
});
export type FileCorrectionBody = z.infer<typeof FileCorrectionBody>;

export const DecideCorrectionBody = z.strictObject({
  decision: z.enum(['upheld', 'rejected']),
  reason: Reason,
});
export type DecideCorrectionBody = z.infer<typeof DecideCorrectionBody>;

export const RestrictionView = z.object({
  id: Uuid,
  subject: z.enum(['debtor', 'legal_representative']),
  name: z.string(),
  idNumber: z.string(),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.nullable(),
});

/** A restriction made by a restriction order on its own (限制消费令, 限高 Art. 1, 5), not by a listing. */
export const RestrictionOrderView = RestrictionView.extend({
  partyId: Uuid.meta({ description: 'The debtor the order was made against (for a legal representative\'s row too)' }),
  reason: z.string().meta({ description: 'Why the court restricted (限高 Art. 2)' }),
  endedReason: z.string().nullable().meta({ description: 'Why it ended: lifted (限高 Art. 9) or the debt performed' }),
}).meta({ id: 'RestrictionOrder' });
export type RestrictionOrderView = z.infer<typeof RestrictionOrderView>;

export const IssueRestrictionBody = z.strictObject({
  partyId: Uuid.meta({ description: 'The debtor, a party of this case' }),
  reason: Reason.meta({ example: '被执行人未按执行通知书指定的期间履行给付义务' }),
  legalRepName: z.string().trim().min(1).max(100).optional().meta({ description: 'Organisations: the legal representative (限高 Art. 3 para 2), required' }),
  legalRepIdNumber: ResidentId.optional(),
});
export type IssueRestrictionBody = z.infer<typeof IssueRestrictionBody>;

export const LiftRestrictionBody = z.strictObject({ reason: Reason.meta({ example: '被执行人提供确实有效的担保' }) });
export type LiftRestrictionBody = z.infer<typeof LiftRestrictionBody>;

/** The rows of one order: the debtor's and, for an organisation, its legal representative's. */
export const RestrictionOrderResult = z.object({ restrictions: z.array(RestrictionOrderView) }).meta({ id: 'RestrictionOrderResult' });
export type RestrictionOrderResult = z.infer<typeof RestrictionOrderResult>;

export const CorrectionView = z
  .object({
    id: Uuid,
    listingId: Uuid,
    applicantName: z.string(),
    contact: z.string().nullable(),
    reasons: z.string(),
    status: z.enum(['pending', 'upheld', 'rejected']),
    filedAt: IsoDateTime,
    dueBy: IsoDateTime.meta({ description: 'The court decides by then (失信 Art. 11: 15 days)' }),
    overdue: z.boolean(),
    decisionReason: z.string().nullable(),
    decidedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'CreditCorrection' });

export const ListingView = z
  .object({
    id: Uuid,
    caseId: Uuid,
    caseNo: z.string(),
    courtName: z.string(),
    partyId: Uuid,
    debtorKind: z.enum(['person', 'organisation']),
    debtorName: z.string(),
    debtorIdNumber: z.string(),
    legalRepName: z.string().nullable(),
    legalRepIdNumber: z.string().nullable(),
    ground: ListingGround,
    evidence: z.string(),
    status: z.enum(['listed', 'removed']),
    listedAt: IsoDateTime,
    expiresAt: IsoDateTime.nullable().meta({ description: 'Null: no fixed term (ground (一), 失信 Art. 2)' }),
    extensions: z.array(z.object({ years: z.number().int(), reason: z.string(), fromExpiresAt: IsoDateTime, toExpiresAt: IsoDateTime, extendedAt: IsoDateTime })),
    removalCause: z.enum(['debt_satisfied', 'term_ended', 'correction_upheld', 'court_decision']).nullable(),
    removalDueBy: IsoDateTime.nullable().meta({ description: 'Removed by then at the latest (失信 Art. 10: 3 working days)' }),
    removalReason: z.string().nullable(),
    removedAt: IsoDateTime.nullable(),
    restrictions: z.array(RestrictionView),
    corrections: z.array(CorrectionView),
  })
  .meta({ id: 'CreditListing' });
export type ListingView = z.infer<typeof ListingView>;

export const CaseCreditView = z
  .object({
    caseId: Uuid,
    caseNo: z.string(),
    outstandingAmount: z.string(),
    debtors: z.array(
      z.object({
        partyId: Uuid,
        kind: z.enum(['person', 'organisation']),
        name: z.string(),
        idNumber: z.string(),
        listed: z.boolean(),
        restricted: z.boolean().meta({ description: 'A consumption restriction in force, by a listing or by an order (限高)' }),
      }),
    ),
    listings: z.array(ListingView),
    restrictionOrders: z.array(RestrictionOrderView).meta({ description: 'Restrictions made by an order on its own (限制消费令), newest first' }),
  })
  .meta({ id: 'CaseCredit' });
export type CaseCreditView = z.infer<typeof CaseCreditView>;

export const CreditSearchQuery = z.strictObject({
  q: z.string().trim().min(2).max(100).meta({ description: 'A name (part of it, at least 2 characters) or a whole ID number / credit code', example: '李强' }),
});

export const PublicListing = z
  .object({
    id: Uuid.meta({ description: 'Quote it to file a correction request (失信 Art. 11)' }),
    name: z.string(),
    kind: z.enum(['person', 'organisation']),
    idNumberMasked: z.string().meta({ example: '110105********1234', description: 'Never the whole number' }),
    legalRepName: z.string().nullable(),
    courtName: z.string(),
    caseNo: z.string(),
    ground: ListingGround,
    listedAt: IsoDateTime,
    expiresAt: IsoDateTime.nullable().meta({ description: 'Null: until the duty is performed (失信 Art. 2)' }),
  })
  .meta({ id: 'PublicCreditListing' });
export type PublicListing = z.infer<typeof PublicListing>;

export const CreditSearchResult = z.object({ items: z.array(PublicListing), truncated: z.boolean() });
export type CreditSearchResult = z.infer<typeof CreditSearchResult>;

export const PublicCorrectionReceipt = z.object({ id: Uuid, listingId: Uuid, filedAt: IsoDateTime, dueBy: IsoDateTime, status: z.literal('pending') });
