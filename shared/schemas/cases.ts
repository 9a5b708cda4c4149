import { z } from 'zod';
import { CASE_NO_MESSAGE, parseCaseNo } from '../case-no';
import { CreditCode, IsoDateTime, MoneyString, PageQuery, PositiveMoneyString, ResidentId, Uuid, pageOf } from './common';

export const CaseNo = z
  .string()
  .trim()
  .refine((v) => parseCaseNo(v) !== null, CASE_NO_MESSAGE)
  .meta({ description: 'Case number (案号)', example: '（2026）京0105执1234号' });

const PersonParty = z.strictObject({
  kind: z.literal('person'),
  name: z.string().trim().min(2, '姓名至少2个字 / A name has at least 2 characters').max(50),
  idNumber: ResidentId,
});
const OrganisationParty = z.strictObject({
  kind: z.literal('organisation'),
  name: z.string().trim().min(2, '名称至少2个字 / A name has at least 2 characters').max(100),
  creditCode: CreditCode,
});
export const PartyInput = z.discriminatedUnion('kind', [PersonParty, OrganisationParty]).meta({ id: 'PartyInput' });
export type PartyInput = z.infer<typeof PartyInput>;

export const CASE_STATUSES = ['open', 'satisfied', 'terminated', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES).meta({ id: 'CaseStatus' });

export const CreateCaseBody = z.strictObject({
  caseNo: CaseNo.optional().meta({ description: 'Leave out to have the next number of the court and year assigned' }),
  courtId: Uuid.optional().meta({ description: 'Defaults to the court of the user; a judge or clerk may only file in their own court' }),
  judgeId: Uuid,
  cause: z.string().trim().min(2).max(100).meta({ description: '案由, e.g. 民间借贷纠纷', example: '民间借贷纠纷' }),
  basis: z.string().trim().min(2).max(200).meta({ description: '执行依据, e.g. the judgment number', example: '（2025）京0105民初888号民事判决书' }),
  claimAmount: PositiveMoneyString,
  creditors: z.array(PartyInput).min(1, '至少一名申请执行人 / At least one creditor').max(20),
  debtors: z.array(PartyInput).min(1, '至少一名被执行人 / At least one debtor').max(20),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

export const PartyView = z
  .object({
    id: Uuid,
    role: z.enum(['creditor', 'debtor']),
    kind: z.enum(['person', 'organisation']),
    name: z.string(),
    idNumber: z.string().meta({ description: 'Resident ID number or unified social credit code' }),
  })
  .meta({ id: 'Party' });

export const CaseSummary = z
  .object({
    id: Uuid,
    caseNo: z.string(),
    courtId: Uuid,
    courtName: z.string(),
    status: CaseStatus,
    cause: z.string(),
    claimAmount: MoneyString,
    outstandingAmount: MoneyString,
    judge: z.object({ id: Uuid, displayName: z.string() }),
    creditorNames: z.array(z.string()),
    debtorNames: z.array(z.string()),
    filedAt: IsoDateTime,
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseDetail = CaseSummary.extend({
  basis: z.string(),
  parties: z.array(PartyView),
  createdBy: z.object({ id: Uuid, displayName: z.string() }),
}).meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetail>;

export const ListCasesQuery = PageQuery.extend({
  status: CaseStatus.optional(),
  judgeId: Uuid.optional(),
  q: z.string().trim().max(100).optional().meta({ description: 'Matches the case number or a party name' }),
  filedFrom: z.iso.date().refine((d) => d >= '2000-01-01', '日期不早于2000-01-01 / Not before 2000-01-01').optional(),
  filedTo: z.iso.date().refine((d) => d >= '2000-01-01', '日期不早于2000-01-01 / Not before 2000-01-01').optional(),
});
export type ListCasesQuery = z.infer<typeof ListCasesQuery>;

export const CasePage = pageOf(CaseSummary, 'CasePage');

export const TimelineEntry = z
  .object({
    seq: z.number().int(),
    at: IsoDateTime,
    action: z.string().meta({ example: 'case.created' }),
    actor: z.object({ id: Uuid.nullable(), displayName: z.string() }),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;
