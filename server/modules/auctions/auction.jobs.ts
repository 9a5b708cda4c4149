import { SYSTEM_ACTOR } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { scheduleJob, type ScheduledJob } from '../../platform/jobs';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../audit';
import { closeAuction } from './close-auction';
import { pushAfterCommit } from './auction-events';
import { dueToAnnounce, dueToClose, dueToEndFixedPriceSale, dueToGoLive, markAnnounced, markFixedPriceUnsold, markLive, type AuctionRow } from './auction.store';

export interface AuctionJobOptions {
  /** Rows per query. */
  batch?: number;
}

export interface AuctionJobResult {
  announced: number;
  live: number;
  closed: number;
  fixedPriceEnded: number;
}

/**
 * Runs one kind of transition over everything due, batch after batch. `step` is a conditional update inside the
 * transaction: only the run whose update returns the row audits and pushes, so the transition happens exactly once
 * however many runs and processes race for it.
 */
async function sweep(
  ctx: AppContext,
  due: (db: Db, limit: number) => Promise<AuctionRow[]>,
  step: (tx: Db, id: string) => Promise<AuctionRow | undefined>,
  audit: (row: AuctionRow) => { action: string; data: Record<string, unknown> },
  batch: number,
): Promise<number> {
  let done = 0;
  const seen = new Set<string>();
  for (;;) {
    const rows = (await due(ctx.db, batch)).filter((r) => !seen.has(r.id));
    for (const r of rows) {
      seen.add(r.id);
      const push = await ctx.db.transaction(async (tx) => {
        const row = await step(tx, r.id);
        if (!row) return undefined;
        const notify = await pushAfterCommit(ctx, tx, row);
        const { action, data } = audit(row);
        await recordAudit(tx, ctx.clock, SYSTEM_ACTOR, { action, entityType: 'auction', entityId: row.id, caseId: row.caseId, data });
        return notify;
      });
      if (push) {
        done++;
        push();
      }
    }
    if (rows.length < batch) break;
  }
  return done;
}

/**
 * The scheduled transitions of auctions, in their order, safe to run twice and on several processes at once:
 * - publish approved auctions whose announcement time has come (网拍 Art. 12, 13), a first round only while its
 *   reference price is valid (参考价 Art. 27);
 * - open bidding of announced auctions whose start has come;
 * - end live auctions whose end has come (`closeAuction`: the one place the outcome is decided);
 * - end fixed-price sales (变卖) whose 60 days are over with nobody having paid.
 * Suspended and withdrawn auctions match none of these.
 */
export async function runAuctionJobs(ctx: AppContext, now: Date, options: AuctionJobOptions = {}): Promise<AuctionJobResult> {
  const batch = options.batch ?? 200;
  const announced = await sweep(
    ctx,
    (db, limit) => dueToAnnounce(db, now, limit),
    (tx, id) => markAnnounced(tx, id, now),
    (row) => ({
      action: 'auction.announced',
      data: { round: row.round, announcedAt: now.toISOString(), biddingStartsAt: row.biddingStartsAt.toISOString(), biddingEndsAt: row.biddingEndsAt.toISOString(), startingPrice: row.startingPrice },
    }),
    batch,
  );
  const live = await sweep(
    ctx,
    (db, limit) => dueToGoLive(db, now, limit),
    (tx, id) => markLive(tx, id, now),
    (row) => ({ action: 'auction.live', data: { round: row.round, biddingStartsAt: row.biddingStartsAt.toISOString(), biddingEndsAt: row.biddingEndsAt.toISOString() } }),
    batch,
  );
  let closed = 0;
  const seen = new Set<string>();
  for (;;) {
    const rows = (await dueToClose(ctx.db, now, batch)).filter((r) => !seen.has(r.id));
    for (const r of rows) {
      seen.add(r.id);
      const push = await closeAuction(ctx, r.id, now);
      if (push) {
        closed++;
        push();
      }
    }
    if (rows.length < batch) break;
  }
  const fixedPriceEnded = await sweep(
    ctx,
    (db, limit) => dueToEndFixedPriceSale(db, now, limit),
    (tx, id) => markFixedPriceUnsold(tx, id, now),
    (row) => ({ action: 'auction.fixed_price_unsold', data: { price: row.fixedPrice, endsAt: row.fixedPriceEndsAt?.toISOString() ?? null } }),
    batch,
  );
  return { announced, live, closed, fixedPriceEnded };
}

/**
 * Runs the auction jobs on a cron schedule (config JOBS_CRON), never two runs at once in this process. Returns the
 * task; stop it on shutdown.
 */
export function scheduleAuctionJobs(ctx: AppContext, cronExpression: string, options: AuctionJobOptions & { afterRun?: () => Promise<void> } = {}): ScheduledJob {
  return scheduleJob('auction-jobs', cronExpression, ctx.logger, async () => {
    const result = await runAuctionJobs(ctx, ctx.clock.now(), options);
    if (result.announced || result.live || result.closed || result.fixedPriceEnded) ctx.logger.info(result, 'auction jobs');
    await options.afterRun?.();
  });
}
