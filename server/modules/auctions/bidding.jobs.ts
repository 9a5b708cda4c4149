import type { AppContext } from '../../platform/context';
import { scheduleJob, type ScheduledJob } from '../../platform/jobs';
import { sendRefunds, type PaymentGateway, type RefundRun } from '../payments';
import { auctionById, auctionForUpdate } from './auction.store';
import { auctionsWithHeldDeposits } from './bidding.store';
import { refundHeldDeposits } from './release-deposits';
import { renegeOverdueSales } from './renege-sales';

export interface BiddingJobResult {
  reneged: number;
  depositsReleased: number;
  refunds: RefundRun;
}

/** Auctions that ended without a sale in a way other than the close (withdrawn; the close itself refunds). */
const ENDED_WITHOUT_SALE = ['withdrawn', 'unsold', 'fixed_price_unsold'];

/**
 * The scheduled work after the end, safe to run twice and on several processes:
 * - sales whose balance deadline passed unpaid are reneged (`renegeOverdueSales`, 网拍 Art. 24, 25);
 * - deposits still held on an auction withdrawn (or otherwise ended without a sale) are sent back (网拍 Art. 23);
 * - refunds requested are sent to the bank, and any still outstanding 24 hours after the end is flagged (网拍 Art. 23).
 */
export async function runBiddingJobs(ctx: AppContext, gateway: PaymentGateway, now: Date): Promise<BiddingJobResult> {
  const reneged = await renegeOverdueSales(ctx, now);
  let depositsReleased = 0;
  for (const auctionId of await auctionsWithHeldDeposits(ctx.db)) {
    const seen = await auctionById(ctx.db, auctionId);
    if (!seen || !ENDED_WITHOUT_SALE.includes(seen.status)) continue;
    depositsReleased += await ctx.db.transaction(async (tx) => {
      const auction = (await auctionForUpdate(tx, auctionId))!;
      if (!ENDED_WITHOUT_SALE.includes(auction.status)) return 0;
      const endedAt = auction.endedAt ?? auction.withdrawnAt ?? now;
      return refundHeldDeposits(ctx, tx, auctionId, endedAt, `拍卖${auction.status === 'withdrawn' ? '撤回' : '未成交'}，退还保证金（网拍第23条）：${auction.title} / The auction ended without a sale: deposit refunded (网拍 Art. 23)`);
    });
  }
  const refunds = await sendRefunds(ctx, gateway, now);
  return { reneged, depositsReleased, refunds };
}

/** Runs the bidding jobs on a cron schedule (config JOBS_CRON), never two runs at once in this process. */
export function scheduleBiddingJobs(ctx: AppContext, gateway: PaymentGateway, cronExpression: string): ScheduledJob {
  return scheduleJob('bidding-jobs', cronExpression, ctx.logger, async () => {
    const r = await runBiddingJobs(ctx, gateway, ctx.clock.now());
    if (r.reneged || r.depositsReleased || r.refunds.refunded || r.refunds.failed || r.refunds.overdue) ctx.logger.info(r, 'bidding jobs');
  });
}
