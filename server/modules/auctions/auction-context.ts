import type { SettingsContext } from '../../../shared/auction-rules';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { currentReferencePrice, type ReferencePrice } from '../valuation';
import { auctionById, type AuctionRow } from './auction.store';

export interface RuleContext {
  context: SettingsContext;
  /** Round 1: the measure's reference price now in force, which the settings are checked against and stored with. */
  reference: ReferencePrice | null;
}

/**
 * What an auction's settings are checked against at `now`. A first round rests on the measure's reference price in
 * force (参考价 Art. 27: the first announcement needs a valid one); a relisting on the unsold first round (网拍 Art. 26)
 * and the price that round was announced on.
 */
export async function ruleContextOf(db: Db, row: AuctionRow, now: Date): Promise<RuleContext> {
  if (row.round > 1 && row.previousAuctionId) {
    const previous = (await auctionById(db, row.previousAuctionId))!;
    return {
      reference: null,
      context: {
        assetKind: row.assetKind as SettingsContext['assetKind'],
        now,
        round: row.round,
        reference: { amount: row.referencePrice, validUntil: row.referenceValidUntil },
        previous: { startingPrice: previous.startingPrice, endedAt: previous.endedAt!, firstAnnouncedAt: previous.firstAnnouncedAt! },
      },
    };
  }
  const reference = await currentReferencePrice(db, row.measureId, now);
  if (!reference) {
    throw new AppError('REFERENCE_PRICE_REQUIRED', '该财产没有有效的处置参考价，请先确定参考价（参考价第27条） / The asset has no valid reference price; fix one first (参考价 Art. 27)');
  }
  return {
    reference,
    context: { assetKind: row.assetKind as SettingsContext['assetKind'], now, round: 1, reference: { amount: reference.amount, validUntil: reference.validUntil } },
  };
}
