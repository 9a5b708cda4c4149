import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { staffWithIdentityNumber, userById, type UserRow } from '../accounts';
import type { PaymentDeps } from '../payments';
import type { AuctionRow } from './auction.store';
import { hasRenegedOnAsset } from './bidding.store';
import type { PurchaseEligibility } from './purchase-eligibility';

/** What registration, bidding and buying depend on outside the database. */
export interface BiddingDeps {
  payments: PaymentDeps;
  eligibility: PurchaseEligibility;
}

export interface EligibleBidder {
  user: UserRow & { identityNumber: string; identityName: string; identityKind: 'person' | 'organisation' };
  eligibilityRef: string | null;
}

/**
 * Who may take part in an auction of this asset (register, or buy at a fixed price), checked in this order:
 * - a bidder verified under their real name (网拍 Art. 17 para 2: the deposit is paid under the real name);
 * - not staff of the enforcing court or of the platform (网拍 Art. 34; Art. 14(1)). A bidder is matched to staff by
 *   the identity number: the bidder's verified number against the numbers recorded on the court's judge and clerk
 *   accounts and the platform's administrator accounts (a staff account itself cannot register: only bidders can);
 * - not someone who reneged on this asset (网拍 Art. 24 para 2, 拍变 Art. 22: barred from the resale);
 * - for real estate, the pledge of the purchase qualification (竞买资格 Art. 2) and the purchase-restriction check of
 *   the asset's city (竞买资格 Art. 1).
 */
export async function eligibleBidder(ctx: AppContext, deps: BiddingDeps, actor: Actor, auction: AuctionRow, pledge: boolean | undefined): Promise<EligibleBidder> {
  const user = actor.userId ? await userById(ctx.db, actor.userId) : undefined;
  if (!user || user.role !== 'bidder' || !user.verifiedAt || !user.identityNumber || !user.identityName || !user.identityKind) {
    throw new AppError('BIDDER_NOT_VERIFIED', '竞买人须经实名认证后方可报名（网拍第17条） / Only a bidder verified under their real name may register (网拍 Art. 17)');
  }
  const verified = user as EligibleBidder['user'];
  if ((await staffWithIdentityNumber(ctx.db, auction.courtId, verified.identityNumber)).length > 0) {
    throw new AppError(
      'BIDDER_IS_COURT_STAFF',
      '负责执行的人民法院、网络服务提供者及其工作人员不得竞买（网拍第34条） / The enforcing court, the platform and their staff may not bid (网拍 Art. 34)',
    );
  }
  if (await hasRenegedOnAsset(ctx.db, auction.assetId, verified.id)) {
    throw new AppError(
      'BIDDER_BARRED',
      '悔拍后重新拍卖的，原买受人不得参加竞买（网拍第24条，拍变第22条） / A buyer who reneged may not bid in the resale of the asset (网拍 Art. 24; 拍变 Art. 22)',
    );
  }
  let eligibilityRef: string | null = null;
  if (auction.assetKind === 'real_estate') {
    if (pledge !== true) {
      throw new AppError(
        'QUALIFICATION_PLEDGE_REQUIRED',
        '竞买房产须承诺具备购房资格并自愿承担法律后果（竞买资格第2条） / For real estate the bidder must pledge to hold the purchase qualification and accept the consequences (竞买资格 Art. 2)',
      );
    }
    const check = await deps.eligibility.check({ kind: verified.identityKind, name: verified.identityName, number: verified.identityNumber, city: auction.city });
    if (!check.eligible) {
      throw new AppError('PURCHASE_NOT_ELIGIBLE', `受房产所在地限购政策约束的竞买人不得竞拍（竞买资格第1条） / A bidder bound by the purchase restriction where the house lies may not bid (竞买资格 Art. 1): ${check.reason}`, { reason: check.reason, article: '竞买资格 Art. 1' });
    }
    eligibilityRef = check.reference;
  }
  return { user: verified, eligibilityRef };
}
