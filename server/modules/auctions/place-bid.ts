import { randomUUID } from 'node:crypto';
import { extendEnd, nextMinimumBid } from '../../../shared/auction-rules';
import { compareMoney, formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { publicRoomOf, pushAfterCommit } from './auction-events';
import { isPublic } from './auction-view';
import { auctionById, auctionForUpdate } from './auction.store';
import { insertBid, lastBidSeq, leadingBidOf, registrationOf, type BidRow } from './bidding.store';
import { updateAuction } from './auction.store';

export interface PlacedBid {
  bid: BidRow;
  leading: boolean;
  biddingEndsAt: Date;
  extended: boolean;
}

/**
 * A qualified bidder bids (网拍 Art. 20, 21). The bid's time is the server's receipt time, read when the request
 * arrives. In one transaction that locks the auction's row (ARCHITECTURE invariant 1: several processes may take bids
 * for one auction; nothing is checked outside the lock): the auction must be live and the receipt time before its end
 * (invariant 4); the amount at least the starting price (a lower bid is void, Art. 20) and at least the leading amount
 * plus the court's increment, except that a priority-right holder who would win the tie may match it (Art. 21,
 * `nextMinimumBid`); the bid is numbered in the auction; a bid in the last 5 minutes moves the end to its time + 5
 * minutes (Art. 20, `extendEnd`). The answer and the public event go out after the commit (invariant 2).
 */
export async function placeBid(ctx: AppContext, actor: Actor, auctionId: string, amountGiven: string): Promise<PlacedBid> {
  const at = ctx.clock.now();
  const found = await auctionById(ctx.db, auctionId);
  if (!found || !isPublic(found)) throw notFound('auction', '拍卖');
  const registration = actor.userId ? await registrationOf(ctx.db, auctionId, actor.userId) : undefined;
  if (!registration || registration.depositState !== 'held' || !registration.bidderCode) {
    throw new AppError('NOT_QUALIFIED', '交纳保证金并经确认后方取得竞买资格（网拍第17条、第18条） / Only a bidder whose deposit has been confirmed may bid (网拍 Art. 17, 18)');
  }
  const amount = formatMoney(amountGiven);
  const result = await ctx.db.transaction(async (tx) => {
    const auction = (await auctionForUpdate(tx, auctionId))!;
    if (auction.status !== 'live' || at.getTime() >= auction.biddingEndsAt.getTime()) {
      throw new AppError(
        'AUCTION_NOT_LIVE',
        `该拍卖不在竞价期间（${auction.status}，竞价至${auction.biddingEndsAt.toISOString()}）（网拍第20条） / This auction is not open for bids (${auction.status}, bidding until ${auction.biddingEndsAt.toISOString()}) (网拍 Art. 20)`,
        { status: auction.status, biddingEndsAt: auction.biddingEndsAt.toISOString() },
      );
    }
    const leading = await leadingBidOf(tx, auctionId);
    const minimum = nextMinimumBid({ startingPrice: auction.startingPrice, increment: auction.increment }, leading ? { amount: leading.amount, priorityRank: leading.priorityRank } : null, registration.priorityRank);
    if (compareMoney(amount, minimum) < 0) {
      const min = formatMoney(minimum);
      throw new AppError(
        'BID_TOO_LOW',
        leading
          ? `出价${amount}元低于当前最高价${formatMoney(leading.amount)}元加增价幅度${formatMoney(auction.increment)}元，最低${min}元（网拍第20条） / The bid ${amount} is below the leading ${formatMoney(leading.amount)} plus the increment ${formatMoney(auction.increment)}: at least ${min} (网拍 Art. 20)`
          : `出价${amount}元低于起拍价${min}元，出价无效（网拍第20条） / The bid ${amount} is below the starting price ${min} and void (网拍 Art. 20)`,
        { amount, minimum: min, leading: leading ? formatMoney(leading.amount) : null, increment: formatMoney(auction.increment) },
      );
    }
    const bid: BidRow = {
      id: randomUUID(),
      auctionId,
      registrationId: registration.id,
      bidderCode: registration.bidderCode!,
      priorityRank: registration.priorityRank,
      amount,
      at,
      seq: (await lastBidSeq(tx, auctionId)) + 1,
    };
    await insertBid(tx, bid);
    const endsAt = extendEnd(auction.biddingEndsAt, at);
    const extended = endsAt.getTime() !== auction.biddingEndsAt.getTime();
    const updated = await updateAuction(tx, auctionId, { biddingEndsAt: endsAt, updatedAt: at });
    const nowLeading = (await leadingBidOf(tx, auctionId))!;
    const notify = await pushAfterCommit(ctx, tx, updated);
    // Not on the case's timeline: the bid log is public by codes only (网拍 Art. 18 para 2, 20 para 3).
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.bid_placed',
      entityType: 'auction',
      entityId: auctionId,
      data: { seq: bid.seq, bidderCode: bid.bidderCode, amount, at: at.toISOString(), biddingEndsAt: endsAt.toISOString(), extended },
    });
    const event = {
      auctionId,
      seq: bid.seq,
      bidderCode: bid.bidderCode,
      priority: bid.priorityRank !== null,
      amount,
      at: at.toISOString(),
      leading: { bidderCode: nowLeading.bidderCode, amount: formatMoney(nowLeading.amount) },
      biddingEndsAt: endsAt.toISOString(),
      serverNow: ctx.clock.now().toISOString(),
    };
    return {
      placed: { bid, leading: nowLeading.id === bid.id, biddingEndsAt: endsAt, extended },
      notify: () => {
        notify();
        ctx.realtime.toPublic(publicRoomOf(auctionId), 'auction.bid', event);
      },
    };
  });
  result.notify();
  return result.placed;
}
