/**
 * Transparency for the parties (执行公开): the query code (查询码) a court issues per case, the party's view of the case
 * it opens, and petitions (信访) about a case. Shared by the server (validation, OpenAPI) and the client (forms).
 */
import { z } from 'zod';
import { CaseStatus } from './cases';
import { IsoDateTime, MoneyString, PageQuery, Uuid, pageOf } from './common';

// ---- Query codes

export const QueryCodeIssued = z
  .object({
    code: z.string().meta({ description: 'The query code, shown this once: only its keyed hash is kept', example: 'K7QM-4XTR-9PZD' }),
    issuedAt: IsoDateTime,
    reissued: z.boolean().meta({ description: 'An earlier code of the case was replaced and no longer opens it' }),
  })
  .meta({ id: 'QueryCodeIssued' });
export type QueryCodeIssued = z.infer<typeof QueryCodeIssued>;

export const QueryCodeStatus = z
  .object({ issued: z.boolean(), issuedAt: IsoDateTime.nullable() })
  .meta({ id: 'QueryCodeStatus' });
export type QueryCodeStatus = z.infer<typeof QueryCodeStatus>;

/** What a party gives to open their case: never validated for format beyond length, so that every mismatch is the same refusal. */
export const PartyCredentials = z.strictObject({
  caseNo: z.string().trim().min(1, '请填写案号 / Enter the case number').max(60).meta({ example: '（2026）京0105执1234号' }),
  code: z.string().trim().min(1, '请填写查询码 / Enter the query code').max(40).meta({ example: 'K7QM-4XTR-9PZD' }),
});
export type PartyCredentials = z.infer<typeof PartyCredentials>;

export const PartyTimelineEntry = z
  .object({
    at: IsoDateTime,
    action: z.string().meta({ description: 'The step, e.g. `measure.in_force`; only steps a party may see' }),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).meta({ description: 'Only the party-safe figures of the step (amounts, dates, institution names)' }),
  })
  .meta({ id: 'PartyTimelineEntry' });
export type PartyTimelineEntry = z.infer<typeof PartyTimelineEntry>;

export const PartyMeasure = z
  .object({
    kind: z.enum(['freeze', 'seizure']),
    institutionName: z.string(),
    assetKind: z.string(),
    status: z.string(),
    requestedAmount: MoneyString.nullable(),
    frozenAmount: MoneyString.nullable(),
    deductedAmount: MoneyString,
    orderedAt: IsoDateTime,
    effectiveAt: IsoDateTime.nullable(),
    expiresAt: IsoDateTime,
    endedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'PartyMeasure' });
export type PartyMeasure = z.infer<typeof PartyMeasure>;

export const PartyAuction = z
  .object({
    id: Uuid,
    title: z.string(),
    status: z.string(),
    round: z.number().int(),
    startingPrice: MoneyString,
    currentPrice: MoneyString.nullable(),
    salePrice: MoneyString.nullable(),
    biddingStartsAt: IsoDateTime,
    biddingEndsAt: IsoDateTime,
    publicUrl: z.string().meta({ description: 'The auction\'s public page', example: '/auctions/0b6f…' }),
  })
  .meta({ id: 'PartyAuction' });
export type PartyAuction = z.infer<typeof PartyAuction>;

export const PartyCaseView = z
  .object({
    caseNo: z.string(),
    courtName: z.string(),
    cause: z.string(),
    status: CaseStatus,
    filedAt: IsoDateTime,
    claimAmount: MoneyString,
    outstandingAmount: MoneyString,
    money: z.object({ recovered: MoneyString, paidOut: MoneyString }),
    timeline: z.array(PartyTimelineEntry),
    measures: z.array(PartyMeasure),
    auctions: z.array(PartyAuction),
    /** Petitions about the case: their progress only. The content and the answer go to the petitioner, not to every holder of the code. */
    petitions: z.array(z.object({ id: Uuid, status: z.string(), receivedAt: IsoDateTime, answerDueAt: IsoDateTime, answeredAt: IsoDateTime.nullable() })),
  })
  .meta({ id: 'PartyCaseView' });
export type PartyCaseView = z.infer<typeof PartyCaseView>;

// ---- Petitions (信访)

export const PETITION_STATUSES = ['received', 'assigned', 'answered'] as const;
export const PetitionStatus = z.enum(PETITION_STATUSES).meta({ id: 'PetitionStatus' });
export type PetitionStatus = z.infer<typeof PetitionStatus>;

export const PETITIONER_ROLES = ['creditor', 'debtor', 'other'] as const;

const PetitionContent = {
  petitionerName: z.string().trim().min(2, '姓名至少2个字 / A name has at least 2 characters').max(50),
  petitionerRole: z.enum(PETITIONER_ROLES),
  contact: z.string().trim().max(100).optional(),
  content: z.string().trim().min(5, '信访内容至少5个字 / Say at least 5 characters').max(4000),
};

export const ReceivePetitionBody = z.strictObject({ ...PetitionContent, channel: z.enum(['visit', 'letter', 'phone', 'online']).default('visit') });
export type ReceivePetitionBody = z.input<typeof ReceivePetitionBody>;

export const PublicPetitionBody = z.strictObject({ ...PartyCredentials.shape, ...PetitionContent });
export type PublicPetitionBody = z.input<typeof PublicPetitionBody>;

export const AssignPetitionBody = z.strictObject({ assigneeId: Uuid });
export const AnswerPetitionBody = z.strictObject({ answer: z.string().trim().min(5, '答复至少5个字 / An answer has at least 5 characters').max(4000) });

export const PetitionView = z
  .object({
    id: Uuid,
    caseId: Uuid,
    caseNo: z.string(),
    channel: z.string(),
    petitionerName: z.string(),
    petitionerRole: z.enum(PETITIONER_ROLES),
    contact: z.string().nullable(),
    content: z.string(),
    status: PetitionStatus,
    receivedAt: IsoDateTime,
    receivedBy: z.object({ id: Uuid, displayName: z.string() }).nullable(),
    assignDueAt: IsoDateTime,
    answerDueAt: IsoDateTime,
    assignee: z.object({ id: Uuid, displayName: z.string() }).nullable(),
    assignedAt: IsoDateTime.nullable(),
    answer: z.string().nullable(),
    answeredAt: IsoDateTime.nullable(),
    /** Which deadline is running now and whether it has passed. */
    dueAt: IsoDateTime.nullable(),
    overdue: z.boolean(),
    overdueSteps: z.array(z.enum(['assign', 'answer'])),
  })
  .meta({ id: 'PetitionView' });
export type PetitionView = z.infer<typeof PetitionView>;

export const PetitionPage = pageOf(PetitionView, 'PetitionPage');
export type PetitionPage = z.infer<typeof PetitionPage>;

export const ListPetitionsQuery = PageQuery.extend({
  status: PetitionStatus.optional(),
  overdue: z.enum(['true']).optional().meta({ description: 'Only those whose running deadline has passed' }),
  caseId: Uuid.optional(),
});

export const PublicPetitionReceipt = z
  .object({ id: Uuid, receivedAt: IsoDateTime, answerDueAt: IsoDateTime })
  .meta({ id: 'PublicPetitionReceipt' });
