import { z } from 'zod';
import { AssetKind, Encumbrance, InstitutionKind } from '../institution-protocol';
import { IsoDateTime, MoneyString, PageQuery, Uuid, pageOf } from './common';

export const StartInquiryBody = z.strictObject({
  partyId: Uuid.meta({ description: 'A debtor of the case' }),
  kinds: z.array(InstitutionKind).min(1).max(8).optional().meta({ description: 'Only institutions of these kinds; all when left out' }),
});

export const InquiryProgress = z
  .object({
    id: Uuid,
    caseId: Uuid,
    partyId: Uuid,
    debtorName: z.string(),
    kinds: z.array(z.string()).nullable(),
    status: z.enum(['running', 'completed']),
    total: z.number().int(),
    answered: z.number().int(),
    failed: z.number().int(),
    timedOut: z.number().int(),
    pending: z.number().int(),
    percent: z.number().int().meta({ description: 'Settled (answered, failed or timed out) share, 0–100' }),
    assetsFound: z.number().int(),
    balanceFound: MoneyString,
    startedAt: IsoDateTime,
    completedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'InquiryProgress', description: 'Also pushed over socket.io as `inquiry.progress`' });
export type InquiryProgress = z.infer<typeof InquiryProgress>;

export const TargetStatus = z.enum(['pending', 'answered', 'failed', 'timed_out']);
export const TargetsQuery = PageQuery.extend({ status: TargetStatus.optional() });

export const TargetView = z
  .object({
    institutionCode: z.string(),
    institutionName: z.string(),
    kind: z.string(),
    mode: z.enum(['auto', 'manual']).meta({ description: 'manual: answered by the institution\'s operator in the inbox' }),
    status: TargetStatus,
    assetCount: z.number().int(),
    balanceFound: MoneyString,
    error: z.string().nullable(),
    settledAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'InquiryTarget' });
export const TargetPage = pageOf(TargetView, 'InquiryTargetPage');

export const AssetView = z
  .object({
    id: Uuid,
    debtorIdNumber: z.string(),
    debtorName: z.string(),
    institutionCode: z.string(),
    institutionName: z.string(),
    kind: AssetKind,
    identifier: z.string(),
    description: z.string(),
    balance: MoneyString.nullable(),
    indicativeValue: MoneyString.nullable(),
    encumbrances: z.array(Encumbrance),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'DebtorAsset' });
export type AssetView = z.infer<typeof AssetView>;

export const JournalEntryView = z
  .object({
    seq: z.number().int(),
    at: IsoDateTime,
    messageId: z.string(),
    correlationId: z.string(),
    institutionCode: z.string(),
    type: z.string(),
    direction: z.enum(['request', 'reply', 'error', 'callback', 'handoff']),
    attempt: z.number().int(),
    httpStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    error: z.string().nullable(),
    payload: z.unknown(),
  })
  .meta({ id: 'JournalEntry' });
export const JournalPage = pageOf(JournalEntryView, 'JournalPage');
export const JournalQuery = PageQuery.extend({ institutionCode: z.string().max(40).optional() });
