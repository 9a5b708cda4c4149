import { checkFixedPriceSale, checkReferenceValidity, fixedPriceSaleTerms, violationsOf } from '../../../shared/auction-rules';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { recordAudit } from '../audit';
import { auctionVisibleTo, requireJudge } from './auction-access';
import { pushAfterCommit } from './auction-events';
import { ruleViolation } from './auction-settings';
import { auctionForUpdate, updateAuction, type AuctionRow } from './auction.store';
import { measureToSell } from './draft-auction';

/**
 * After the second auction fails, the court may sell at a fixed price (变卖, 网拍 Art. 26 para 2; 拍变 Art. 25): at the
 * second auction's starting price, for 60 days, published at once; the first buyer to pay the full price takes the
 * asset (payments come with a later step; the sale's end is the scheduled step `fixed_price_unsold`). The sale must
 * start within 6 months after the reference price's validity (参考价 Art. 27).
 */
export async function startFixedPriceSale(ctx: AppContext, actor: Actor, auctionId: string): Promise<AuctionRow> {
  const visible = await auctionVisibleTo(ctx.db, actor, auctionId);
  requireJudge(actor);
  await measureToSell(ctx.db, actor, visible.measureId);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const row = (await auctionForUpdate(tx, auctionId))!;
    const violations = [
      ...violationsOf(checkFixedPriceSale({ round: row.round, status: row.status })),
      ...checkReferenceValidity({ validUntil: row.referenceValidUntil, firstAnnouncementAt: row.firstAnnouncedAt ?? now, saleStartsAt: now }).map((v) => ({ ...v, field: 'fixedPriceSale' })),
    ];
    if (violations.length) throw ruleViolation(violations);
    const terms = fixedPriceSaleTerms(row.startingPrice, now);
    const updated = await updateAuction(tx, auctionId, {
      status: 'fixed_price_sale',
      fixedPrice: terms.price,
      fixedPriceStartsAt: terms.startsAt,
      fixedPriceEndsAt: terms.endsAt,
      updatedAt: now,
    });
    const notify = await pushAfterCommit(ctx, tx, updated);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.fixed_price_sale_started',
      entityType: 'auction',
      entityId: auctionId,
      caseId: row.caseId,
      data: { price: terms.price, startsAt: terms.startsAt.toISOString(), endsAt: terms.endsAt.toISOString() },
    });
    return { updated, notify };
  });
  result.notify();
  return result.updated;
}
