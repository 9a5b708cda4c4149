/**
 * Precise timers for the moments bidding starts and ends (ARCHITECTURE invariant 4): the cron sweep of
 * `runAuctionJobs` runs once a minute as the safety net; these fire on the millisecond in the process that armed
 * them. Both run the same idempotent, conditional transitions, on any process, any number of times: a close that
 * finds the end moved (a late bid here or on another process) does nothing, and the timer is armed again for the
 * new end. Only moments within the next `horizonMs` are armed; `armDue` (at start and after each sweep) picks up
 * the rest as they come near.
 */
import type { AppContext } from '../../platform/context';
import { runAuctionJobs } from './auction.jobs';
import { auctionById, startingOrEndingBefore } from './auction.store';
import { closeAuction } from './close-auction';

/** A close fires this long after the end, so that a bid received in the last millisecond has reached the lock. */
const CLOSE_GRACE_MS = 50;

export class LiveTimers {
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly horizonMs = 5 * 60_000,
  ) {}

  /** Arms (or moves) the timer of an auction's end or start at `at`. */
  arm(auctionId: string, at: Date, kind: 'close' | 'start' = 'close'): void {
    if (this.stopped) return;
    const delay = at.getTime() - this.ctx.clock.nowMs() + (kind === 'close' ? CLOSE_GRACE_MS : 0);
    if (delay > this.horizonMs) return;
    const existing = this.timers.get(auctionId);
    if (existing?.at === at.getTime()) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => void this.fire(auctionId, kind), Math.max(0, delay));
    timer.unref();
    this.timers.set(auctionId, { at: at.getTime(), timer });
  }

  /** Arms the timers of every start and end within the horizon. */
  async armDue(): Promise<void> {
    const due = await startingOrEndingBefore(this.ctx.db, new Date(this.ctx.clock.nowMs() + this.horizonMs));
    for (const a of due) this.arm(a.id, a.at, a.status === 'live' ? 'close' : 'start');
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async fire(auctionId: string, kind: 'close' | 'start'): Promise<void> {
    this.timers.delete(auctionId);
    try {
      if (kind === 'start') {
        await runAuctionJobs(this.ctx, this.ctx.clock.now());
      } else {
        const push = await closeAuction(this.ctx, auctionId, this.ctx.clock.now());
        push?.();
      }
      // Still live (the end moved), or just gone live: follow its end.
      const row = await auctionById(this.ctx.db, auctionId);
      if (row?.status === 'live') this.arm(auctionId, row.biddingEndsAt, 'close');
    } catch (err) {
      this.ctx.logger.error({ err, auctionId }, 'auction timer failed; the sweep will retry');
    }
  }
}
