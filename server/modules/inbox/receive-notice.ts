import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { institutionByCode } from '../institutions';
import type { OutboxEnvelope, OutboxRow } from '../network';
import { insertNotice, type NoticeRow } from './inbox.store';
import { toNoticeView } from './inbox-view';
import type { WebhookNotifier } from './webhook-notifier';

type NoticeFields = Pick<NoticeRow, 'id' | 'institutionCode' | 'source' | 'sourceId' | 'type' | 'caseId' | 'caseNo' | 'courtName' | 'officialName' | 'body'>;

/** A notice just received: new, unanswered. */
function newNotice(ctx: AppContext, fields: NoticeFields): NoticeRow {
  return { ...fields, status: 'new', result: null, reason: null, receivedAt: ctx.clock.now(), answeredAt: null, answeredBy: null };
}

/** After commit: tell the institution's operators (socket room) and its webhook. */
function announce(ctx: AppContext, webhooks: WebhookNotifier, notice: NoticeRow): () => void {
  return () => {
    void institutionByCode(ctx.db, notice.institutionCode).then((institution) => {
      if (!institution) return;
      ctx.realtime.toRoom(`institution:${institution.id}`, 'inbox.notice', toNoticeView(notice));
      if (institution.webhookUrl) webhooks.notify(institution.code, institution.webhookUrl, notice);
    });
  };
}

/** An order from the outbox to a manual institution becomes a notice in its inbox (inside the outbox's transaction). */
export async function receiveOrder(ctx: AppContext, webhooks: WebhookNotifier, tx: Db, message: OutboxRow): Promise<() => void> {
  const { meta, body } = message.envelope as OutboxEnvelope;
  const notice = newNotice(ctx, {
    id: message.id,
    institutionCode: message.institutionCode,
    source: 'order',
    sourceId: message.id,
    type: message.type,
    caseId: message.caseId,
    caseNo: meta.caseNo,
    courtName: meta.court.name,
    officialName: meta.official.name,
    body,
  });
  await insertNotice(tx, notice);
  return announce(ctx, webhooks, notice);
}

/** An inquiry to a manual institution becomes a notice; the inquiry's target stays pending until it is answered. */
export async function receiveInquiry(
  ctx: AppContext,
  webhooks: WebhookNotifier,
  input: { messageId: string; inquiryId: string; institutionCode: string; caseId: string; caseNo: string; courtName: string; officialName: string; debtor: unknown },
): Promise<void> {
  const notice = newNotice(ctx, {
    id: input.messageId,
    institutionCode: input.institutionCode,
    source: 'inquiry',
    sourceId: input.inquiryId,
    type: 'inquiry',
    caseId: input.caseId,
    caseNo: input.caseNo,
    courtName: input.courtName,
    officialName: input.officialName,
    body: { debtor: input.debtor },
  });
  await insertNotice(ctx.db, notice);
  announce(ctx, webhooks, notice)();
}
