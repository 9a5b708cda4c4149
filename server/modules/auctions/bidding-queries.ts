import type { z } from 'zod';
import { nextMinimumBid } from '../../../shared/auction-rules';
import { formatMoney } from '../../../shared/money';
import type { ConfirmationLetterList, MyAuction, PublicBidLog, RegistrationView, SaleView } from '../../../shared/schemas/bidding';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { notFound } from '../../platform/errors';
import { listCourts } from '../courts';
import { paymentByRef, toPaymentView, type PaymentRow } from '../payments';
import { auctionVisibleTo } from './auction-access';
import { isPublic } from './auction-view';
import { auctionById, type AuctionRow } from './auction.store';
import { bidsOf, leadingBidOf, publishedLetters, registrationOf, registrationsOfUser, saleOf, type BidRow, type RegistrationRow, type SaleRow } from './bidding.store';

export async function toRegistrationView(db: Db, r: RegistrationRow): Promise<RegistrationView> {
  const payment = await paymentByRef(db, 'deposit', r.id);
  return {
    id: r.id,
    auctionId: r.auctionId,
    bidderCode: r.bidderCode,
    priorityRank: r.priorityRank,
    status: r.bidderCode ? 'qualified' : 'awaiting_deposit',
    deposit: { amount: formatMoney(r.depositAmount), state: r.depositState, payment: payment ? await toPaymentView(db, payment) : null },
    registeredAt: r.registeredAt.toISOString(),
    qualifiedAt: r.qualifiedAt?.toISOString() ?? null,
  };
}

/** The bidder's own registration for an auction: the code, the deposit and its refund. */
export async function myRegistration(ctx: AppContext, actor: Actor, auctionId: string): Promise<RegistrationView> {
  const r = actor.userId ? await registrationOf(ctx.db, auctionId, actor.userId) : undefined;
  if (!r) throw notFound('registration', '报名');
  return toRegistrationView(ctx.db, r);
}

/** The bidder's own auctions: every registration with its code, deposit and refund, and the sale where they bought. */
export async function myAuctions(ctx: AppContext, actor: Actor): Promise<MyAuction[]> {
  const rows = actor.userId ? await registrationsOfUser(ctx.db, actor.userId) : [];
  return Promise.all(
    rows.map(async (r) => {
      const [auction, sale] = await Promise.all([auctionById(ctx.db, r.auctionId), saleOf(ctx.db, r.auctionId)]);
      const mine = sale && sale.buyerId === actor.userId ? sale : undefined;
      return {
        ...(await toRegistrationView(ctx.db, r)),
        auction: {
          id: r.auctionId,
          title: auction!.title,
          status: auction!.status,
          biddingStartsAt: auction!.biddingStartsAt.toISOString(),
          biddingEndsAt: auction!.biddingEndsAt.toISOString(),
        },
        sale: mine ? { status: mine.status, balanceDueAt: mine.balanceDueAt?.toISOString() ?? null } : null,
      };
    }),
  );
}

const publicBid = (b: BidRow) => ({ seq: b.seq, bidderCode: b.bidderCode, priority: b.priorityRank !== null, amount: formatMoney(b.amount), at: b.at.toISOString(), auto: b.auto });

/** The public bid log of a published auction, by bidder codes only (网拍 Art. 18 para 2, 20 para 3). */
export async function publicBidLog(ctx: AppContext, auctionId: string): Promise<z.input<typeof PublicBidLog>> {
  const auction = await auctionById(ctx.db, auctionId);
  if (!auction || !isPublic(auction)) throw notFound('auction', '拍卖');
  const bids = await bidsOf(ctx.db, auctionId);
  const leading = await leadingBidOf(ctx.db, auctionId);
  return {
    auctionId,
    status: auction.status,
    startingPrice: formatMoney(auction.startingPrice),
    increment: formatMoney(auction.increment),
    leading: leading ? publicBid(leading) : null,
    nextMinimum: formatMoney(nextMinimumBid({ startingPrice: auction.startingPrice, increment: auction.increment }, leading ? { amount: leading.amount, priorityRank: leading.priorityRank } : null)),
    biddingEndsAt: auction.biddingEndsAt.toISOString(),
    bids: bids.map(publicBid),
    serverNow: ctx.clock.now().toISOString(),
  };
}

