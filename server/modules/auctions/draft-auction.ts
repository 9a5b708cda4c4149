import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { assetClassOf } from '../../../shared/auction-rules';
import type { AuctionSettingsBody } from '../../../shared/schemas/auctions';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit';
import { caseVisibleTo, type CaseRow } from '../cases';
import { courtById } from '../courts';
import { measureById, type MeasureRow } from '../measures';
import { currentReferencePrice } from '../valuation';
import { requireStaff } from './auction-access';
import { pushAfterCommit } from './auction-events';
import { referenceColumns, ruleViolation, settingsColumns, settingsViolations, toSettings } from './auction-settings';
import { activeAuctionOfAsset, insertAuction, type AuctionRow } from './auction.store';

/** The city an asset is announced under when the court gives none: the court's (北京市朝阳区人民法院 → 北京市). */
export function cityOfCourt(court: { name: string; province: string }): string {
  const at = court.name.indexOf('市');
  return at > 0 ? court.name.slice(0, at + 1) : court.province;
}

/**
 * Serialises the auctions of one asset (a second draft racing the first; a relisting racing another) across
 * connections and processes; held until the transaction ends.
 */
export async function lockAsset(tx: Db, assetId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`auctions:asset:${assetId}`}))`);
}

/**
 * The seized asset to be sold, for staff of the measure's court: the measure must be in force (拍变 Art. 1: the court
 * sells what it has seized) on an asset that is not money (funds are deducted), in an open case.
 */
export async function measureToSell(db: Db, actor: Actor, measureId: string): Promise<{ measure: MeasureRow; theCase: CaseRow }> {
  requireStaff(actor);
  const measure = await measureById(db, measureId);
  if (!measure) throw notFound('measure', '措施');
  const theCase = await caseVisibleTo(db, actor, measure.caseId).catch(() => {
    throw notFound('measure', '措施');
  });
  if (theCase.status !== 'open') throw new AppError('CASE_NOT_OPEN', '案件已结，不能拍卖 / The case is closed; nothing may be auctioned');
  if (measure.status !== 'in_force') {
    throw new AppError('MEASURE_NOT_IN_FORCE', `只能拍卖查封、冻结有效的财产，该措施为${measure.status}（拍变第1条） / Only an asset under a measure in force may be auctioned; this one is ${measure.status} (拍变 Art. 1)`);
  }
  return { measure, theCase };
}

/**
 * Builds the draft of a first auction of the asset under a measure in force, on its valid reference price (参考价), with
 * the court's settings: every rule of 网拍 Art. 10, 12, 13, 17, 19, 20, 25, 27 and 参考价 Art. 27 is checked and each
 * violation refused with its article (nothing saved). The panel approves it before it is published.
 */
export async function draftAuction(ctx: AppContext, actor: Actor, measureId: string, body: AuctionSettingsBody): Promise<AuctionRow> {
  const { measure, theCase } = await measureToSell(ctx.db, actor, measureId);
  if (!assetClassOf(measure.assetKind as never)) {
    throw new AppError('ASSET_NOT_AUCTIONABLE', '资金类财产应扣划，不拍卖 / Funds are deducted, not auctioned');
  }
  const now = ctx.clock.now();
  const reference = await currentReferencePrice(ctx.db, measureId, now);
  if (!reference) {
    throw new AppError('REFERENCE_PRICE_REQUIRED', '该财产没有有效的处置参考价，请先确定参考价（参考价第1条、第27条） / The asset has no valid reference price; fix one first (参考价 Arts. 1, 27)');
  }
  const settings = toSettings(body);
  const violations = await settingsViolations(ctx.db, theCase.courtId, settings, body.panel, {
    assetKind: measure.assetKind as never,
    now,
    reference: { amount: reference.amount, validUntil: reference.validUntil },
    round: 1,
  });
  if (violations.length) throw ruleViolation(violations);
  const court = (await courtById(ctx.db, theCase.courtId))!;

  const push = await ctx.db.transaction(async (tx) => {
    await lockAsset(tx, measure.assetId);
    const existing = await activeAuctionOfAsset(tx, measure.assetId);
    if (existing) throw new AppError('AUCTION_EXISTS', `该财产已有拍卖（${existing.status}） / This asset already has an auction (${existing.status})`, { auctionId: existing.id });
    const row: AuctionRow = {
      id: randomUUID(),
      courtId: theCase.courtId,
      caseId: theCase.id,
      caseNo: theCase.caseNo,
      measureId: measure.id,
      assetId: measure.assetId,
      assetKind: measure.assetKind,
      assetIdentifier: measure.assetIdentifier,
      title: body.title,
      description: body.description,
      city: body.city ?? cityOfCourt(court),
      round: 1,
      previousAuctionId: null,
      status: 'draft',
      version: 1,
      seq: 1,
      ...referenceColumns(reference),
      ...settingsColumns(body, settings),
      bidSeq: 0,
      leadingBidId: null,
      createdBy: actor.userId!,
      createdAt: now,
      updatedBy: actor.userId!,
      updatedAt: now,
      approvedAt: null,
      announcedAt: null,
      firstAnnouncedAt: null,
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
    await insertAuction(tx, row, body.panel);
    const notify = await pushAfterCommit(ctx, tx, row);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'auction.drafted',
      entityType: 'auction',
      entityId: row.id,
      caseId: row.caseId,
      data: {
        round: 1,
        measureId: measure.id,
        asset: measure.assetIdentifier,
        referencePrice: row.referencePrice,
        valuationId: reference.valuationId,
        startingPrice: row.startingPrice,
        deposit: row.deposit,
        increment: row.increment,
        announcementAt: row.announcementAt.toISOString(),
        biddingStartsAt: row.biddingStartsAt.toISOString(),
        biddingEndsAt: row.biddingEndsAt.toISOString(),
        panel: body.panel,
      },
    });
    return { notify, row };
  });
  push.notify();
  return push.row;
}
