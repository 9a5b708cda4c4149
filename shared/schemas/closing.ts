/** Closing a case: 执行完毕, 终本 (with its conditions, the creditor interview and the re-checks), 恢复执行. */
import { z } from 'zod';
import { CaseStatus } from './cases';
import { IsoDateTime, MoneyString, Uuid } from './common';

export const CLOSING_CONDITION_CODES = ['FILED_OVER_3_MONTHS', 'ONLINE_INQUIRY_COMPLETED', 'CONSUMPTION_RESTRICTED', 'CREDITOR_INTERVIEWED'] as const;
export const ClosingConditionCode = z.enum(CLOSING_CONDITION_CODES).meta({ id: 'ClosingConditionCode' });
export type ClosingConditionCode = z.infer<typeof ClosingConditionCode>;

export const ClosingCondition = z
  .object({
    code: ClosingConditionCode,
    met: z.boolean(),
    rule: z.string().meta({ description: 'The article that requires it', example: '终本规定第一条第（四）项' }),
    message: z.string(),
  })
  .meta({ id: 'ClosingCondition' });
export type ClosingCondition = z.infer<typeof ClosingCondition>;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const RecordInterviewBody = z
  .strictObject({
    interviewedOn: z
      .string()
      .trim()
      .regex(DAY_PATTERN, '日期格式应为 2026-11-25 / A date looks like 2026-11-25')
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), '无效的日期 / Not a valid date')
      .meta({ description: 'The day of the interview (China calendar)', example: '2026-11-25' }),
    content: z
      .string()
      .trim()
      .min(10, '请记录约谈内容（至少10个字） / Record what was said (at least 10 characters)')
      .max(5000, '约谈内容不超过5000字 / At most 5,000 characters'),
  })
  .meta({ id: 'RecordInterviewBody' });
export type RecordInterviewBody = z.infer<typeof RecordInterviewBody>;

export const InterviewView = z
  .object({
    id: Uuid,
    caseId: Uuid,
    interviewedOn: z.string(),
    content: z.string(),
    recordedBy: z.object({ id: Uuid, displayName: z.string() }),
    recordedAt: IsoDateTime,
  })
  .meta({ id: 'InterviewView' });
export type InterviewView = z.infer<typeof InterviewView>;

export const RECHECK_STATUSES = ['scheduled', 'running', 'done', 'cancelled'] as const;
export const RecheckView = z
  .object({
    id: Uuid,
    seq: z.number().int(),
    dueAt: IsoDateTime,
    status: z.enum(RECHECK_STATUSES),
    startedAt: IsoDateTime.nullable(),
    completedAt: IsoDateTime.nullable(),
    inquiryIds: z.array(Uuid),
    assetsFound: z.number().int(),
    valueFound: MoneyString,
  })
  .meta({ id: 'RecheckView' });
export type RecheckView = z.infer<typeof RecheckView>;

export const AlertAsset = z.object({
  institutionCode: z.string(),
  kind: z.string(),
  identifier: z.string(),
  description: z.string(),
  balance: MoneyString.nullable(),
  indicativeValue: MoneyString.nullable(),
});

export const ClosingAlertView = z
  .object({
    id: Uuid,
    caseId: Uuid,
    caseNo: z.string(),
    recheckId: Uuid,
    at: IsoDateTime,
    assetCount: z.number().int(),
    valueFound: MoneyString,
    assets: z.array(AlertAsset),
  })
  .meta({ id: 'ClosingAlertView' });
export type ClosingAlertView = z.infer<typeof ClosingAlertView>;

export const ClosingView = z
  .object({
    caseId: Uuid,
    caseNo: z.string(),
    status: CaseStatus,
    filedAt: IsoDateTime,
    outstandingAmount: MoneyString,
    /** 执行完毕 is possible: the case is open and nothing is outstanding. */
    canCloseSatisfied: z.boolean(),
    /** 终本 conditions, each met or missing (all must hold). */
    conditions: z.array(ClosingCondition),
    canTerminate: z.boolean(),
    interviews: z.array(InterviewView),
    rechecks: z.array(RecheckView),
    alerts: z.array(ClosingAlertView),
  })
  .meta({ id: 'ClosingView' });
export type ClosingView = z.infer<typeof ClosingView>;

export const CloseSatisfiedBody = z.strictObject({}).meta({ id: 'CloseSatisfiedBody' });

export const TerminateBody = z
  .strictObject({
    note: z.string().trim().max(2000).optional().meta({ description: 'What the ruling records, e.g. the property search done' }),
  })
  .meta({ id: 'TerminateBody' });
export type TerminateBody = z.infer<typeof TerminateBody>;

export const RestoreBody = z
  .strictObject({
    reason: z.string().trim().min(2, '请说明恢复执行的理由 / Give the reason for restoring enforcement').max(2000),
  })
  .meta({ id: 'RestoreBody' });
export type RestoreBody = z.infer<typeof RestoreBody>;

export const AlertsQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(365),
});
