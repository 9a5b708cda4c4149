import { EDITABLE_STATUSES } from '../../../shared/auction-rules';
import type { AuctionSettingsBody } from '../../../shared/schemas/auctions';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { auctionForStaff } from './auction-access';
import { ruleContextOf } from './auction-context';
import { pushAfterCommit } from './auction-events';
import { referenceColumns, ruleViolation, settingsColumns, settingsViolations, toSettings } from './auction-settings';
import { auctionForUpdate, replacePanel, updateAuction, type AuctionRow } from './auction.store';
import { measureToSell } from './draft-auction';

const notEditable = (status: string) =>
  new AppError('AUCTION_NOT_EDITABLE', `拍卖已公告（${status}），不能修改；如需变更请撤回 / The auction is ${status}; once announced it cannot be edited, only withdrawn`);

/**
 * Replaces the settings of a draft or approved auction. Every rule is checked again; an approved auction goes back to
 * draft and the panel's approvals lapse (they were given to other settings: 网拍 Art. 27).
 */
export async function updateAuctionSettings(ctx: AppContext, actor: Actor, auctionId: string, body: AuctionSettingsBody): Promise<AuctionRow> {
  const current = await auctionForStaff(ctx.db, actor, auctionId);
  if (!(EDITABLE_STATUSES as readonly string[]).includes(current.status)) throw notEditable(current.status);
  await measureToSell(ctx.db, actor, current.measureId);
  const now = ctx.clock.now();
  const { context, reference } = await ruleContextOf(ctx.db, current, now);
  const settings = toSettings(body);
  const violations = await settingsViolations(ctx.db, current.courtId, settings, body.panel, context);
  if (violations.length) throw ruleViolation(violations);

  const result = await ctx.db.transaction(async (tx) => {
    const locked = (await auctionForUpdate(tx, auctionId))!;
    if (!(EDITABLE_STATUSES as readonly string[]).includes(locked.status)) throw notEditable(locked.status);
    if (locked.version !== current.version) throw new AppError('CONFLICT', '拍卖已被他人修改，请刷新后重试 / Someone else changed the auction; reload and try again');
    const row = await updateAuction(tx, auctionId, {
      title: body.title,
      description: body.description,
      ...(body.city ? { city: body.city } : {}),
      status: 'draft',
      version: locked.version + 1,
      approvedAt: null,
      ...(reference ? referenceColumns(reference) : {}),
      ...settingsColumns(body, settings),
      updatedBy: actor.userId!,
      updatedAt: now,
    });
    await replacePanel(tx, auctionId, body.panel);
    const notify = await pushAfterCommit(ctx, tx, row);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.updated',
      entityType: 'auction',
      entityId: auctionId,
      caseId: row.caseId,
      data: {
        version: row.version,
        backToDraft: locked.status === 'approved',
        startingPrice: row.startingPrice,
        deposit: row.deposit,
        increment: row.increment,
        announcementAt: row.announcementAt.toISOString(),
        biddingStartsAt: row.biddingStartsAt.toISOString(),
        biddingEndsAt: row.biddingEndsAt.toISOString(),
        panel: body.panel,
      },
    });
    return { row, notify };
  });
  result.notify();
  return result.row;
}
