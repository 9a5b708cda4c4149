import { createHash } from 'node:crypto';
import type { Asset, Reply } from '../../../shared/institution-protocol';
import { add, compareMoney, formatMoney } from '../../../shared/money';
import type { ExecuteNoticeBody } from '../../../shared/schemas/inbox';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { institutionById } from '../institutions';
import { completeFromInbox, type ReplyHandler } from '../network';
import { closeNotice, noticeById, type NoticeRow } from './inbox.store';

export interface AnswerDeps {
  /** Applies an order's reply (the measures module), as the outbox worker would for an automatic institution. */
  onReply: ReplyHandler;
  /** Records an inquiry answer (the inquiry module). */
  answerInquiry: (inquiryId: string, result: { institutionCode: string; status: 'answered' | 'failed'; assets: Asset[]; error: string | null; balance: string }) => Promise<void>;
}

/** A notice of the operator's own institution; others answer 404 (an operator sees only their own notices). */
export async function noticeVisibleTo(ctx: AppContext, actor: Actor, id: string): Promise<NoticeRow> {
  const notice = await noticeById(ctx.db, id);
  const institution = actor.institutionId ? await institutionById(ctx.db, actor.institutionId) : undefined;
  if (!notice || !institution || notice.institutionCode !== institution.code) throw notFound('notice', '通知');
  return notice;
}

const alreadyAnswered = () => new AppError('NOTICE_ANSWERED', '该通知已处理 / This notice has already been answered');

const assetRef = (code: string, identifier: string) => `${code}-${createHash('sha256').update(identifier).digest('hex').slice(0, 12)}`;

/** The operator executed the notice and reports the result. */
export async function executeNotice(ctx: AppContext, deps: AnswerDeps, actor: Actor, id: string, input: ExecuteNoticeBody): Promise<NoticeRow> {
  const notice = await noticeVisibleTo(ctx, actor, id);
  if (notice.status !== 'new') throw alreadyAnswered();
  const now = ctx.clock.now();
  const body = notice.body as Record<string, unknown>;

  if (notice.source === 'inquiry') {
    const assets: Asset[] = (input.assets ?? []).map((a) => ({
      assetRef: assetRef(notice.institutionCode, a.identifier),
      kind: a.kind,
      identifier: a.identifier,
      description: a.description,
      balance: a.balance ? formatMoney(a.balance) : null,
      indicativeValue: a.indicativeValue ? formatMoney(a.indicativeValue) : null,
      encumbrances: [],
    }));
    const result = { assets };
    const closed = await ctx.db.transaction(async (tx) => {
      if (!(await closeNotice(tx, id, { status: 'executed', result, reason: null, answeredAt: now, answeredBy: actor.userId }))) return false;
      await recordAudit(tx, ctx.clock, actor, { action: 'notice.executed', entityType: 'notice', entityId: id, caseId: notice.caseId, data: { type: 'inquiry', institution: notice.institutionCode, assets: assets.length } });
      return true;
    });
    if (!closed) throw alreadyAnswered();
    await deps.answerInquiry(notice.sourceId, {
      institutionCode: notice.institutionCode,
      status: 'answered',
      assets,
      error: null,
      balance: formatMoney(add(...assets.map((a) => a.balance ?? '0'))),
    });
    return (await noticeById(ctx.db, id))!;
  }

  const reply = orderReply(notice, body, input, now);
  const after = await ctx.db.transaction(async (tx) => {
    if (!(await closeNotice(tx, id, { status: 'executed', result: reply, reason: null, answeredAt: now, answeredBy: actor.userId }))) {
      throw alreadyAnswered();
    }
    const message = await completeFromInbox(tx, notice.sourceId, reply, now);
    const applied = message ? await deps.onReply(tx, message, reply) : undefined;
    await recordAudit(tx, ctx.clock, actor, { action: 'notice.executed', entityType: 'notice', entityId: id, caseId: notice.caseId, data: { type: notice.type, institution: notice.institutionCode, rank: reply.rank ?? null, frozenAmount: reply.frozenAmount ?? null } });
    return applied;
  });
  after?.();
  return (await noticeById(ctx.db, id))!;
}

