import type { CaseCreditView, CreditSearchResult, ListingView } from '../../../shared/schemas/credit';
import { formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { caseVisibleTo, partiesOf } from '../cases';
import { listingVisibleTo } from './credit-access';
import { listingsOfCase, ordersOfCase, searchCurrent, type ListingRow } from './credit.store';
import { toListingViews, toPublicListing } from './credit-view';
import { holidayCalendar } from './holiday-calendar';
import { toOrderView } from './restriction-orders';

/** The case's debtors, their listings and the restrictions ordered on their own (限制消费令), for the staff of its court. */
export async function caseCredit(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseCreditView> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  const [parties, rows, orders] = await Promise.all([partiesOf(ctx.db, [caseId]), listingsOfCase(ctx.db, caseId), ordersOfCase(ctx.db, caseId)]);
  const listed = new Set(rows.filter((r) => r.status === 'listed').map((r) => r.partyId));
  // 限高: restricted by a current listing or by an order in force alike.
  const restricted = new Set([...listed, ...orders.filter((o) => o.endedAt === null).map((o) => o.partyId)]);
  return {
    caseId,
    caseNo: theCase.caseNo,
    outstandingAmount: formatMoney(theCase.outstandingAmount),
    debtors: parties
      .filter((p) => p.role === 'debtor')
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ partyId: p.id, kind: p.kind, name: p.name, idNumber: p.idNumber, listed: listed.has(p.id), restricted: restricted.has(p.id) })),
    listings: await toListingViews(ctx.db, rows, ctx.clock.now(), holidayCalendar(ctx)),
    restrictionOrders: orders.map(toOrderView),
  };
}

export async function listingView(ctx: AppContext, row: ListingRow): Promise<ListingView> {
  const [view] = await toListingViews(ctx.db, [row], ctx.clock.now(), holidayCalendar(ctx));
  return view!;
}

export async function visibleListing(ctx: AppContext, actor: Actor, id: string): Promise<ListingView> {
  const { listing } = await listingVisibleTo(ctx, actor, id);
  return listingView(ctx, listing);
}

const SEARCH_LIMIT = 50;

/** Public search of the current list (失信 Art. 7: published to society): by a whole ID number, or by name. */
export async function searchList(ctx: AppContext, q: string): Promise<CreditSearchResult> {
  const rows = await searchCurrent(ctx.db, q.trim(), ctx.clock.now(), SEARCH_LIMIT + 1);
  return { items: rows.slice(0, SEARCH_LIMIT).map(toPublicListing), truncated: rows.length > SEARCH_LIMIT };
}
