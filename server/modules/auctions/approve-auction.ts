import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { auctionVisibleTo, requireStaff } from './auction-access';
import { ruleContextOf } from './auction-context';
import { pushAfterCommit } from './auction-events';
import { ruleViolation, settingsViolations } from './auction-settings';
import { approvalsNeeded } from './auction-view';
import { approvalCount, auctionForUpdate, insertApproval, panelOf, updateAuction, type AuctionRow } from './auction.store';
import { measureToSell } from './draft-auction';

/**
 * A panel member's approval of the current settings (网拍 Art. 27: the collegial panel decides the starting price, its
 * cut, the increment, the deposit and the priority holders). Only members with approval rights vote; the auction is
 * approved when a majority of the panel has approved the same version, so the drafting judge alone never suffices.
 * The settings are checked again first: time may have made them unlawful (an announcement date now past, an expired
 * reference price).
 */
export async function approveAuction(ctx: AppContext, actor: Actor, auctionId: string): Promise<AuctionRow> {
  const visible = await auctionVisibleTo(ctx.db, actor, auctionId);
  requireStaff(actor);
  await measureToSell(ctx.db, actor, visible.measureId);
  const now = ctx.clock.now();

  const result = await ctx.db.transaction(async (tx) => {
    const row = (await auctionForUpdate(tx, auctionId))!;
    if (row.status === 'approved') throw new AppError('AUCTION_ALREADY_APPROVED', '合议庭已批准该拍卖 / The panel has already approved this auction');
    if (row.status !== 'draft') throw new AppError('AUCTION_WRONG_STATE', `只能批准草稿，该拍卖为${row.status} / Only a draft can be approved; this auction is ${row.status}`);
    const members = await panelOf(tx, [auctionId]);
    if (!members.some((m) => m.userId === actor.userId)) {
      throw new AppError('PANEL_MEMBER_REQUIRED', '只有合议庭成员可以批准拍卖设置（网拍第27条） / Only a member of the collegial panel may approve the settings (网拍 Art. 27)');
    }
    if (!actor.canApprove) throw new AppError('FORBIDDEN', '您没有审批权限 / You have no right to approve');

    const { context, reference } = await ruleContextOf(tx, row, now);
    if (reference && reference.valuationId !== row.valuationId) {
      throw new AppError('REFERENCE_PRICE_CHANGED', '参考价已重新确定，请按新参考价修改拍卖设置 / The reference price has changed; edit the settings against the new one');
    }
    const violations = await settingsViolations(
      tx,
      row.courtId,
      {
        startingPrice: row.startingPrice,
        deposit: row.deposit,
        increment: row.increment,
        announcementAt: row.announcementAt,
        biddingStartsAt: row.biddingStartsAt,
        biddingEndsAt: row.biddingEndsAt,
        balanceDueDays: row.balanceDueDays,
        disclosures: row.disclosures,
        priorityHolders: row.priorityHolders,
      },
      members.map((m) => m.userId),
      context,
    );
    if (violations.length) throw ruleViolation(violations);

    if (!(await insertApproval(tx, auctionId, row.version, actor.userId!, now))) {
      throw new AppError('AUCTION_ALREADY_APPROVED', '您已批准该版本的拍卖设置 / You have already approved this version of the settings');
    }
    const approvals = await approvalCount(tx, auctionId, row.version);
    const needed = approvalsNeeded(members.length);
    const approved = approvals >= needed;
    const updated = approved ? await updateAuction(tx, auctionId, { status: 'approved', approvedAt: now, updatedAt: now }) : await updateAuction(tx, auctionId, { updatedAt: now });
    const notify = await pushAfterCommit(ctx, tx, updated);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.panel_vote',
      entityType: 'auction',
      entityId: auctionId,
      caseId: row.caseId,
      data: { version: row.version, approvals, needed },
    });
    if (approved) {
      await recordAudit(tx, ctx.clock, actor, {
        action: 'auction.approved',
        entityType: 'auction',
        entityId: auctionId,
        caseId: row.caseId,
        data: { version: row.version, approvals, needed, panel: members.map((m) => m.userId), announcementAt: row.announcementAt.toISOString() },
      });
    }
    return { updated, notify };
  });
  result.notify();
  return result.updated;
}
