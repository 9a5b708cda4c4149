import { randomUUID } from 'node:crypto';
import { checkRelistTiming, MAX_ROUNDS } from '../../../shared/auction-rules';
import { formatMoney } from '../../../shared/money';
import type { RelistBody } from '../../../shared/schemas/auctions';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { auctionForStaff } from './auction-access';
import { pushAfterCommit } from './auction-events';
import { ruleViolation, settingsViolations, toSettings } from './auction-settings';
import { activeAuctionOfAsset, auctionById, insertAuction, panelOf, relistingOf, type AuctionRow } from './auction.store';
import { lockAsset, measureToSell } from './draft-auction';

/**
 * Relists an unsold first auction (网拍 Art. 26): a new auction, round 2, linked to it, on the same reference price (the
 * first announcement was within its validity, 参考价 Art. 27). Bidding must start within 30 days of the failure, the
 * starting price may be cut by at most 20 % of the previous one, the announcement comes ≥ 7 days (movables) or ≥ 15
 * days (real estate, property rights) ahead. What the body leaves out is taken from the unsold auction. It is a draft:
 * the panel approves it as any other (网拍 Art. 27 names the cut among what the panel decides).
 */
export async function relistAuction(ctx: AppContext, actor: Actor, auctionId: string, body: RelistBody): Promise<AuctionRow> {
  const previous = await auctionForStaff(ctx.db, actor, auctionId);
  if (previous.status !== 'unsold' || previous.round >= MAX_ROUNDS) {
    throw new AppError(
      'RELIST_NOT_ALLOWED',
      previous.round >= MAX_ROUNDS && previous.status === 'unsold'
        ? '再次拍卖流拍的，应依法变卖，不再拍卖（网拍第26条第2款） / After a second failure the asset goes to a fixed-price sale, not a third auction (网拍 Art. 26 para 2)'
        : `只有流拍的拍卖可以再次拍卖，该拍卖为${previous.status}（网拍第26条） / Only an unsold auction can be relisted; this one is ${previous.status} (网拍 Art. 26)`,
    );
  }
  const { measure } = await measureToSell(ctx.db, actor, previous.measureId);
  const now = ctx.clock.now();
  const members = await panelOf(ctx.db, [previous.id]);
  const panel = body.panel ?? members.map((m) => m.userId);
  const merged = {
    ...body,
    title: body.title ?? previous.title,
    description: body.description ?? previous.description,
    balanceDueDays: body.balanceDueDays ?? previous.balanceDueDays,
    proxyBidding: body.proxyBidding ?? previous.proxyBidding,
    disclosures: body.disclosures ?? previous.disclosures,
    priorityHolders: body.priorityHolders ?? previous.priorityHolders,
    panel,
  };
  const settings = toSettings(merged);
  const context = {
    assetKind: previous.assetKind as never,
    now,
    round: previous.round + 1,
    reference: { amount: previous.referencePrice, validUntil: previous.referenceValidUntil },
    previous: { startingPrice: previous.startingPrice, endedAt: previous.endedAt!, firstAnnouncedAt: previous.firstAnnouncedAt! },
  };
  const violations = await settingsViolations(ctx.db, previous.courtId, settings, panel, context);
  // 网拍 Art. 26: beyond the 30th day no relisting is possible at all; say so even when the dates given are silent.
  const late = checkRelistTiming(previous.endedAt!, settings.biddingStartsAt, now);
  if (!late.ok && !violations.some((v) => v.code === 'RELIST_TOO_LATE')) violations.unshift(late.violation);
  if (violations.length) throw ruleViolation(violations);

  const result = await ctx.db.transaction(async (tx) => {
    await lockAsset(tx, previous.assetId);
    const again = await relistingOf(tx, previous.id);
    if (again) throw new AppError('AUCTION_EXISTS', '该拍卖已再次拍卖 / This auction has already been relisted', { auctionId: again.id });
    const existing = await activeAuctionOfAsset(tx, previous.assetId);
    if (existing) throw new AppError('AUCTION_EXISTS', `该财产已有拍卖（${existing.status}） / This asset already has an auction (${existing.status})`, { auctionId: existing.id });
    const stillUnsold = await auctionById(tx, previous.id);
    if (stillUnsold?.status !== 'unsold') throw new AppError('RELIST_NOT_ALLOWED', '该拍卖已不是流拍状态 / This auction is no longer unsold');
    const row: AuctionRow = {
      ...previous,
      id: randomUUID(),
      measureId: measure.id,
      title: merged.title,
      description: merged.description,
      city: body.city ?? previous.city,
      round: previous.round + 1,
      previousAuctionId: previous.id,
      status: 'draft',
      version: 1,
      seq: 1,
      startingPrice: formatMoney(body.startingPrice),
      deposit: formatMoney(body.deposit),
      increment: formatMoney(body.increment),
      announcementAt: settings.announcementAt,
      biddingStartsAt: settings.biddingStartsAt,
      biddingEndsAt: settings.biddingEndsAt,
      balanceDueDays: merged.balanceDueDays,
      proxyBidding: merged.proxyBidding,
      bidSeq: 0,
      leadingBidId: null,
      disclosures: merged.disclosures as AuctionRow['disclosures'],
      priorityHolders: merged.priorityHolders,
      createdBy: actor.userId!,
      createdAt: now,
      updatedBy: actor.userId!,
      updatedAt: now,
      approvedAt: null,
      announcedAt: null,
      firstAnnouncedAt: previous.firstAnnouncedAt,
      liveAt: null,
      endedAt: null,
      suspendedFrom: null,
      suspendedAt: null,
      suspensionReason: null,
      resumedAt: null,
      withdrawnAt: null,
      withdrawalReason: null,
      fixedPrice: null,
      fixedPriceStartsAt: null,
      fixedPriceEndsAt: null,
    };
    await insertAuction(tx, row, panel);
    const notify = await pushAfterCommit(ctx, tx, row);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.relisted',
      entityType: 'auction',
      entityId: row.id,
      caseId: row.caseId,
      data: {
        round: row.round,
        previousAuctionId: previous.id,
        previousStartingPrice: formatMoney(previous.startingPrice),
        startingPrice: row.startingPrice,
        unsoldAt: previous.endedAt!.toISOString(),
        announcementAt: row.announcementAt.toISOString(),
        biddingStartsAt: row.biddingStartsAt.toISOString(),
        panel,
      },
    });
    return { row, notify };
  });
  result.notify();
  return result.row;
}
