import { z } from 'zod';
import { AssetKind } from '../institution-protocol';
import { IsoDateTime, MoneyString, PageQuery, PositiveMoneyString, Uuid, pageOf } from './common';

export const NoticeStatus = z.enum(['new', 'executed', 'rejected']);

export const NoticeView = z
  .object({
    id: Uuid,
    institutionCode: z.string(),
    type: z.enum(['inquiry', 'freeze', 'seize', 'renew', 'release', 'lapse', 'deduct']),
    caseNo: z.string(),
    courtName: z.string(),
    officialName: z.string(),
    body: z.record(z.string(), z.unknown()).meta({ description: 'The notice as sent: debtor, asset, amount, term…' }),
    status: NoticeStatus,
    result: z.record(z.string(), z.unknown()).nullable(),
    reason: z.string().nullable(),
    receivedAt: IsoDateTime,
    answeredAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'InboxNotice' });
export type NoticeView = z.infer<typeof NoticeView>;
export const NoticePage = pageOf(NoticeView, 'InboxNoticePage');
export const NoticesQuery = PageQuery.extend({ status: NoticeStatus.optional() });

export const FoundAsset = z.strictObject({
  kind: AssetKind,
  identifier: z.string().trim().min(2).max(100),
  description: z.string().trim().min(2).max(200),
  balance: MoneyString.optional(),
  indicativeValue: MoneyString.optional(),
});

/** What the operator reports after executing a notice; which fields apply depends on the notice's type. */
export const ExecuteNoticeBody = z
  .strictObject({
    assets: z.array(FoundAsset).max(50).optional().meta({ description: 'inquiry: what the institution holds (empty: nothing)' }),
    rank: z.number().int().min(1).max(99).optional().meta({ description: 'freeze/seize: 1 = first rank, n = queued in position n' }),
    frozenAmount: MoneyString.optional().meta({ description: 'freeze: the amount actually frozen' }),
    measureRef: z.string().trim().min(2).max(60).optional().meta({ description: 'freeze/seize: the institution\'s reference' }),
    deductedAmount: PositiveMoneyString.optional().meta({ description: 'deduct: the amount transferred' }),
    transferRef: z.string().trim().min(2).max(60).optional(),
  })
  .meta({ id: 'ExecuteNotice' });
export type ExecuteNoticeBody = z.infer<typeof ExecuteNoticeBody>;

export const RejectNoticeBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const WebhookBody = z.strictObject({
  url: z.url().max(500).nullable().meta({ description: 'null removes the webhook' }),
});