export const letterUrl = (auctionId: string) => `/api/public/auctions/${auctionId}/confirmation-letter`;

function toSaleView(sale: SaleRow, payment: Awaited<ReturnType<typeof toPaymentView>> | null): SaleView {
  return {
    auctionId: sale.auctionId,
    kind: sale.kind,
    status: sale.status,
    bidderCode: sale.bidderCode,
    price: formatMoney(sale.price),
    depositApplied: formatMoney(sale.depositApplied),
    balance: formatMoney(sale.balance),
    balanceDueAt: sale.balanceDueAt?.toISOString() ?? null,
    confirmationLetterUrl: letterUrl(sale.auctionId),
    ruling: sale.rulingNo && sale.ruledAt ? { no: sale.rulingNo, at: sale.ruledAt.toISOString() } : null,
    renegedAt: sale.renegedAt?.toISOString() ?? null,
    forfeiture: sale.forfeiture
      ? { deposit: sale.forfeiture.deposit, costs: sale.forfeiture.costs, shortfall: sale.forfeiture.shortfall, debts: sale.forfeiture.debts, settledAt: sale.forfeiture.settledAt, resaleAuctionId: sale.forfeiture.resaleAuctionId }
      : null,
    payment,
  };
}

/** The sale of an auction, for its buyer (with their payment) or the court's staff. */
export async function saleFor(ctx: AppContext, actor: Actor, auctionId: string): Promise<SaleView> {
  const sale = await saleOf(ctx.db, auctionId);
  if (actor.role === 'bidder') {
    if (!sale || sale.buyerId !== actor.userId) throw notFound('sale', '成交');
    const payment: PaymentRow | undefined = sale.kind === 'fixed_price' ? await paymentByRef(ctx.db, 'full_price', `${auctionId}:${sale.buyerId}`) : await paymentByRef(ctx.db, 'balance', auctionId);
    return toSaleView(sale, payment ? await toPaymentView(ctx.db, payment) : null);
  }
  await auctionVisibleTo(ctx.db, actor, auctionId);
  if (!sale) throw notFound('sale', '成交');
  return toSaleView(sale, null);
}

/** The confirmation letter as issued (printable HTML), public from the sale on (网拍 Art. 22). */
export async function confirmationLetter(ctx: AppContext, auctionId: string): Promise<string> {
  const sale = await saleOf(ctx.db, auctionId);
  if (!sale) throw notFound('confirmation letter', '成交确认书');
  return sale.letterHtml;
}

/** Every confirmation letter published, newest first. */
export async function confirmationLetters(ctx: AppContext, page: number, pageSize: number): Promise<z.input<typeof ConfirmationLetterList>> {
  const { rows, total } = await publishedLetters(ctx.db, page, pageSize);
  const courts = new Map((await listCourts(ctx.db)).map((c) => [c.id, c.name]));
  const auctions = new Map<string, AuctionRow>();
  for (const r of rows) auctions.set(r.auctionId, (await auctionById(ctx.db, r.auctionId))!);
  return {
    items: rows.map((r) => {
      const a = auctions.get(r.auctionId)!;
      return {
        auctionId: r.auctionId,
        title: a.title,
        courtName: courts.get(a.courtId) ?? '',
        caseNo: a.caseNo,
        buyerName: r.buyerName,
        price: formatMoney(r.price),
        issuedAt: r.letterIssuedAt.toISOString(),
        url: letterUrl(r.auctionId),
      };
    }),
    total,
    page,
    pageSize,
  };
}