/** The operator cannot execute the notice and says why; the court sees the reason. */
export async function rejectNotice(ctx: AppContext, deps: AnswerDeps, actor: Actor, id: string, reason: string): Promise<NoticeRow> {
  const notice = await noticeVisibleTo(ctx, actor, id);
  if (notice.status !== 'new') throw alreadyAnswered();
  const now = ctx.clock.now();
  if (notice.source === 'inquiry') {
    await ctx.db.transaction(async (tx) => {
      if (!(await closeNotice(tx, id, { status: 'rejected', result: null, reason, answeredAt: now, answeredBy: actor.userId }))) {
        throw alreadyAnswered();
      }
      await recordAudit(tx, ctx.clock, actor, { action: 'notice.rejected', entityType: 'notice', entityId: id, caseId: notice.caseId, data: { type: 'inquiry', institution: notice.institutionCode, reason } });
    });
    await deps.answerInquiry(notice.sourceId, { institutionCode: notice.institutionCode, status: 'failed', assets: [], error: reason, balance: '0.00' });
    return (await noticeById(ctx.db, id))!;
  }
  const reply: Reply = { messageId: notice.sourceId, correlationId: '', institution: notice.institutionCode, status: 'rejected', repliedAt: now.toISOString(), reason, signature: '' };
  const after = await ctx.db.transaction(async (tx) => {
    if (!(await closeNotice(tx, id, { status: 'rejected', result: null, reason, answeredAt: now, answeredBy: actor.userId }))) {
      throw alreadyAnswered();
    }
    const message = await completeFromInbox(tx, notice.sourceId, { ...reply, correlationId: '' }, now);
    const applied = message ? await deps.onReply(tx, message, { ...reply, correlationId: message.correlationId }) : undefined;
    await recordAudit(tx, ctx.clock, actor, { action: 'notice.rejected', entityType: 'notice', entityId: id, caseId: notice.caseId, data: { type: notice.type, institution: notice.institutionCode, reason } });
    return applied;
  });
  after?.();
  return (await noticeById(ctx.db, id))!;
}

/** The reply an automatic institution would have sent, from what the operator reports. Checks it against the notice. */
function orderReply(notice: NoticeRow, body: Record<string, unknown>, input: ExecuteNoticeBody, now: Date): Reply {
  const base = { messageId: notice.sourceId, correlationId: '', institution: notice.institutionCode, status: 'executed' as const, repliedAt: now.toISOString(), signature: '' };
  const ref = input.measureRef ?? `${notice.institutionCode}-${notice.id.slice(0, 8)}`;
  switch (notice.type) {
    case 'freeze': {
      const requested = String(body.amount ?? '0');
      const frozen = input.frozenAmount ?? requested;
      if (compareMoney(frozen, requested) > 0) {
        throw new AppError('VALIDATION_FAILED', `冻结金额不能超过通知金额${requested} / The frozen amount cannot exceed the ${requested} requested`, { where: 'body', issues: [{ path: ['frozenAmount'], code: 'custom', message: `≤ ${requested}` }] });
      }
      return { ...base, measureRef: ref, rank: input.rank ?? 1, frozenAmount: formatMoney(frozen), effectiveUntil: String(body.until) };
    }
    case 'seize':
      return { ...base, measureRef: ref, rank: input.rank ?? 1, effectiveUntil: String(body.until) };
    case 'renew':
      return { ...base, measureRef: String(body.measureRef), effectiveUntil: String(body.until) };
    case 'release':
    case 'lapse':
      return { ...base, measureRef: String(body.measureRef) };
    case 'deduct': {
      const amount = input.deductedAmount ?? String(body.amount);
      if (compareMoney(amount, String(body.amount)) > 0) {
        throw new AppError('VALIDATION_FAILED', '扣划金额不能超过通知金额 / The amount transferred cannot exceed the amount ordered', { where: 'body', issues: [{ path: ['deductedAmount'], code: 'custom', message: `≤ ${String(body.amount)}` }] });
      }
      return { ...base, measureRef: String(body.measureRef), deductedAmount: formatMoney(amount), transferRef: input.transferRef ?? `TR-${notice.id.slice(0, 8)}` };
    }
    default:
      throw new AppError('VALIDATION_FAILED', `unknown notice type ${notice.type}`);
  }
}
