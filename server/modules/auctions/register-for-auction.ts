import { randomUUID } from 'node:crypto';
import type { RegisterForAuctionBody } from '../../../shared/schemas/bidding';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { eligibleBidder, type BiddingDeps } from './bidder-checks';
import { isPublic } from './auction-view';
import { auctionById, auctionForUpdate, type AuctionRow } from './auction.store';
import { registrationOpen } from './bidding.rules';
import { holderRegistered, insertRegistration, registrationOf, type RegistrationRow } from './bidding.store';

export function registrationClosed(auction: AuctionRow): AppError {
  return new AppError(
    'REGISTRATION_CLOSED',
    `报名及交纳保证金应在竞价程序结束前，该拍卖当前为${auction.status}（网拍第18条） / Registration and the deposit must come before bidding ends; this auction is ${auction.status} (网拍 Art. 18)`,
    { status: auction.status, biddingEndsAt: auction.biddingEndsAt.toISOString() },
  );
}

export function alreadyRegistered(): AppError {
  return new AppError('ALREADY_REGISTERED', '您已报名参加该拍卖（网拍第18条） / You have already registered for this auction (网拍 Art. 18)');
}

/**
 * A bidder registers for a published auction, from its announcement until bidding ends (网拍 Art. 18), after the
 * checks of `eligibleBidder` (real name, not staff, not a reneger of the asset, the purchase qualification of real
 * estate). A bidder whose verified name is one of the priority-right holders the court confirmed in the auction's
 * settings registers as that holder, with its rank (网拍 Art. 19; each holder once). The deposit is paid next
 * (`payDeposit`); the bidder code comes when the bank confirms it. Registering twice is refused.
 */
export async function registerForAuction(ctx: AppContext, deps: BiddingDeps, actor: Actor, auctionId: string, body: RegisterForAuctionBody): Promise<RegistrationRow> {
  const auction = await auctionById(ctx.db, auctionId);
  if (!auction || !isPublic(auction)) throw notFound('auction', '拍卖');
  const now = ctx.clock.now();
  if (!registrationOpen(auction.status, auction.biddingEndsAt, now)) throw registrationClosed(auction);
  if (actor.userId && (await registrationOf(ctx.db, auctionId, actor.userId))) throw alreadyRegistered();
  const { user, eligibilityRef } = await eligibleBidder(ctx, deps, actor, auction, body.qualificationPledge);

  return ctx.db.transaction(async (tx) => {
    // The auction's row lock orders registration against the close and against a second registration of the user.
    const locked = (await auctionForUpdate(tx, auctionId))!;
    if (!registrationOpen(locked.status, locked.biddingEndsAt, now)) throw registrationClosed(locked);
    if (await registrationOf(tx, auctionId, user.id)) throw alreadyRegistered();
    const named = locked.priorityHolders.find((h) => h.name.trim() === user.identityName.trim()) ?? null;
    // A holder the court confirmed registers once as such; a namesake after that bids as an ordinary bidder (网拍 Art. 19).
    const holder = named && !(await holderRegistered(tx, auctionId, named.name.trim())) ? named : null;
    const row: RegistrationRow = {
      id: randomUUID(),
      auctionId,
      assetId: locked.assetId,
      userId: user.id,
      bidderCode: null,
      priorityRank: holder?.rank ?? null,
      priorityHolder: holder?.name.trim() ?? null,
      depositAmount: locked.deposit,
      depositState: 'unpaid',
      qualificationPledge: body.qualificationPledge === true,
      eligibilityRef,
      registeredAt: now,
      qualifiedAt: null,
    };
    try {
      await insertRegistration(tx, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyRegistered();
      throw err;
    }
    // Not on the case's timeline: who registers stays secret until the end (网拍 Art. 18 para 2).
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.bidder_registered',
      entityType: 'auction_registration',
      entityId: row.id,
      data: { auctionId, priorityRank: row.priorityRank, qualificationPledge: row.qualificationPledge, eligibilityRef },
    });
    return row;
  });
}
